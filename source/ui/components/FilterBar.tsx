// The filter line: while editing, a text field after `/`; afterwards the applied filter, so the
// operator always sees why rows are missing. Enter and Esc belong to the screen (keymap 'filter').
import React from 'react';
import {Text} from 'ink';
import {useTheme} from '../context.js';
import {displayWidth, truncate} from '../../policy/index.js';
import {TextInput} from './TextInput.js';

export interface FilterBarProps {
  query: string;
  editing: boolean;
  onChange: (query: string) => void;
  width: number;
  /** What the field searches, shown while it is empty: wordings longest first, the longest that fits is shown. */
  placeholder?: readonly string[];
}

const KEY_PLACEHOLDER = [
  'alias, id, description or col:value (state: spec: badge: …)',
  'alias, id, description or col:value (state: …)',
  'alias, id, description or col:value',
  'alias, id or col:value',
];

/** The longest wording that fits in `room` cells (a cut hint would hide how to use the field). */
export function pickPlaceholder(wordings: readonly string[], room: number): string {
  return wordings.find(w => displayWidth(w) <= room) ?? truncate(wordings.at(-1) ?? '', room);
}

export function FilterBar({query, editing, onChange, width, placeholder}: FilterBarProps) {
  const theme = useTheme();
  if (editing) {
    return (
      <Text wrap="truncate">
        <Text bold color={theme.accent}>
          {' / '}
        </Text>
        <TextInput
          value={query}
          onChange={onChange}
          width={Math.max(1, width - 4)}
          // TextInput keeps one cell for the cursor.
          placeholder={pickPlaceholder(placeholder ?? KEY_PLACEHOLDER, Math.max(1, width - 4) - 1)}
        />
      </Text>
    );
  }
  if (query === '') {
    return (
      <Text color={theme.muted} wrap="truncate">
        {truncate(' / to filter', width)}
      </Text>
    );
  }
  return (
    <Text wrap="truncate">
      <Text color={theme.muted}> filter </Text>
      <Text bold>{truncate(query, Math.max(0, width - 9))}</Text>
    </Text>
  );
}
