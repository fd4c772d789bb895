// Who may still call kms:PutKeyPolicy, asked of the evaluator. KMS refuses a PutKeyPolicy that
// would lock the caller out (kms-facts §4.4); keypol checks first so it can say why, and reads a
// live policy the same way. A Deny whose conditions may not hold never makes a lockout: it makes
// the answer conditional, which KMS decides with the real request.
import type {Decision, KeyInfo, PolicyDocument, PrincipalRef} from './types.js';
import {evalContext, evaluate, mayDo} from './evaluate.js';
import {PUT_POLICY, entryFor, readPolicy, type PolicyReading, type SubjectReading} from './reading.js';
import {isAccountRoot} from './principal.js';
import {principal} from './subject.js';

export interface LockoutReport {
  /** ok: someone may call PutKeyPolicy for certain; conditional: only if conditions hold; locked: nobody. */
  state: 'ok' | 'conditional' | 'locked';
  /** Who may call it, certain or conditional (conditions on the entry), as the access view shows them. */
  holders: PrincipalRef[];
}

/** PutKeyPolicy cannot be called across accounts ("Cross-account use: No"), nor by a service. */
function canHold(s: SubjectReading, accountId: string): boolean {
  const ref = s.ref;
  if (s.subject.kind === 'anyone') return false;
  if (['deleted', 'invalid', 'group', 'service', 'federated'].includes(ref.kind)) return false;
  return ref.accountId === accountId;
}

export function lockoutFromReading(reading: PolicyReading, accountId: string): LockoutReport {
  const holders: PrincipalRef[] = [];
  let certain = false;
  for (const s of reading.subjects) {
    if (!canHold(s, accountId)) continue;
    const entry = entryFor(s, [PUT_POLICY]);
    if (!entry) continue;
    // A named principal reached only through the root adds nothing to "the account's IAM policies";
    // a root reached only through "*" is the "every principal" entry's.
    if ((s.subject.kind === 'account-root') !== Boolean(entry.throughIam)) continue;
    holders.push(entry);
    if (entry.conditions === undefined) certain = true;
  }
  return {state: certain ? 'ok' : holders.length > 0 ? 'conditional' : 'locked', holders};
}

export function lockoutReport(doc: PolicyDocument, key: Pick<KeyInfo, 'accountId' | 'arn'>): LockoutReport {
  return lockoutFromReading(readPolicy(doc, key), key.accountId);
}

/** The caller's own answer for kms:PutKeyPolicy under this policy. */
export function callerPutDecision(
  doc: PolicyDocument,
  callerArn: string,
  key: Pick<KeyInfo, 'accountId' | 'arn'>,
): Decision {
  return evaluate(doc, principal(callerArn), PUT_POLICY, evalContext(key));
}

/**
 * Whether the principal may call PutKeyPolicy, counting an Allow whose only doubt is a Deny's
 * condition (the sandbox's KMS emulation: the caller is concrete, so its own conditions decide).
 */
export function allowsPutKeyPolicy(doc: PolicyDocument, principalArn: string, accountId: string): boolean {
  const d = evaluate(doc, principal(principalArn), PUT_POLICY, {accountId});
  return d.verdict === 'allow' || (d.verdict === 'conditional' && d.allowCertain);
}

/** Principals named in the policy (and the key account's root) that may call PutKeyPolicy for certain. */
export function putKeyPolicyHolders(doc: PolicyDocument, accountId: string): string[] {
  return lockoutReport(doc, {accountId})
    .holders.filter(h => h.conditions === undefined && h.kind !== 'wildcard')
    .map(h =>
      h.kind === 'account' && isAccountRoot(h.value, accountId) ? `arn:aws:iam::${accountId}:root` : h.value,
    );
}

export {mayDo};
