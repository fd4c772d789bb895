// What keypol writes to KMS: the document in its own key order, printed the way KMS itself prints
// policies (Jackson's DefaultPrettyPrinter, kms-facts §2.3): `"Key" : value`, objects indented two
// spaces per level, arrays inline (`[ "a", "b" ]`, `[ {`). One item per line would bloat a large
// policy by thousands of bytes and push it over the 32 KB limit on a small edit.

const HEX = '0123456789ABCDEF';

/** A JSON string as Jackson writes it: short escapes where JSON has them, \u00XX for other controls. */
function quote(text: string): string {
  let out = '"';
  for (const char of text) {
    const code = char.charCodeAt(0);
    if (char === '"' || char === '\\') out += `\\${char}`;
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (char === '\t') out += '\\t';
    else if (char === '\b') out += '\\b';
    else if (char === '\f') out += '\\f';
    // Controls and lone surrogates (which UTF-8 cannot carry) as \uXXXX.
    else if (code < 0x20 || (char.length === 1 && code >= 0xd800 && code <= 0xdfff))
      out += `\\u${[12, 8, 4, 0].map(shift => HEX[(code >> shift) & 15]).join('')}`;
    else out += char;
  }
  return `${out}"`;
}

function write(value: unknown, nesting: number): string {
  if (typeof value === 'string') return quote(value);
  if (typeof value !== 'object' || value === null) return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    return value.length === 0 ? '[ ]' : `[ ${value.map(item => write(item, nesting)).join(', ')} ]`;
  }
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return '{ }';
  const indent = '  '.repeat(nesting + 1);
  const body = entries.map(([key, v]) => `\n${indent}${quote(key)} : ${write(v, nesting + 1)}`).join(',');
  return `{${body}\n${'  '.repeat(nesting)}}`;
}

/** The document in KMS's print style, keeping its key order. */
export function printPolicy(doc: object): string {
  return write(doc, 0);
}
