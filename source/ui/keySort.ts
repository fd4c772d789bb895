// `s` cycles the sort column of the key list. Comparisons use the precomputed lower-case search
// fields (no localeCompare: 10,000 rows sort in a few milliseconds). Empty values sort last, so
// keys without an alias or with metadata still loading gather at the bottom; ties go by key id.
import type {KeyRow} from './keyRows.js';

export type SortColumn = 'alias' | 'id' | 'state' | 'spec' | 'badge' | 'manager';

export const SORT_ORDER: readonly SortColumn[] = ['alias', 'id', 'state', 'spec', 'badge', 'manager'];

export function nextSort(column: SortColumn): SortColumn {
  return SORT_ORDER[(SORT_ORDER.indexOf(column) + 1) % SORT_ORDER.length] ?? 'alias';
}

function compareText(a: string, b: string): number {
  if (a === b) return 0;
  if (a === '') return 1;
  if (b === '') return -1;
  return a < b ? -1 : 1;
}

export function sortRows(rows: readonly KeyRow[], column: SortColumn): KeyRow[] {
  return [...rows].sort(
    (a, b) => compareText(a.search[column], b.search[column]) || compareText(a.search.id, b.search.id),
  );
}
