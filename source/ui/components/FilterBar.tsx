// The filter line: while editing, a text field after `/`; afterwards the applied filter, so the
// operator always sees why rows are missing. Enter and Esc belong to the screen (keymap 'filter').
import React from 'react';
import {Text} from 'ink';
import {useTheme} from '../context.js';
import {truncate} from '../../policy/index.js';
import {TextInput} from './TextInput.js';

export interface FilterBarProps {
  query: string;
  editing: boolean;
  onChange: (query: string) => void;
  width: number;
  /** What the field searches, shown while it is empty. */
  placeholder?: string;
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
          placeholder={placeholder ?? 'alias, id, description or col:value (state: spec: badge: …)'}
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
