// Principal strings → what they are. KMS accepts accounts, IAM users and roles, assumed-role
// sessions and service principals; IAM groups are never valid (seed 001).
import type {PolicyStatement, PrincipalKind, PrincipalRef} from './types.js';
import {toList} from './lists.js';

const ARN = /^arn:(aws|aws-cn|aws-us-gov):(iam|sts)::(\d{12}):(.+)$/;
const NAME = '[\\w+=,.@-]+';
const IAM_PATHED = (type: string) => new RegExp(`^${type}/(?:${NAME}/)*(${NAME})$`);
const USER = IAM_PATHED('user');
const ROLE = IAM_PATHED('role');
const GROUP = IAM_PATHED('group');
const ASSUMED = new RegExp(`^assumed-role/(${NAME})/(${NAME})$`);
const FEDERATED_USER = new RegExp(`^federated-user/(${NAME})$`);
/** Unique ids KMS shows in place of a deleted user (AIDA) or role (AROA). */
export const DELETED_ID = /^A(IDA|ROA)[A-Z0-9]{12,}$/;
export const SERVICE = /^[a-z0-9-]+(\.[a-z0-9-]+)*\.amazonaws\.com(\.cn)?$/;
export const ACCOUNT_ID = /^\d{12}$/;

export const GROUP_REASON =
  'IAM groups are not valid principals in a key policy. "You cannot add IAM groups to a key policy, but you can ' +
  'add multiple IAM users and IAM roles." To let a group use the key, keep the statement that enables IAM ' +
  'policies and attach an IAM policy that allows access to the KMS key to the group (AWS KMS Developer Guide, ' +
  '"Changing a key policy").';

function ref(value: string, kind: PrincipalKind, name: string, keyAccountId: string, accountId?: string) {
  const external = accountId !== undefined && accountId !== keyAccountId;
  return accountId === undefined ? {value, kind, name, external} : {value, kind, name, external, accountId};
}

/**
 * Parsed principals, frozen and shared: the evaluator asks about the same few hundred strings for
 * every subject and action, and parsing each time cost seconds on a 32 KB policy.
 */
const PARSED = new Map<string, PrincipalRef>();
const PARSED_CACHE_MAX = 20_000;

export function parsePrincipal(value: string, keyAccountId: string): PrincipalRef {
  const cacheKey = `${keyAccountId}\n${value}`;
  const cached = PARSED.get(cacheKey);
  if (cached) return cached;
  if (PARSED.size >= PARSED_CACHE_MAX) PARSED.clear();
  const parsed = Object.freeze(parse(value, keyAccountId));
  PARSED.set(cacheKey, parsed);
  return parsed;
}

function parse(value: string, keyAccountId: string): PrincipalRef {
  if (value === '*') return ref(value, 'wildcard', 'everyone (*)', keyAccountId);
  if (ACCOUNT_ID.test(value)) return ref(value, 'account', `account ${value}`, keyAccountId, value);
  if (DELETED_ID.test(value)) {
    const what = value.startsWith('AIDA') ? 'user' : 'role';
    return ref(value, 'deleted', `deleted ${what} ${value}`, keyAccountId);
  }
  if (SERVICE.test(value)) return ref(value, 'service', `service ${value}`, keyAccountId);
  const arn = ARN.exec(value);
  if (!arn) return ref(value, 'invalid', value, keyAccountId);
  const [, , service, account = '', resource = ''] = arn;
  if (service === 'iam') {
    if (resource === 'root') return ref(value, 'account', `account ${account}`, keyAccountId, account);
    if (USER.test(resource)) return ref(value, 'user', resource, keyAccountId, account);
    if (ROLE.test(resource)) return ref(value, 'role', resource, keyAccountId, account);
    if (GROUP.test(resource)) return ref(value, 'group', resource, keyAccountId, account);
  } else {
    if (ASSUMED.test(resource)) return ref(value, 'assumed-role', resource, keyAccountId, account);
    if (FEDERATED_USER.test(resource)) return ref(value, 'federated', resource, keyAccountId, account);
  }
  return ref(value, 'invalid', value, keyAccountId);
}

/** The statement's AWS principals as a flat list; `Principal: "*"` gives ["*"]. */
export function statementPrincipals(st: PolicyStatement): string[] {
  const p = st.Principal;
  if (p === undefined) return [];
  if (typeof p === 'string') return p === '*' ? ['*'] : [];
  if (typeof p !== 'object' || p === null || Array.isArray(p)) return [];
  return toList(p.AWS);
}

/** Every principal value in the statement's Principal block, whatever its kind (AWS, Service, ...). */
export function allPrincipalValues(st: PolicyStatement): string[] {
  const p = st.Principal;
  if (typeof p === 'string') return [p];
  if (typeof p !== 'object' || p === null || Array.isArray(p)) return [];
  return Object.values(p).flatMap(v => toList(v));
}

const PARTITIONS = ['aws', 'aws-cn', 'aws-us-gov'];

/** The partition the policy already uses (aws-cn, aws-us-gov), so templates and new ARNs match it. */
export function policyPartition(doc: {Statement: PolicyStatement[]}): string {
  const arn = JSON.stringify(doc.Statement).match(/"arn:(aws(?:-cn|-us-gov)?):/);
  return arn?.[1] ?? 'aws';
}

/** A principal for a sentence: "role/Admin", "role/Ops in account 444455556666", "account 444455556666". */
export function describePrincipal(ref: PrincipalRef): string {
  return ref.external && ref.kind !== 'account' ? `${ref.name} in account ${ref.accountId}` : ref.name;
}

/** The account root ARN in the partition the policy already uses. */
export function rootArn(accountId: string, partition = 'aws'): string {
  return `arn:${partition}:iam::${accountId}:root`;
}

/** True for `arn:…:iam::ACCT:root` or the bare account id. */
export function isAccountRoot(value: string, accountId: string): boolean {
  return value === accountId || PARTITIONS.some(p => value === rootArn(accountId, p));
}
