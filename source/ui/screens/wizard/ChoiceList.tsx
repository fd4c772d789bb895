// A vertical list to pick one item from (↑/k ↓/j, Enter), for the flows' questions. Unlike
// ink-select-input it keeps the cursor in a ref, so ↓ and Enter that arrive in one read select
// the item ↓ moved to, not the one the last render showed: a fast ↓⏎ must not pick another choice.
import React, {useRef, useState} from 'react';
import {Box, Text, useInput} from 'ink';
import {useTheme} from '../../context.js';
import {actionFor, splitKeys} from '../../keymap.js';
import {follow, move, visibleRange, type View} from '../../viewport.js';

export interface ListItem<T> {
  key?: string;
  label: string;
  value: T;
}

export interface ChoiceListProps<T> {
  items: readonly ListItem<T>[];
  onSelect: (item: ListItem<T>) => void;
  isFocused?: boolean;
  /** Rows to show; a longer list scrolls with the cursor. */
  limit?: number;
}

export function ChoiceList<T>({items, onSelect, isFocused = true, limit = items.length}: ChoiceListProps<T>) {
  const theme = useTheme();
  const height = Math.max(1, limit);
  const [view, setView] = useState<View>({cursor: 0, offset: 0});
  const latest = useRef(view);
  latest.current = follow(view, items.length, height);

  useInput(
    (input, key) => {
      for (const [i, k] of splitKeys(input, key)) {
        const act = actionFor('keyDetail', i, k);
        if (act === 'up' || act === 'down') {
          latest.current = move(latest.current, act, items.length, height);
          setView(latest.current);
        } else if (actionFor('wizard', i, k) === 'next') {
          const item = items[latest.current.cursor];
          if (item) onSelect(item);
          return;
        }
      }
    },
    {isActive: isFocused},
  );

  const {start, end} = visibleRange(latest.current, items.length, height);
  return (
    <Box flexDirection="column">
      {items.slice(start, end).map((item, i) => {
        const selected = start + i === latest.current.cursor;
        return (
          <Text key={item.key ?? item.label} color={selected ? theme.accent : undefined} wrap="truncate-end">
            {selected ? '❯ ' : '  '}
            {item.label}
          </Text>
        );
      })}
    </Box>
  );
}
