// Would this policy still let a principal call kms:PutKeyPolicy? KMS refuses a PutKeyPolicy that
// would lock the caller out (kms-facts §4.4); keypol checks first so it can say why.
//
// The rule, deliberately conservative (it may say "no" where KMS would say "yes", never the reverse):
// - An Allow counts only if it has no Condition, Resource "*", an Action that matches
//   kms:PutKeyPolicy (wildcards such as kms:* or kms:Put* included), and a Principal that is
//   "*", the principal itself, the role behind an assumed-role session, or the root of the
//   principal's account (then IAM policies in that account can grant it, as KMS treats it).
// - Allow with NotPrincipal is never counted. A Deny that may apply wins: any Deny whose action
//   matches and whose principal could cover the caller, with or without conditions.
import type {PolicyDocument, PolicyStatement} from './types.js';
import {hasCondition, resourceIsKey, statementCoversAction} from './lists.js';
import {allPrincipalValues, isAccountRoot, parsePrincipal} from './principal.js';

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
    return !allPrincipalValues(listed).some(v => v === caller.arn);
  }
  return names(st, caller);
}

function allows(st: PolicyStatement, caller: Caller): boolean {
  return (
    st.Effect === 'Allow' &&
    st.NotPrincipal === undefined &&
    !hasCondition(st) &&
    resourceIsKey(st) &&
    statementCoversAction(st, PUT) &&
    names(st, caller)
  );
}

export function allowsPutKeyPolicy(doc: PolicyDocument, principalArn: string, accountId: string): boolean {
  const caller = callerOf(principalArn, accountId);
  if (doc.Statement.some(st => denies(st, caller))) return false;
  return doc.Statement.some(st => allows(st, caller));
}

/** Principals named in the policy that may call PutKeyPolicy (by the rule above). */
export function putKeyPolicyHolders(doc: PolicyDocument, accountId: string): string[] {
  const named = new Set(
    doc.Statement.filter(st => st.Effect === 'Allow').flatMap(st => allPrincipalValues(st)),
  );
  return [...named].filter(p => {
    const ref = parsePrincipal(p, accountId);
    if (ref.kind === 'deleted' || ref.kind === 'invalid' || ref.kind === 'group' || ref.kind === 'service')
      return false;
    return allowsPutKeyPolicy(doc, p, accountId);
  });
}
