// The key table: a header line and exactly the rows it is given (the screen passes only the
// visible slice, so this renders the same amount of work for 30 keys or 10,000). One <Text>
// per row with fixed-width cells: a row can never wrap or push the frame past the terminal.
import React from 'react';
import {Box, Text} from 'ink';
import {useTheme} from '../context.js';
import {GAP, MARKER_WIDTH, type Column} from '../columns.js';
import type {KeyRow} from '../keyRows.js';
import {fit} from '../../policy/index.js';
import {aliasList} from '../aliasList.js';

export interface KeyTableProps {
  rows: readonly KeyRow[];
  columns: readonly Column[];
  /** Index into `rows` of the selected row, or -1. */
  selected: number;
  /** The sorted column's title is marked ▲ (▼ reversed). */
  sort?: {column: string; reverse: boolean};
  width: number;
}

const PENDING = '…';
const FAILED = '?';
const SEP = ' '.repeat(GAP);

export function KeyTable({rows, columns, selected, sort, width}: KeyTableProps) {
  const theme = useTheme();
  return (
    <Box flexDirection="column" width={width}>
      <Text bold color={theme.muted} wrap="truncate">
        {' '.repeat(MARKER_WIDTH)}
        {columns
          .map(c => fit(c.key === sort?.column ? `${c.title} ${sort.reverse ? '▼' : '▲'}` : c.title, c.width))
          .join(SEP)}
      </Text>
      {rows.map((row, i) => {
        const isSelected = i === selected;
        return (
          <Text key={row.keyId} inverse={isSelected} bold={isSelected} wrap="truncate">
            {isSelected ? '› ' : '  '}
            {columns.map((c, ci) => {
              const missing = row.cells[c.key] === '' && needsData(c.key, row);
              // A cell whose data failed to load says so (the reason is under the table).
              const shown = missing ? (row.failure ? FAILED : PENDING) : cell(row, c);
              const text = fit(shown, c.width) + (ci < columns.length - 1 ? SEP : '');
              const color = missing
                ? row.failure
                  ? theme.warning
                  : theme.muted
                : c.key === 'badge' && row.badge
                  ? theme.badge[row.badge.tone]
                  : undefined;
              return (
                <Text key={c.key} color={color}>
                  {text}
                </Text>
              );
            })}
          </Text>
        );
      })}
    </Box>
  );
}

/** A cell's text; several aliases that do not fit show as the first ones and a count ("pending-deletion +2"). */
function cell(row: KeyRow, c: Column): string {
  if (c.key !== 'alias' || row.aliases.length < 2) return row.cells[c.key];
  return aliasList(row.aliases, c.width, {cut: true, more: n => ` +${n}`}) ?? '';
}

/** An empty cell is "still loading" only for data that is on its way; an empty alias is just empty. */
function needsData(key: Column['key'], row: KeyRow): boolean {
  if (key === 'badge') return row.badge === undefined;
  if (key === 'alias' || key === 'id' || key === 'description') return false;
  return row.details === undefined;
}
