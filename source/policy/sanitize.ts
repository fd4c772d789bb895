// Text from AWS (policies, descriptions, aliases, error messages) is untrusted: an escape sequence
// in it could move the cursor, retitle the window or hide text. Everything that could act on the
// terminal is replaced by a visible marker so the operator sees that something was there.

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
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g;
const C1 = /[\x80-\x9f]/g;
// Bidirectional overrides can make text read differently than it is ("Trojan Source").
const BIDI = /[\u202a-\u202e\u2066-\u2069]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function controlPicture(c: string): string {
  const code = c.charCodeAt(0);
  return code === 0x7f ? '\u2421' : String.fromCharCode(0x2400 + code);
}

export function sanitizeText(s: string, opts: SanitizeOptions = {}): string {
  let out = s.replace(ESCAPE_SEQUENCE, ESC_MARK);
  out = opts.keepNewlines ? out.replace(/\r\n?/g, '\n').replace(/\t/g, '  ') : out.replace(/[\r\n\t]+/g, ' ');
  return out
    .replace(CONTROL, controlPicture)
    .replace(C1, BAD_MARK)
    .replace(BIDI, BAD_MARK)
    .replace(LONE_SURROGATE, BAD_MARK);
}
