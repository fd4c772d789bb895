// A key may have many aliases; where they do not all fit, the first ones are shown whole and the
// rest counted ("+2 more"): a cut alias name is no use to find or type the key.
import {displayWidth, truncate} from '../policy/index.js';

export interface AliasListOptions {
  /** Cut the first alias when even it does not fit (else: undefined, and the caller lays out otherwise). */
  cut?: boolean;
  /** How the rest are counted: " +2 more" (default), or " +2" in a table cell. */
  more?: (count: number) => string;
}

const MORE = (count: number) => ` +${count} more`;

/** As many aliases (already sanitised) as fit in `room` cells, then the count of the others. */
export function aliasList(
  aliases: readonly string[],
  room: number,
  {cut = false, more = MORE}: AliasListOptions = {},
): string | undefined {
  if (aliases.length === 0) return cut || room >= 10 ? truncate('(no alias)', room) : undefined;
  for (let shown = aliases.length; shown >= 1; shown--) {
    const rest = shown < aliases.length ? more(aliases.length - shown) : '';
    const text = aliases.slice(0, shown).join(', ') + rest;
    if (displayWidth(text) <= room) return text;
  }
  if (!cut) return undefined;
  const rest = aliases.length > 1 ? more(aliases.length - 1) : '';
  return truncate(aliases[0]!, room - displayWidth(rest)) + rest;
}
