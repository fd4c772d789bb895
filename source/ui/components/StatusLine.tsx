// Counts and progress for the key list: how many rows the filter leaves, the sort column, and
// how far metadata and policy badges have filled in (no spinner: a counter is calm over SSH).
import React from 'react';
import {Text} from 'ink';
import {useTheme} from '../context.js';
import type {LoaderProgress} from '../keyLoader.js';
import type {SortColumn} from '../keySort.js';
import {formatCount} from '../../policy/index.js';

export interface StatusLineProps {
  shown: number;
  total: number;
  sort: SortColumn;
  /** `S`: the sort runs backwards. */
  reverse?: boolean;
  progress: LoaderProgress;
  /** `r` is re-listing the keys (the old rows stay until the new list arrives). */
  refreshing: boolean;
}

export function statusText({shown, total, sort, reverse, progress, refreshing}: StatusLineProps): string {
  const keys = (n: number) => `${formatCount(n)} key${n === 1 ? '' : 's'}`;
  const parts = [
    shown === total ? keys(total) : `${formatCount(shown)} of ${keys(total)}`,
    `sort ${sort} ${reverse ? '▼' : '▲'}`,
  ];
  if (refreshing) parts.unshift('refreshing');
  if (progress.aliasesLoading !== undefined) parts.push(`aliases ${formatCount(progress.aliasesLoading)}…`);
  if (progress.described < progress.total)
    parts.push(`metadata ${formatCount(progress.described)}/${formatCount(progress.total)}`);
  if (progress.classified < progress.total)
    parts.push(`policies ${formatCount(progress.classified)}/${formatCount(progress.total)}`);
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
