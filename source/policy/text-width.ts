// Display width in terminal cells, and truncation to a width with an ellipsis, for the TUI and the
// CLI's text tables alike. Cells, not string length: CJK and emoji take two cells, combining marks
// none. Callers pass text that sanitizeText already cleaned, so there are no controls to account for.

const ZERO_WIDTH = /^[\p{Mn}\p{Me}\u200B-\u200F\u2060\uFE00-\uFE0F]$/u;
const WIDE =
  /^[\p{Extended_Pictographic}\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u{20000}-\u{3FFFD}]$/u;

export function charWidth(ch: string): number {
  if (ZERO_WIDTH.test(ch)) return 0;
  // Pictographs below U+2300 (©, ®, ‼ ...) are narrow unless followed by VS16; treat them as 1.
  if (WIDE.test(ch)) return (ch.codePointAt(0) ?? 0) < 0x2300 ? 1 : 2;
  return 1;
}

export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += charWidth(ch);
  return width;
}

/** At most `width` cells; an ellipsis marks a cut. ASCII takes a fast path (the common case). */
export function truncate(text: string, width: number): string {
  if (width <= 0) return '';
  if (/^[\x20-\x7e]*$/.test(text)) return text.length <= width ? text : text.slice(0, width - 1) + '…';
  if (displayWidth(text) <= width) return text;
  let out = '';
  let used = 0;
  for (const ch of text) {
    const w = charWidth(ch);
    if (used + w > width - 1) break;
    out += ch;
    used += w;
  }
  return out + '…';
}

/** Truncate, then pad with spaces to exactly `width` cells (table cells line up). */
export function fit(text: string, width: number): string {
  const cut = truncate(text, width);
  return cut + ' '.repeat(Math.max(0, width - displayWidth(cut)));
}
