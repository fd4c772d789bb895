// The picker's filter over the account's roles and users: every word must match the name, path or
// ARN as a substring, or the name fuzzily (its letters in order), best matches first. It runs on
// every keystroke over thousands of rows, mostly in code V8 has not optimised yet, so it is written
// for that: the lowercased text is prepared once per list, the loop over the rows allocates nothing
// per row, and ranking is a counting sort over the few possible scores.

/** What the filter reads of a row: a principal, or a policy member shown like one. */
export interface Filterable {
  type: string;
  name: string;
  path: string;
  arn: string;
}

/** The lowercased name and all searchable text of each row of one list, by index. */
interface Haystacks {
  names: string[];
  alls: string[];
}

const prepared = new WeakMap<readonly Filterable[], Haystacks>();

function haystacksOf(list: readonly Filterable[]): Haystacks {
  let h = prepared.get(list);
  if (!h) {
    h = {names: [], alls: []};
    prepared.set(list, h);
  }
  // Rows appended to the list since are prepared now; lists are not otherwise changed in place.
  for (let i = h.names.length; i < list.length; i++) {
    const p = list[i]!;
    h.names.push(p.name.toLowerCase());
    h.alls.push(`${p.path}${p.name} ${p.arn} ${p.type}`.toLowerCase());
  }
  return h;
}

/**
 * Prepares what the filter reads of `list` ahead of the first keystroke (the picker does it when
 * its rows are built: the first key would otherwise pay for thousands of lowercased strings).
 */
export function prepareFilter(list: readonly Filterable[]): void {
  haystacksOf(list);
}

function subsequence(needle: string, text: string): boolean {
  let at = 0;
  for (let k = 0; k < needle.length; k++) {
    at = text.indexOf(needle[k]!, at) + 1;
    if (at === 0) return false;
  }
  return true;
}

/** 0 = no match; higher is better: exact name 5, name prefix 4, name substring 3, path/ARN 2, fuzzy 1. */
function wordScore(word: string, name: string, all: string): number {
  const at = name.indexOf(word);
  if (at === 0) return name.length === word.length ? 5 : 4;
  if (at > 0) return 3;
  if (all.includes(word)) return 2;
  return subsequence(word, name) ? 1 : 0;
}

const MAX_WORD_SCORE = 5;

function queryWords(query: string): string[] {
  return query.toLowerCase().split(/\s+/).filter(Boolean);
}

/**
 * The rows of `list` matching every word: `members` in list order (what a longer query searches
 * next), `ranked` best first with ties in list order. `among` (ascending indices) limits the search.
 */
function matching(
  list: readonly Filterable[],
  among: readonly number[] | undefined,
  words: readonly string[],
): {members: number[]; ranked: number[]} {
  const {names, alls} = haystacksOf(list);
  const members: number[] = [];
  const scores: number[] = [];
  const count = among ? among.length : list.length;
  for (let k = 0; k < count; k++) {
    const i = among ? among[k]! : k;
    let score = 0;
    for (let w = 0; w < words.length; w++) {
      const s = wordScore(words[w]!, names[i]!, alls[i]!);
      if (s === 0) {
        score = 0;
        break;
      }
      score += s;
    }
    if (score > 0) {
      members.push(i);
      scores.push(score);
    }
  }
  // Counting sort, highest score first; stable, so ties keep the members' (list) order.
  const next = new Array<number>(MAX_WORD_SCORE * words.length + 2).fill(0);
  for (let k = 0; k < scores.length; k++) next[scores[k]!]!++;
  let start = 0;
  for (let s = next.length - 1; s > 0; s--) {
    const n = next[s]!;
    next[s] = start;
    start += n;
  }
  const ranked = new Array<number>(members.length);
  for (let k = 0; k < members.length; k++) ranked[next[scores[k]!]!++] = members[k]!;
  return {members, ranked};
}

/**
 * The rows matching `query` (whitespace-separated words, all must match), best first, ties in
 * the input order. Returns the input array itself for an empty query.
 */
export function filterPrincipals<T extends Filterable>(list: readonly T[], query: string): readonly T[] {
  const words = queryWords(query);
  if (words.length === 0) return list;
  return matching(list, undefined, words).ranked.map(i => list[i] as T);
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
  let kept: {query: string; members: number[]; items: readonly T[]}[] = [];
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
    const {members, ranked} = matching(list, last?.members, words);
    const items = ranked.map(i => list[i] as T);
    kept.push({query: text, members, items});
    return items;
  };
}
