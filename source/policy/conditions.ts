// A statement's Condition block against one subject: which entries keypol can decide from who the
// caller is (its ARN and account), and which it cannot (organisation, network, request, service).
// Every entry gets a scope so readers can say what a condition restricts: named principals,
// accounts or an organisation; a service acting for the caller; or something keypol cannot judge.
import type {ConditionRef, ConditionScope, Json, PolicyStatement} from './types.js';
import {toList} from './lists.js';
import {parsePrincipal} from './principal.js';
import type {Subject} from './subject.js';
import {subjectAccount, subjectPrincipalArn} from './subject.js';

export type Tri = 'yes' | 'no' | 'maybe';

const PRINCIPAL_KEYS = new Set([
  'aws:principalarn',
  'aws:principalaccount',
  'kms:calleraccount',
  'aws:principalorgid',
  'aws:principalorgpaths',
  'aws:principaltype',
  'aws:userid',
  'aws:username',
  'aws:federatedprovider',
]);
const SERVICE_KEYS = new Set([
  'kms:viaservice',
  'kms:grantisforawsresource',
  'aws:sourcearn',
  'aws:sourceaccount',
  'aws:sourceowner',
  'aws:sourceorgid',
  'aws:sourceorgpaths',
  'aws:calledvia',
  'aws:calledviafirst',
  'aws:calledvialast',
  'aws:viaawsservice',
  'aws:principalisawsservice',
  'aws:principalservicename',
  'aws:principalservicenameslist',
]);

/** Keys that tie a statement to named principals, accounts, organisations or source resources. */
const NAMING_KEYS = new Set([
  'kms:calleraccount',
  'aws:principalaccount',
  'aws:principalarn',
  'aws:principalorgid',
  'aws:principalorgpaths',
  'aws:userid',
  'aws:sourceaccount',
  'aws:sourceowner',
  'aws:sourcearn',
  'aws:sourceorgid',
  'aws:sourceorgpaths',
  'aws:resourceorgid',
]);

/** Whether a condition key limits who (or which resource's owner) a "*" principal can be. */
export function namesWho(key: string): boolean {
  return NAMING_KEYS.has(key.toLowerCase());
}

/** What a condition key restricts: the caller's identity, the service acting for it, or unknown. */
export function conditionScope(key: string): ConditionScope {
  const k = key.toLowerCase();
  if (PRINCIPAL_KEYS.has(k) || k.startsWith('aws:principaltag/')) return 'principal';
  // Encryption context written by an AWS service (aws:cloudtrail:arn, aws:logs:arn…) names that service.
  if (SERVICE_KEYS.has(k) || k.startsWith('kms:encryptioncontext:aws:')) return 'service';
  return 'unknown';
}

interface Operator {
  base: string;
  negated: boolean;
  ifExists: boolean;
  set: boolean;
}

function operatorOf(name: string): Operator {
  let op = name;
  const set = /^for(any|all)value:/i.test(op);
  op = op.replace(/^for(any|all)value:/i, '');
  const ifExists = /ifexists$/i.test(op);
  op = op.replace(/ifexists$/i, '').toLowerCase();
  const negated = op.includes('not');
  return {base: op.replace('not', ''), negated, ifExists, set};
}

