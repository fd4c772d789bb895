// KMS returns key policies re-serialised by Jackson's DefaultPrettyPrinter (kms-facts §2.3, §3.1):
// `"Key" : value`, objects indented two spaces per level, arrays inline (`[ "a", "b" ]`, `[ {`),
// empty containers as `{ }` / `[ ]`. Arrays do not add indentation, only objects do.
import type {Json} from '../policy/types.js';

const HEX = '0123456789ABCDEF';

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
    else if (code < 0x20) out += `\\u00${HEX[code >> 4]}${HEX[code & 15]}`;
    else out += char;
  }
  return `${out}"`;
}

function write(value: Json | undefined, nesting: number): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return quote(value);
  if (typeof value !== 'object') return String(value);
  if (Array.isArray(value)) {
    return value.length === 0 ? '[ ]' : `[ ${value.map(item => write(item, nesting)).join(', ')} ]`;
  }
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return '{ }';
  const indent = '  '.repeat(nesting + 1);
  const body = entries.map(([key, v]) => `\n${indent}${quote(key)} : ${write(v, nesting + 1)}`).join(',');
  return `{${body}\n${'  '.repeat(nesting)}}`;
}

/** Pretty-prints like GetKeyPolicy does. Top-level `Version`, `Id`, `Statement` come first, as KMS shows them. */
export function jacksonPolicy(document: {[key: string]: unknown}): string {
  const ordered: {[key: string]: Json} = {};
  for (const key of ['Version', 'Id', 'Statement', ...Object.keys(document)]) {
    if (key in document && !(key in ordered)) ordered[key] = document[key] as Json;
  }
  return write(ordered, 0);
}
