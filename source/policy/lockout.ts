// Would this policy still let a principal call kms:PutKeyPolicy? KMS refuses a PutKeyPolicy that
// would lock the caller out (kms-facts §4.4); keypol checks first so it can say why.
//
// The rule, deliberately conservative (it may say "no" where KMS would say "yes", never the reverse):
// - An Allow counts only if it has no Condition, Resource "*", an Action that matches
//   kms:PutKeyPolicy (wildcards such as kms:* or kms:Put* included), and a Principal that is
//   "*", the principal itself, the role behind an assumed-role session, or the root of the
//   principal's account (then IAM policies in that account can grant it, as KMS treats it).
//   One condition is understood: `Principal "*"` limited by kms:CallerAccount / aws:PrincipalAccount
//   alone counts for every principal of the accounts it names.
// - Allow with NotPrincipal is never counted. A Deny that may apply wins: any Deny whose action
//   matches and whose principal could cover the caller, with or without conditions.
import type {PolicyDocument, PolicyStatement} from './types.js';
import {accountFence} from './fence.js';
import {hasCondition, resourceIsKey, statementCoversAction} from './lists.js';
import {allPrincipalValues, isAccountRoot, parsePrincipal, policyPartition, rootArn} from './principal.js';

const PUT = 'kms:PutKeyPolicy';

interface Caller {
  arn: string;
  accountId: string;
  /** For an assumed-role session: the role's name, to match `role/…/Name` in the policy. */
  roleName?: string;
}

function callerOf(principalArn: string, accountId: string): Caller {
  const ref = parsePrincipal(principalArn, accountId);
  const caller: Caller = {arn: principalArn, accountId: ref.accountId ?? accountId};
  if (ref.kind === 'assumed-role') caller.roleName = ref.name.split('/')[1];
  return caller;
}

function names(st: PolicyStatement, caller: Caller): boolean {
  return allPrincipalValues(st).some(value => {
    if (value === '*' || value === caller.arn || isAccountRoot(value, caller.accountId)) return true;
    if (caller.roleName === undefined) return false;
    const ref = parsePrincipal(value, caller.accountId);
    return (
      ref.kind === 'role' && ref.accountId === caller.accountId && ref.name.endsWith(`/${caller.roleName}`)
    );
  });
}

function denies(st: PolicyStatement, caller: Caller): boolean {
  if (st.Effect !== 'Deny' || !statementCoversAction(st, PUT)) return false;
  if (st.NotPrincipal !== undefined) {
    const listed = {...st, Principal: st.NotPrincipal};
    // The account's root may be written as an ARN in any partition or as the bare 12-digit id.
    const callerIsRoot = isAccountRoot(caller.arn, caller.accountId);
    return !allPrincipalValues(listed).some(
      v => v === caller.arn || (callerIsRoot && isAccountRoot(v, caller.accountId)),
    );
  }
  return names(st, caller);
}

function conditionHolds(st: PolicyStatement, caller: Caller): boolean {
  if (!hasCondition(st)) return true;
  const fence = accountFence(st);
  return fence !== undefined && fence.only && fence.accounts.includes(caller.accountId);
}

function allows(st: PolicyStatement, caller: Caller): boolean {
  return (
    st.Effect === 'Allow' &&
    st.NotPrincipal === undefined &&
    resourceIsKey(st) &&
    statementCoversAction(st, PUT) &&
    names(st, caller) &&
    conditionHolds(st, caller)
  );
}

export function allowsPutKeyPolicy(doc: PolicyDocument, principalArn: string, accountId: string): boolean {
  const caller = callerOf(principalArn, accountId);
  if (doc.Statement.some(st => denies(st, caller))) return false;
  return doc.Statement.some(st => allows(st, caller));
}

/**
 * Principals named in the policy that may call PutKeyPolicy (by the rule above). "*" counts only
 * when it is unconditional; a "*" fenced to accounts is reported by fencedPutKeyPolicyAccounts.
 */
export function putKeyPolicyHolders(doc: PolicyDocument, accountId: string): string[] {
  const allows = doc.Statement.filter(st => st.Effect === 'Allow');
  const unconditional = {
    ...doc,
    Statement: doc.Statement.filter(st => !allows.includes(st) || !hasCondition(st)),
  };
  return [...new Set(allows.flatMap(st => allPrincipalValues(st)))].filter(p => {
    const ref = parsePrincipal(p, accountId);
    if (ref.kind === 'deleted' || ref.kind === 'invalid' || ref.kind === 'group' || ref.kind === 'service')
      return false;
    // PutKeyPolicy cannot be called across accounts (API reference: "Cross-account use: No").
    if (ref.external) return false;
    return allowsPutKeyPolicy(p === '*' ? unconditional : doc, p, accountId);
  });
}

/** Accounts every principal of which may call PutKeyPolicy through a `"*"` fenced by kms:CallerAccount. */
export function fencedPutKeyPolicyAccounts(doc: PolicyDocument, accountId: string): string[] {
  const accounts = doc.Statement.filter(
    st => st.Effect === 'Allow' && allPrincipalValues(st).includes('*') && statementCoversAction(st, PUT),
  ).flatMap(st => accountFence(st)?.accounts ?? []);
  return [...new Set(accounts)].filter(
    a => a === accountId && allowsPutKeyPolicy(doc, rootArn(a, policyPartition(doc)), accountId),
  );
}