/** Glob as IAM's *Like operators (and ARN matching) read it: `*` any run, `?` one character. */
function globMatches(pattern: string, value: string, ignoreCase = false): boolean {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`, ignoreCase ? 'is' : 's').test(value);
}

function compare(op: Operator, patterns: string[], value: string): boolean {
  switch (op.base) {
    case 'stringequals':
    case 'arnequals':
      return op.base === 'arnequals' ? patterns.some(p => globMatches(p, value)) : patterns.includes(value);
    case 'stringequalsignorecase':
      return patterns.some(p => p.toLowerCase() === value.toLowerCase());
    case 'stringlike':
    case 'arnlike':
      return patterns.some(p => globMatches(p, value));
    default:
      return false;
  }
}

const COMPARABLE = ['stringequals', 'stringequalsignorecase', 'stringlike', 'arnequals', 'arnlike'];

/** One condition entry for the subject: decided when its key is the caller's account or ARN. */
function entryHolds(op: Operator, key: string, patterns: string[], subject: Subject): Tri {
  if (op.set || !COMPARABLE.includes(op.base)) return 'maybe';
  const k = key.toLowerCase();
  let value: string | undefined;
  if (k === 'kms:calleraccount' || k === 'aws:principalaccount') value = subjectAccount(subject);
  else if (k === 'aws:principalarn') value = subjectPrincipalArn(subject);
  else return 'maybe';
  // A service principal (cloudtrail.amazonaws.com) belongs to no customer account, like "anyone".
  const accountless =
    subject.kind === 'anyone' ||
    (subject.kind === 'principal' && parsePrincipal(subject.value, '').kind === 'service');
  if (accountless) {
    // Someone of an account the policy does not name: exact account ids (or ARNs in named accounts) exclude them.
    const accounts = k === 'aws:principalarn' ? patterns.map(p => p.split(':')[4] ?? '') : patterns;
    const named = accounts.length > 0 && accounts.every(a => /^\d{12}$/.test(a));
    return named && !op.negated ? 'no' : 'maybe';
  }
  if (value === undefined) {
    // Any principal of an account: an ARN pattern for another account can never match one of its.
    const account = subjectAccount(subject);
    if (k !== 'aws:principalarn' || account === undefined) return 'maybe';
    // "Any principal of the account" means one the policy does not name: exact ARNs are not it.
    if (subject.kind === 'account' && patterns.length > 0 && patterns.every(p => !/[*?]/.test(p)))
      return op.negated ? 'yes' : 'no';
    const accounts = patterns.map(p => p.split(':')[4] ?? '');
    const couldMatch = accounts.some(a => globMatches(a, account));
    if (couldMatch) return 'maybe';
    return op.negated ? 'yes' : 'no';
  }
  const matched = compare(op, patterns, value);
  return matched !== op.negated ? 'yes' : 'no';
}

export interface ConditionResult {
  holds: Tri;
  /** The entries keypol could not decide, when holds is "maybe". */
  undecided: ConditionRef[];
}

function isBlock(v: Json | undefined): v is {[key: string]: Json} {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Every entry must hold (AND across operators and keys); values within an entry are OR. */
export function conditionHolds(st: PolicyStatement, subject: Subject): ConditionResult {
  const condition = st.Condition as Json | undefined;
  if (condition === undefined) return {holds: 'yes', undecided: []};
  if (!isBlock(condition)) return {holds: 'maybe', undecided: [unknownRef('Condition')]};
  const undecided: ConditionRef[] = [];
  let holds: Tri = 'yes';
  for (const [operator, block] of Object.entries(condition)) {
    if (!isBlock(block)) {
      undecided.push(unknownRef(operator));
      continue;
    }
    const op = operatorOf(operator);
    for (const [key, raw] of Object.entries(block)) {
      const values = toList(raw);
      const result = entryHolds(op, key, values, subject);
      if (result === 'no') holds = 'no';
      else if (result === 'maybe')
        undecided.push({key, operator, scope: conditionScope(key), values: values.slice(0, 20)});
    }
  }
  if (holds === 'no') return {holds, undecided: []};
  return undecided.length > 0 ? {holds: 'maybe', undecided} : {holds, undecided};
}

function unknownRef(key: string): ConditionRef {
  return {key, operator: '', scope: 'unknown', values: []};
}

/** The condition entries of a statement as written, whatever the subject (for descriptions). */
export function statementConditions(st: PolicyStatement): ConditionRef[] {
  const condition = st.Condition as Json | undefined;
  if (!isBlock(condition)) return condition === undefined ? [] : [unknownRef('Condition')];
  return Object.entries(condition).flatMap(([operator, block]) =>
    isBlock(block)
      ? Object.entries(block).map(([key, raw]) => ({
          key,
          operator,
          scope: conditionScope(key),
          values: toList(raw).slice(0, 20),
        }))
      : [unknownRef(operator)],
  );
}
