// Below the smallest size every screen is laid out for, one sentence instead of broken words.
// The screens stay mounted (hidden) so the operator's place and answers survive the resize.
import React from 'react';
import {Box, Text} from 'ink';

export const MIN_SIZE = {columns: 60, rows: 12} as const;

export function isTooSmall(columns: number, rows: number): boolean {
  return columns < MIN_SIZE.columns || rows < MIN_SIZE.rows;
}

export function TooSmall({columns, rows}: {columns: number; rows: number}) {
  return (
    <Box width={columns} flexDirection="column">
      <Text wrap="wrap">
        Make the terminal larger: keypol needs {MIN_SIZE.columns}×{MIN_SIZE.rows}, this one is {columns}×
        {rows}.
      </Text>
      <Text wrap="wrap">q quits.</Text>
    </Box>
  );
}
