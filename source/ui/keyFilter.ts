// The `/` filter: words match alias, key id or description; `col:value` matches one column
// (e.g. `state:disabled`, `badge:outdated`, `spec:hmac`). Every term must match (AND), case
// does not matter, and values are substrings. Quotes keep spaces: `desc:"demo key"`.
// Whatever identifier the AWS CLI prints finds its key when pasted: a key id, an alias name, and a
// key ARN or alias ARN (matched exactly, by id or alias; quotes and a trailing comma from JSON
// output are dropped). A `word:` that is not a column is searched as text, and said so.
import type {FilterColumn, KeyRow} from './keyRows.js';
import {formatCount} from '../policy/index.js';

export interface FilterTerm {
  column: FilterColumn | 'any';
  value: string;
  /** From a pasted ARN: the whole key id or one whole alias, not a substring. */
  exact?: boolean;
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
const KMS_ARN = /^arn:aws[a-z-]*:kms:([a-z0-9-]*):(\d{12}):(key|alias)\/(.+)$/i;

/** What the filter says beyond its terms: prefixes that are not columns, the Regions of pasted ARNs. */
export interface ParsedFilter {
  terms: FilterTerm[];
  unknownColumns: string[];
  arnRegions: string[];
}

/** A pasted value loses the quotes and the trailing comma of the CLI's JSON output. */
const unwrap = (word: string) => word.replace(/^["']+/, '').replace(/["',]+$/, '');

function wordTerm(raw: string, parsed: ParsedFilter): FilterTerm | undefined {
  const word = unwrap(raw);
  const arn = KMS_ARN.exec(word);
  if (arn) {
    const [, region, , kind, rest] = arn;
    if (region) parsed.arnRegions.push(region.toLowerCase());
    return kind!.toLowerCase() === 'key'
      ? {column: 'id', value: rest!, exact: true}
      : {column: 'alias', value: `alias/${rest}`, exact: true};
  }
  const colon = word.indexOf(':');
  if (colon > 0) {
    const prefix = word.slice(0, colon).toLowerCase();
    const column = COLUMN_NAMES[prefix];
    if (column) return {column, value: word.slice(colon + 1)};
    // An unknown prefix (a typo, part of some other ARN) is searched as a plain word, and said so.
    if (/^[a-z]+$/.test(prefix) && prefix !== 'arn') parsed.unknownColumns.push(prefix);
  }
  return {column: 'any', value: word};
}

export function analyseFilter(query: string): ParsedFilter {
  const parsed: ParsedFilter = {terms: [], unknownColumns: [], arnRegions: []};
  for (const m of query.matchAll(TOKEN)) {
    const [, quotedColumn, quotedValue, quotedWord, word] = m;
    let term: FilterTerm | undefined;
    if (quotedColumn !== undefined) {
      const column = COLUMN_NAMES[quotedColumn.toLowerCase()];
      if (!column) parsed.unknownColumns.push(quotedColumn.toLowerCase());
      term = column ? {column, value: quotedValue ?? ''} : {column: 'any', value: m[0]};
    } else if (quotedWord !== undefined) term = wordTerm(quotedWord, parsed);
    else if (word !== undefined) term = wordTerm(word, parsed);
    if (term) parsed.terms.push({...term, value: term.value.toLowerCase()});
  }
  parsed.terms = parsed.terms.filter(t => t.value !== '');
  return parsed;
}

export function parseFilter(query: string): FilterTerm[] {
  return analyseFilter(query).terms;
}

function termMatches(row: KeyRow, t: FilterTerm): boolean {
  const field = row.search[t.column];
  if (!t.exact) return field.includes(t.value);
  return t.column === 'alias' ? field.split(' ').includes(t.value) : field === t.value;
}

export function matchesFilter(row: KeyRow, terms: readonly FilterTerm[]): boolean {
  for (const t of terms) {
    if (!termMatches(row, t)) return false;
  }
  return true;
}

/** O(rows × terms); returns the input array itself when there is nothing to filter. */
export function filterRows(rows: readonly KeyRow[], query: string): readonly KeyRow[] {
  const terms = parseFilter(query);
  if (terms.length === 0) return rows;
  return rows.filter(row => matchesFilter(row, terms));
}

/** Columns whose values arrive after the list: DescribeKey's metadata, GetKeyPolicy's badge. */
const NEEDS_METADATA = new Set<string>(['state', 'spec', 'usage', 'manager', 'desc', 'any']);

export interface FilterProgress {
  total: number;
  described: number;
  classified: number;
}

/**
 * Sentences about the filter for the line under the table: a column that does not exist, an ARN
 * from another Region, or that the values it looks at are still loading (so "no match" may not be
 * the last word).
 */
export function filterNotes(query: string, region: string, progress: FilterProgress): string[] {
  const {terms, unknownColumns, arnRegions} = analyseFilter(query);
  const notes: string[] = [];
  for (const name of new Set(unknownColumns)) {
    notes.push(
      `"${name}:" is not a column, so it was searched as text; columns: alias id state spec usage manager desc badge.`,
    );
  }
  const elsewhere = [...new Set(arnRegions)].filter(r => r !== region.toLowerCase());
  if (elsewhere.length > 0) {
    notes.push(
      `That ARN is in ${elsewhere.join(', ')}; this list is ${region}. Press : to switch Region (keypol show ARN goes there by itself).`,
    );
  }
  const {total} = progress;
  if (terms.some(t => t.column === 'badge') && progress.classified < total) {
    notes.push(
      `Still loading: policies known for ${formatCount(progress.classified)} of ${formatCount(total)} keys; more may match.`,
    );
  } else if (terms.some(t => NEEDS_METADATA.has(t.column)) && progress.described < total) {
    notes.push(
      `Still loading: details known for ${formatCount(progress.described)} of ${formatCount(total)} keys; more may match.`,
    );
  }
  return notes;
}
