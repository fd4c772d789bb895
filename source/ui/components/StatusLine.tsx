// Counts and progress for the key list: how many rows the filter leaves, the sort column, and
// how far metadata and policy badges have filled in (no spinner: a counter is calm over SSH).
import React from 'react';
import {Text} from 'ink';
import {useTheme} from '../context.js';
import type {LoaderProgress} from '../keyLoader.js';
import type {SortColumn} from '../keySort.js';

export interface StatusLineProps {
  shown: number;
  total: number;
  sort: SortColumn;
  progress: LoaderProgress;
  /** `r` is re-listing the keys (the old rows stay until the new list arrives). */
  refreshing: boolean;
}

export function statusText({shown, total, sort, progress, refreshing}: StatusLineProps): string {
  const parts = [shown === total ? `${total} keys` : `${shown} of ${total} keys`, `sort ${sort}`];
  if (refreshing) parts.unshift('refreshing');
  if (progress.aliasesLoading !== undefined) parts.push(`aliases ${progress.aliasesLoading}…`);
  if (progress.described < progress.total) parts.push(`metadata ${progress.described}/${progress.total}`);
  if (progress.classified < progress.total) parts.push(`policies ${progress.classified}/${progress.total}`);
  return parts.join(' · ') + ' ';
}

export function StatusLine(props: StatusLineProps) {
  const theme = useTheme();
  return (
    <Text color={theme.muted} wrap="truncate">
      {statusText(props)}
    </Text>
  );
}
