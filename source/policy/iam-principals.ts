// The account's IAM roles and users as keypol shows them: what kind each is (an IAM Identity
// Center permission-set role, a service-linked role, a plain role or user) and the picker's
// filter — every word must match the name, path or ARN as a substring, or the name fuzzily
// (its letters in order), best matches first.

export interface IamPrincipal {
  type: 'role' | 'user';
  name: string;
  /** `/` or `/a/b/`. */
  path: string;
  arn: string;
  /** RoleId (AROA…) or UserId (AIDA…). */
  id: string;
  /** ISO-8601. */
  created?: string;
  /** ISO-8601; roles only, and only where IAM returned it. */
  lastUsed?: string;
}

export type PrincipalLabel = 'sso' | 'service-linked' | 'role' | 'user';

export function principalLabel(p: Pick<IamPrincipal, 'type' | 'path' | 'name'>): PrincipalLabel {
  if (p.type === 'user') return 'user';
  if (p.path.startsWith('/aws-service-role/')) return 'service-linked';
  if (p.path.startsWith('/aws-reserved/sso.amazonaws.com/') && p.name.startsWith('AWSReservedSSO_'))
    return 'sso';
  return 'role';
}

export const LABEL_TEXT: Readonly<Record<PrincipalLabel, string>> = {
  sso: 'SSO role',
  'service-linked': 'service-linked',
  role: 'role',
  user: 'user',
};

/** Why a service-linked role is a poor key administrator (the picker says it beside the row). */
export const SERVICE_LINKED_NOTE =
  'Service-linked roles are assumed only by their AWS service, with permissions that service defines: ' +
  'as a key administrator one can do nothing useful. Give it access as a key user only if the service needs the key.';

export const SSO_NOTE =
  'IAM Identity Center manages this role for a permission set; IAM Identity Center may recreate it with a new ' +
  'suffix (and a new unique id) when the permission set is reprovisioned.';

/** What the filter reads of a row: a principal, or a policy member shown like one. */
export interface Filterable {
  type: string;
  name: string;
  path: string;
  arn: string;
}

interface Haystack {
  name: string;
  all: string;
}

const haystacks = new WeakMap<Filterable, Haystack>();

function haystack(p: Filterable): Haystack {
  let h = haystacks.get(p);
  if (!h) {
    h = {name: p.name.toLowerCase(), all: `${p.path}${p.name} ${p.arn} ${p.type}`.toLowerCase()};
    haystacks.set(p, h);
  }
  return h;
}

function subsequence(needle: string, text: string): boolean {
  let at = 0;
  for (const ch of needle) {
    at = text.indexOf(ch, at) + 1;
    if (at === 0) return false;
  }
  return true;
}

/** 0 = no match; higher is better: exact name, name prefix, name substring, path/ARN, fuzzy. */
function wordScore(word: string, h: Haystack): number {
  if (h.name === word) return 5;
  if (h.name.startsWith(word)) return 4;
  if (h.name.includes(word)) return 3;
  if (h.all.includes(word)) return 2;
  return subsequence(word, h.name) ? 1 : 0;
}

const allIndices = (list: readonly unknown[]): number[] => list.map((_, i) => i);

function queryWords(query: string): string[] {
  return query.toLowerCase().split(/\s+/).filter(Boolean);
}

/** Indices into `list` (only those in `among`) matching every word, best first, ties in list order. */
function matching<T extends Filterable>(
  list: readonly T[],
  among: readonly number[],
  words: readonly string[],
): number[] {
  const scored: {i: number; score: number}[] = [];
  for (const i of among) {
    const h = haystack(list[i] as T);
    let score = 0;
    for (const word of words) {
      const s = wordScore(word, h);
      if (s === 0) {
        score = 0;
        break;
      }
      score += s;
    }
    if (score > 0) scored.push({i, score});
  }
  scored.sort((a, b) => b.score - a.score || a.i - b.i);
  return scored.map(s => s.i);
}

/**
 * The principals matching `query` (whitespace-separated words, all must match), best first,
 * ties in the input order. Returns the input array itself for an empty query.
 */
export function filterPrincipals<T extends Filterable>(list: readonly T[], query: string): readonly T[] {
  const words = queryWords(query);
  if (words.length === 0) return list;
  return matching(list, allIndices(list), words).map(i => list[i] as T);
}

/**
 * filterPrincipals for a field typed into, one key at a time: it keeps the answers to the
 * query's prefixes, so a longer query searches only the previous matches (a text that extends
 * the query can only match fewer: an extended word is still a substring or a subsequence) and
 * Backspace returns to a kept answer without searching. Same results as filterPrincipals.
 */
export function incrementalFilter<T extends Filterable>(): (
  list: readonly T[],
  query: string,
) => readonly T[] {
  let source: readonly T[] | undefined;
  // Each entry's query is a prefix of the next one's.
  let kept: {query: string; at: number[]; items: readonly T[]}[] = [];
  return (list, query) => {
    const words = queryWords(query);
    if (words.length === 0) return list;
    const text = query.toLowerCase();
    if (list !== source) {
      source = list;
      kept = [];
    }
    let last = kept.at(-1);
    while (last && !text.startsWith(last.query)) {
      kept.pop();
      last = kept.at(-1);
    }
    if (last?.query === text) return last.items;
    const at = matching(list, last ? last.at : allIndices(list), words);
    const items = at.map(i => list[i] as T);
    kept.push({query: text, at, items});
    return items;
  };
}
