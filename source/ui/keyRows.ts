// The key list's row model. Each row is built once per change of its data: display strings are
// sanitised here (everything from AWS is untrusted) and the lower-case search fields are
// precomputed, so filtering 10,000 rows per keystroke is a flat loop of `includes`.
import type {KeyDetails, KeySummary} from '../aws/types.js';
import {sanitizeText} from '../policy/index.js';
import type {BadgeTone} from './theme.js';

/** What the policy column shows: a classification badge, or why there is none. */
export interface Badge {
  label: string;
  tone: BadgeTone;
  /** Set when GetKeyPolicy failed: the sentence the gateway gave. */
  error?: string;
}

export interface KeyRow {
  /** As KMS sent it: what the gateway is called with. Never displayed unsanitised. */
  keyId: string;
  summary: KeySummary;
  details?: KeyDetails;
  badge?: Badge;
  /** DescribeKey's failure for this key, as the gateway worded it (raw). */
  failure?: string;
  /** Why DescribeKey or GetKeyPolicy failed for this key (sanitised), shown under the table. */
  problem?: string;
  /** The aliases without `alias/`, sanitised: the table shows as many as fit and counts the rest. */
  aliases: string[];
  cells: {
    alias: string;
    id: string;
    state: string;
    spec: string;
    manager: string;
    description: string;
    badge: string;
  };
  search: SearchFields;
}

export type FilterColumn = 'alias' | 'id' | 'state' | 'spec' | 'usage' | 'manager' | 'desc' | 'badge';

export type SearchFields = Record<FilterColumn, string> & {
  /** alias, id and description: what a bare word is matched against. */
  any: string;
};

const clean = (s: string | undefined) => (s === undefined ? '' : sanitizeText(s));

export function buildRow(summary: KeySummary, details?: KeyDetails, badge?: Badge, failure?: string): KeyRow {
  const aliases = summary.aliases.map(a => clean(a.replace(/^alias\//, '')));
  const alias = aliases.join(', ');
  const id = clean(summary.keyId);
  const cells = {
    alias,
    id,
    state: clean(details?.state),
    // SYMMETRIC_DEFAULT reads as SYMMETRIC: the table is narrow at 80 columns.
    spec: clean(details?.keySpec).replace(/^SYMMETRIC_DEFAULT$/, 'SYMMETRIC'),
    manager: details ? clean(details.keyManager) : '',
    description: clean(details?.description),
    badge: badge ? clean(badge.label) : '',
  };
  const lower = (s: string) => s.toLowerCase();
  const search: SearchFields = {
    alias: lower(summary.aliases.map(clean).join(' ')),
    id: lower(id),
    state: lower(cells.state),
    spec: lower(clean(details?.keySpec)),
    usage: lower(clean(details?.keyUsage)),
    manager: lower(cells.manager),
    desc: lower(cells.description),
    badge: lower(cells.badge),
    any: '',
  };
  search.any = `${search.alias}\n${search.id}\n${search.desc}`;
  const problem = failure ?? badge?.error;
  return {
    keyId: summary.keyId,
    summary,
    details,
    badge,
    aliases,
    cells,
    search,
    ...(failure ? {failure} : {}),
    ...(problem ? {problem: clean(problem)} : {}),
  };
}
