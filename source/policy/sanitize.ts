// Text from AWS (policies, descriptions, aliases, error messages) is untrusted: an escape sequence
// in it could move the cursor, retitle the window or hide text, and an invisible character could
// make one name look like another ("alias\u200bprod" as "aliasprod") or reorder what is read
// ("Trojan Source" bidi overrides). Everything that could act on the terminal or hide itself is
// replaced by a visible marker, so the operator sees that something was there and what it was.

export interface SanitizeOptions {
  /** Keep line breaks (for multi-line policy text); CRLF and lone CR become LF. */
  keepNewlines?: boolean;
}

const ESC_MARK = '\u241b'; // ␛
const BAD_MARK = '\ufffd'; // �

// ESC-introduced sequences, longest forms first: OSC/DCS/SOS/PM/APC strings (ended by BEL or ST or
// running to the end), CSI with parameters, then any two-character escape.
const ESCAPE_SEQUENCE =
  /\x1b[\]PX^_][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b\[[0-?]*[ -/]*[@-~]?|\x1b[ -/]*[0-~]?|\x9b[0-?]*[ -/]*[@-~]?/g;
const C0 = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g;
/**
 * Every control (Cc: C1, DEL), format character (Cf: zero-width spaces and joiners, word joiner, BOM,
 * soft hyphen, bidi marks, overrides and isolates, tag characters) and line or paragraph separator
 * (Zl, Zp). By Unicode category, so a character added to a category is covered without a list.
 */
export const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function controlPicture(c: string): string {
  const code = c.charCodeAt(0);
  return code === 0x7f ? '\u2421' : String.fromCharCode(0x2400 + code);
}

/** "<U+200B>": the code point, in ASCII, so it shows whatever the terminal's font. */
export function codePointMark(c: string): string {
  return `<U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}>`;
}

export function sanitizeText(s: string, opts: SanitizeOptions = {}): string {
  let out = s.replace(ESCAPE_SEQUENCE, ESC_MARK);
  out = opts.keepNewlines ? out.replace(/\r\n?/g, '\n').replace(/\t/g, '  ') : out.replace(/[\r\n\t]+/g, ' ');
  return out
    .replace(C0, controlPicture)
    .replace(LONE_SURROGATE, BAD_MARK)
    .replace(INVISIBLE, c => (c === '\n' ? c : codePointMark(c)));
}

/**
 * JSON text safe to print: JSON.stringify escapes only U+0000–U+001F, so DEL, C1 controls (CSI
 * 0x9B, OSC 0x9D), bidi overrides and invisible characters would reach the terminal raw. They can
 * only occur inside strings, where a \uXXXX escape means the same: the result is still valid JSON.
 */
export function escapeJsonText(json: string): string {
  return json.replace(INVISIBLE, c =>
    c === '\n' || c === '\r' || c === '\t'
      ? c
      : c
          .split('')
          .map(u => '\\u' + u.charCodeAt(0).toString(16).padStart(4, '0'))
          .join(''),
  );
}
