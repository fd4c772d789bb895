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

/** Offsets where lines start. CRLF and lone CR count as one line break. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
  }
  return starts;
}

/**
 * A lookup of 1-based line and column for many offsets in one text: the line starts are found
 * once, each lookup is a binary search (one scan per lookup would make many findings quadratic).
 */
export function positionsIn(text: string): (offset: number) => TextPosition {
  let starts: number[] | undefined;
  return offset => {
    starts ??= lineStarts(text);
    const end = Math.max(0, Math.min(offset, text.length));
    let [lo, hi] = [0, starts.length - 1];
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= end) lo = mid;
      else hi = mid - 1;
    }
    return {line: lo + 1, column: end - (starts[lo] as number) + 1, offset: end};
  };
}

/** 1-based line and column of a 0-based offset. CRLF and lone CR count as one line break. */
export function positionAt(text: string, offset: number): TextPosition {
  return positionsIn(text)(offset);
}

/**
 * Deeper than any key policy needs (a Condition value sits at depth 6), and shallow enough that
 * the recursive parsers never run out of stack.
 */
export const MAX_NESTING = 64;

/** Offset of the bracket that nests deeper than MAX_NESTING, if one does. Strings are skipped. */
function tooDeepAt(text: string): number | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      // A string: skip to its closing quote (escapes skipped by pairs).
      for (i++; i < text.length && text.charCodeAt(i) !== 34; i++) if (text.charCodeAt(i) === 92) i++;
    } else if (c === 123 || c === 91) {
      if (++depth > MAX_NESTING) return i;
    } else if (c === 125 || c === 93) depth--;
  }
  return undefined;
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

function toParseError(at: (offset: number) => TextPosition, e: JsoncError): ParseError {
  const code = printParseErrorCode(e.error);
  return {...at(e.offset), message: MESSAGES[code] ?? code};
}

/** Problems found before the JSON parser runs: an empty text, a byte order mark, deep nesting. */
function textProblem(text: string): ParseError | undefined {
  if (text.trim() === '') return {line: 1, column: 1, offset: 0, message: 'the policy is empty'};
  if (text.startsWith('\ufeff')) {
    return {
      line: 1,
      column: 1,
      offset: 0,
      message:
        'the text starts with a byte order mark (U+FEFF), which KMS does not accept; save it as UTF-8 without BOM',
    };
  }
  const deep = tooDeepAt(text);
  if (deep === undefined) return undefined;
  return {
    ...positionAt(text, deep),
    message: `the JSON is nested more than ${MAX_NESTING} levels deep; a key policy needs far fewer`,
  };
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
  const problem = textProblem(text);
  if (problem) return {ok: false, text, errors: [problem]};
  const jsoncErrors: JsoncError[] = [];
  let value: unknown;
  try {
    const tree = parseTree(text, jsoncErrors, STRICT_JSON);
    value = tree ? valueOf(tree) : undefined;
  } catch (error) {
    return {ok: false, text, errors: [{line: 1, column: 1, offset: 0, message: String(error)}]};
  }
  if (jsoncErrors.length > 0) {
    // One mistake often cascades; the first few errors (one per offset) are the useful ones.
    const seen = new Set<number>();
    const first: JsoncError[] = [];
    for (const e of jsoncErrors) {
      if (first.length === 5) break;
      if (!seen.has(e.offset)) (first.push(e), seen.add(e.offset));
    }
    const at = positionsIn(text);
    return {ok: false, text, errors: first.map(e => toParseError(at, e))};
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
