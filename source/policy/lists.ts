// Small helpers over the loose shapes policy elements can take (string or array, maybe malformed).
import type {Json, PolicyStatement} from './types.js';

/** A string or array of strings as a list; anything else (numbers, objects) is dropped. */
export function toList(value: Json | undefined): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}

export function uniqueSorted(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}

/** A one-element list is written as a plain string, as the console does. */
export function stringOrList(values: string[]): string | string[] {
  return values.length === 1 ? (values[0] as string) : values;
}

/** Compiled patterns: evaluating a 32 KB policy asks the same few patterns millions of questions. */
const PATTERNS = new Map<string, (action: string) => boolean>();
const PATTERN_CACHE_MAX = 10_000;

function compile(pattern: string): (action: string) => boolean {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  const re = new RegExp(`^${source}$`, 'i');
  return action => re.test(action);
}

/**
 * IAM-style action matching: case-insensitive, `*` any run of characters, `?` one character.
 * `kms:Put*` matches `kms:PutKeyPolicy`; `*` matches everything.
 */
export function actionMatches(pattern: string, action: string): boolean {
  let test = PATTERNS.get(pattern);
  if (!test) {
    if (PATTERNS.size >= PATTERN_CACHE_MAX) PATTERNS.clear(); // a hostile policy cannot grow it without bound
    test = compile(pattern);
    PATTERNS.set(pattern, test);
  }
  return test(action);
}

/** Whether the statement's Action (or NotAction) covers the action. */
export function statementCoversAction(st: PolicyStatement, action: string): boolean {
  if (st.Action !== undefined) return toList(st.Action).some(p => actionMatches(p, action));
  if (st.NotAction !== undefined) return !toList(st.NotAction).some(p => actionMatches(p, action));
  return false;
}

/** Resource "*" (or ["*"]): the only value that means "this key". */
export function resourceIsKey(st: PolicyStatement): boolean {
  if (st.NotResource !== undefined) return false;
  const list = toList(st.Resource);
  return list.length > 0 && list.every(r => r === '*');
}

/** A JSON object, or undefined for any other type (policies from AWS may have any type anywhere). */
export function asObject(value: unknown): {[key: string]: Json} | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as {[key: string]: Json})
    : undefined;
}

/** The Condition's operator blocks that are objects; a malformed Condition has none. */
export function conditionBlocks(st: PolicyStatement): [string, {[key: string]: Json}][] {
  return Object.entries(asObject(st.Condition) ?? {}).flatMap(([op, block]) => {
    const object = asObject(block);
    return object ? [[op, object] as [string, {[key: string]: Json}]] : [];
  });
}

export function hasCondition(st: PolicyStatement): boolean {
  return (
    st.Condition !== undefined &&
    (asObject(st.Condition) === undefined || Object.keys(st.Condition).length > 0)
  );
}
