// Semantic normal form and the one pretty print every diff is made of. KMS re-serialises policies
// and does not keep array order (aws-cli #9456), so lists compare as sets and booleans as strings.
import type {Json, PolicyDocument, PolicyStatement} from './types.js';
import {toList, uniqueSorted} from './lists.js';

const LIST_ELEMENTS = ['Action', 'NotAction', 'Resource', 'NotResource'];
const PRINCIPAL_ELEMENTS = ['Principal', 'NotPrincipal'];
const TOP_ORDER = ['Version', 'Id', 'Statement'];
/** Every element a key policy statement may have, in the order people read them. */
export const STATEMENT_ELEMENTS = [
  'Sid',
  'Effect',
  'Principal',
  'NotPrincipal',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Condition',
];

function conditionValues(value: Json): string[] {
  const list = Array.isArray(value) ? value : [value];
  return uniqueSorted(list.map(v => (typeof v === 'string' ? v : JSON.stringify(v))));
}

function canonicalPrincipal(value: Json): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([kind, v]) => [
      kind,
      typeof v === 'string' || Array.isArray(v) ? uniqueSorted(toList(v)) : v,
    ]),
  );
}

function canonicalCondition(value: Json): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([operator, block]) => {
      if (typeof block !== 'object' || block === null || Array.isArray(block)) return [operator, block];
      return [operator, Object.fromEntries(Object.entries(block).map(([k, v]) => [k, conditionValues(v)]))];
    }),
  );
}

function canonicalValue(key: string, value: Json): Json {
  if (LIST_ELEMENTS.includes(key) && (typeof value === 'string' || Array.isArray(value)))
    return uniqueSorted(toList(value));
  if (PRINCIPAL_ELEMENTS.includes(key)) return canonicalPrincipal(value);
  if (key === 'Condition') return canonicalCondition(value);
  return value;
}

function canonicalStatement(st: PolicyStatement): PolicyStatement {
  // fromEntries defines own properties, so even a "__proto__" key stays an ordinary key.
  const entries = Object.entries(st).flatMap(([key, value]) =>
    value === undefined ? [] : [[key, canonicalValue(key, value)] as const],
  );
  return Object.fromEntries(entries) as PolicyStatement;
}

/** Lists as sorted unique arrays, condition values as sorted strings; statement order is kept. */
export function canonicalise(doc: PolicyDocument): PolicyDocument {
  return {...doc, Statement: doc.Statement.map(canonicalStatement)};
}

function orderedKeys(obj: object, friendly: string[] | undefined): string[] {
  const keys = Object.keys(obj).filter(k => (obj as Record<string, unknown>)[k] !== undefined);
  const rank = (k: string) => (friendly?.includes(k) ? friendly.indexOf(k) : Number.MAX_SAFE_INTEGER);
  return keys.sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

// A hand-written printer: JS objects put integer-like keys first whatever the insertion order,
// so JSON.stringify cannot print keys in a chosen order.
function print(
  value: unknown,
  indent: string,
  friendly: (depth: number) => string[] | undefined,
  depth: number,
): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    // One plain value stays on one line: `"Resource": ["*"]` rather than three lines per statement.
    const [only] = value;
    if (value.length === 1 && (typeof only !== 'object' || only === null))
      return `[${print(only, indent, friendly, depth + 1)}]`;
    const inner = indent + '  ';
    const items = value.map(v => inner + print(v, inner, friendly, depth + 1));
    return `[\n${items.join(',\n')}\n${indent}]`;
  }
  if (typeof value === 'object' && value !== null) {
    const keys = orderedKeys(value, friendly(depth));
    if (keys.length === 0) return '{}';
    const inner = indent + '  ';
    const record = value as Record<string, unknown>;
    const items = keys.map(
      k => `${inner}${JSON.stringify(k)}: ${print(record[k], inner, friendly, depth + 1)}`,
    );
    return `{\n${items.join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Stable pretty print of the canonical form: friendly order for the top level and statements. */
export function printCanonical(doc: PolicyDocument): string {
  // depth 0 = document, 1 = Statement array, 2 = a statement.
  const friendly = (depth: number) =>
    depth === 0 ? TOP_ORDER : depth === 2 ? STATEMENT_ELEMENTS : undefined;
  return print(canonicalise(doc), '', friendly, 0);
}

export function policiesEqual(a: PolicyDocument, b: PolicyDocument): boolean {
  return printCanonical(a) === printCanonical(b);
}
