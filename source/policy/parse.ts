// Policy text → document. jsonc-parser gives positions for errors; it runs with strict JSON options
// (no comments, no trailing commas) because KMS accepts plain JSON only.
import {parseTree, printParseErrorCode, type Node, type ParseError as JsoncError} from 'jsonc-parser';
import type {Json, ParseError, ParseResult, PolicyDocument, PolicyStatement, TextPosition} from './types.js';

export const POLICY_MAX_BYTES = 32768;

export const STRICT_JSON = {disallowComments: true, allowTrailingComma: false, allowEmptyContent: false};

const encoder = new TextEncoder();

/** KMS limits the policy in bytes; UTF-8 is what goes over the wire. */
export function policyByteLength(text: string): number {
  return encoder.encode(text).length;
}

/** 1-based line and column of a 0-based offset. CRLF and lone CR count as one line break. */
export function positionAt(text: string, offset: number): TextPosition {
  const end = Math.max(0, Math.min(offset, text.length));
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  return {line, column: end - lineStart + 1, offset: end};
}

const MESSAGES: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'invalid number',
  PropertyNameExpected: 'expected a property name in double quotes (trailing commas are not allowed)',
  ValueExpected: 'expected a value (trailing commas are not allowed)',
  ColonExpected: 'expected ":"',
  CommaExpected: 'expected ","',
  CloseBraceExpected: 'expected "}"',
  CloseBracketExpected: 'expected "]"',
  EndOfFileExpected: 'unexpected text after the end of the JSON value',
  InvalidCommentToken: 'comments are not allowed in a key policy',
  UnexpectedEndOfComment: 'comments are not allowed in a key policy',
  UnexpectedEndOfString: 'unterminated string',
  UnexpectedEndOfNumber: 'unterminated number',
  InvalidUnicode: 'invalid \\u escape',
  InvalidEscapeCharacter: 'invalid escape character',
  InvalidCharacter: 'control character inside a string',
};

function toParseError(text: string, e: JsoncError): ParseError {
  const code = printParseErrorCode(e.error);
  return {...positionAt(text, e.offset), message: MESSAGES[code] ?? code};
}

/**
 * The tree's value, built with own data properties: jsonc-parser's `parse` assigns keys, so a key
 * named "__proto__" (untrusted text) would replace the object's prototype instead of being kept.
 */
function valueOf(node: Node): Json {
  if (node.type === 'array') return (node.children ?? []).map(valueOf);
  if (node.type !== 'object') return node.value as Json;
  const entries = (node.children ?? []).flatMap(prop => {
    const [k, v] = prop.children ?? [];
    return k && v ? [[String(k.value), valueOf(v)] as const] : [];
  });
  return Object.fromEntries(entries);
}

function isObject(v: unknown): v is {[key: string]: Json} {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Never throws. `Statement` given as one object becomes a one-element array; a missing or malformed
 * `Statement` becomes [] and non-object entries are dropped, so callers can always walk the
 * statements — validatePolicy (which reads the text) reports those shape problems.
 */
export function parsePolicy(text: string): ParseResult {
  const jsoncErrors: JsoncError[] = [];
  let value: unknown;
  try {
    const tree = parseTree(text, jsoncErrors, STRICT_JSON);
    value = tree ? valueOf(tree) : undefined;
  } catch (error) {
    return {ok: false, text, errors: [{line: 1, column: 1, offset: 0, message: String(error)}]};
  }
  if (jsoncErrors.length > 0) {
    // One mistake often cascades; the first few errors are the useful ones.
    const firstPerOffset = jsoncErrors.filter(
      (e, i) => jsoncErrors.findIndex(o => o.offset === e.offset) === i,
    );
    return {ok: false, text, errors: firstPerOffset.slice(0, 5).map(e => toParseError(text, e))};
  }
  if (!isObject(value)) {
    const first = text.search(/\S/);
    return {
      ok: false,
      text,
      errors: [{...positionAt(text, Math.max(first, 0)), message: 'a key policy must be a JSON object'}],
    };
  }
  const raw = value.Statement;
  const list: Json[] = Array.isArray(raw) ? raw : isObject(raw) ? [raw] : [];
  const statements = list.filter(isObject) as PolicyStatement[];
  const document = {...value, Statement: statements} as PolicyDocument;
  return {ok: true, text, document};
}
