// `/` in the policy view: which lines contain the text (case does not matter) and which match
// n and N go to from where the operator is, wrapping at the ends like less and vim.

/** 1-based numbers of the lines of `lines` (plain text) that contain `query`. */
export function matchingLines(lines: readonly string[], query: string): number[] {
  const needle = query.toLowerCase();
  if (needle === '') return [];
  const found: number[] = [];
  lines.forEach((line, i) => {
    if (line.toLowerCase().includes(needle)) found.push(i + 1);
  });
  return found;
}

/** Index in `matches` of the first match at or after `line` (wrapping to the first). */
export function firstFrom(matches: readonly number[], line: number): number {
  const i = matches.findIndex(m => m >= line);
  return i < 0 ? 0 : i;
}

/** The next (`step` 1) or previous (-1) match index, wrapping. */
export function stepMatch(count: number, current: number, step: 1 | -1): number {
  if (count === 0) return 0;
  return (((current + step) % count) + count) % count;
}
