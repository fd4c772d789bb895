// The `/` filter: words match alias, key id or description; `col:value` matches one column
// (e.g. `state:disabled`, `badge:outdated`, `spec:hmac`). Every term must match (AND), case
// does not matter, and values are substrings. Quotes keep spaces: `desc:"demo key"`.
import type {FilterColumn, KeyRow} from './keyRows.js';

export interface FilterTerm {
  column: FilterColumn | 'any';
  value: string;
}

const COLUMN_NAMES: Readonly<Record<string, FilterColumn>> = {
  alias: 'alias',
  id: 'id',
  key: 'id',
  state: 'state',
  spec: 'spec',
  usage: 'usage',
  manager: 'manager',
  desc: 'desc',
  description: 'desc',
  badge: 'badge',
  policy: 'badge',
};

export const FILTER_COLUMNS = Object.keys(COLUMN_NAMES);

const TOKEN = /([A-Za-z]+):"([^"]*)"?|"([^"]*)"?|(\S+)/g;

export function parseFilter(query: string): FilterTerm[] {
  const terms: FilterTerm[] = [];
  for (const m of query.matchAll(TOKEN)) {
    const [, quotedColumn, quotedValue, quotedWord, word] = m;
    if (quotedColumn !== undefined) {
      const column = COLUMN_NAMES[quotedColumn.toLowerCase()];
      terms.push(column ? {column, value: quotedValue ?? ''} : {column: 'any', value: m[0]});
    } else if (quotedWord !== undefined) {
      terms.push({column: 'any', value: quotedWord});
    } else if (word !== undefined) {
      const colon = word.indexOf(':');
      const column = colon > 0 ? COLUMN_NAMES[word.slice(0, colon).toLowerCase()] : undefined;
      // An unknown prefix (an ARN, a typo) is searched as a plain word rather than rejected.
      terms.push(column ? {column, value: word.slice(colon + 1)} : {column: 'any', value: word});
    }
  }
  return terms.map(t => ({column: t.column, value: t.value.toLowerCase()})).filter(t => t.value !== '');
}

export function matchesFilter(row: KeyRow, terms: readonly FilterTerm[]): boolean {
  for (const t of terms) {
    if (!row.search[t.column].includes(t.value)) return false;
  }
  return true;
}

/** O(rows × terms); returns the input array itself when there is nothing to filter. */
export function filterRows(rows: readonly KeyRow[], query: string): readonly KeyRow[] {
  const terms = parseFilter(query);
  if (terms.length === 0) return rows;
  return rows.filter(row => matchesFilter(row, terms));
}
