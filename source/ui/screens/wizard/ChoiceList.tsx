// A vertical list to pick one item from (↑/k ↓/j, Enter), for the flows' questions. Unlike
// ink-select-input it keeps the cursor in a ref, so ↓ and Enter that arrive in one read select
// the item ↓ moved to, not the one the last render showed: a fast ↓⏎ must not pick another choice.
import React, {useRef, useState} from 'react';
import {Box, Text} from 'ink';
import {useKeyInput} from '../../keyInput.js';
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
  /** Where the cursor starts: the answer given before, when the operator comes back to this step. */
  initial?: number;
}

export function ChoiceList<T>({
  items,
  onSelect,
  isFocused = true,
  limit = items.length,
  initial = 0,
}: ChoiceListProps<T>) {
  const theme = useTheme();
  const height = Math.max(1, limit);
  const [view, setView] = useState<View>(() => follow({cursor: initial, offset: 0}, items.length, height));
  const latest = useRef(view);
  latest.current = follow(view, items.length, height);

  useKeyInput(
    (input, key) => {
      for (const [i, k] of splitKeys(input, key)) {
        const act = actionFor('flow', i, k);
        if (act === 'up' || act === 'down' || act === 'top' || act === 'bottom') {
          latest.current = move(latest.current, act, items.length, height);
          setView(latest.current);
        } else if (act === 'next') {
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
