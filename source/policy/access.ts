// The access view: key administrators (may change the policy or delete the key), key users (may use
// it for cryptography), other accounts, deletion, and what IAM policies can grant — all read from
// the evaluator, so a console policy shows what the console's default view would and any other
// policy gets the same sections worked out from what its statements allow.
import type {AccessModel, KeyInfo, PolicyDocument, PrincipalRef} from './types.js';
import {analyseConsolePolicy, classifyPolicy} from './classify.js';
import {mayDo} from './evaluate.js';
import {lockoutFromReading} from './lockout.js';
import {
  ADMIN_ACTIONS,
  CRYPTO_ACTIONS,
  KMS_ACTIONS,
  SCHEDULE_DELETION,
  decisionsFor,
  entryFor,
  readPolicy,
  type PolicyReading,
  type SubjectReading,
} from './reading.js';
import {formatCount} from './numbers.js';

/** The key's own account root is the IAM line, not an entry; entries reached only through it too. */
function listed(s: SubjectReading, entry: PrincipalRef, accountId: string): boolean {
  if (s.subject.kind === 'account-root') return s.subject.accountId !== accountId;
  return !entry.throughIam;
}

function section(reading: PolicyReading, actions: string[], accountId: string): PrincipalRef[] {
  return reading.subjects.flatMap(s => {
    const entry = entryFor(s, actions);
    return entry && listed(s, entry, accountId) ? [entry] : [];
  });
}

function otherAccounts(reading: PolicyReading, accountId: string): string[] {
  const accounts = reading.subjects.flatMap(s => {
    const account = s.ref.accountId;
    if (account === undefined || account === accountId || s.subject.kind === 'anyone') return [];
    return decisionsFor(s, KMS_ACTIONS).some(mayDo) ? [account] : [];
  });
  return [...new Set(accounts)];
}

function delegation(
  reading: PolicyReading,
  accountId: string,
): Pick<AccessModel, 'iamDelegation' | 'iamActions'> {
  const root = reading.subjects.find(
    s => s.subject.kind === 'account-root' && s.subject.accountId === accountId,
  );
  const decisions = root ? KMS_ACTIONS.map(a => [a, root.decisions.get(a)] as const) : [];
  const certain = decisions.filter(([, d]) => d?.verdict === 'allow').map(([a]) => a);
  if (certain.length === KMS_ACTIONS.length) return {iamDelegation: 'all', iamActions: []};
  if (certain.length > 0) return {iamDelegation: 'some', iamActions: certain};
  const maybe = decisions.filter(([, d]) => d && mayDo(d)).map(([a]) => a);
  return maybe.length > 0
    ? {iamDelegation: 'conditional', iamActions: maybe}
    : {iamDelegation: 'none', iamActions: []};
}

/**
 * PutKeyPolicy and ScheduleKeyDeletion cannot be called across accounts ("Cross-account use: No"),
 * so only the key's own account (and services) can administer it, whatever the policy grants.
 */
const sameAccount = (ref: PrincipalRef, accountId: string) =>
  ref.value === '*' ? ref.accountId === accountId : !ref.external;

export function accessModel(doc: PolicyDocument, key: KeyInfo): AccessModel {
  const classification = classifyPolicy(doc, key);
  const reading = readPolicy(doc, key);
  const administrators = section(reading, ADMIN_ACTIONS, key.accountId).filter(r =>
    sameAccount(r, key.accountId),
  );
  const users = section(reading, CRYPTO_ACTIONS, key.accountId);
  const adminSubjects = reading.subjects.filter(s => {
    const entry = entryFor(s, ADMIN_ACTIONS);
    return entry !== undefined && listed(s, entry, key.accountId) && sameAccount(entry, key.accountId);
  });
  const iam = delegation(reading, key.accountId);
  const notes: string[] = [];
  if (classification.kind === 'aws-managed')
    notes.push('AWS manages this key and its policy; it cannot be changed.');
  if (classification.kind === 'console-modified')
    notes.push(...analyseConsolePolicy(doc, key).deviations.map(d => `Changed by hand: ${d}.`));
  const deleted = [...administrators, ...users].filter(p => p.kind === 'deleted');
  if (deleted.length > 0)
    notes.push(
      deleted.length === 1
        ? '1 principal is named by a unique id (AROA…/AIDA…), which is how KMS shows a role or user deleted from IAM.'
        : `${formatCount(deleted.length)} principals are named by unique ids (AROA…/AIDA…), which is how KMS shows roles or users deleted from IAM.`,
    );
  return {
    representable: classification.kind === 'console-default' || classification.kind === 'api-default',
    administrators,
    users,
    externalAccounts: otherAccounts(reading, key.accountId),
    administratorsCanDelete: adminSubjects.some(s => {
      const entry = entryFor(s, [SCHEDULE_DELETION]);
      return entry !== undefined && listed(s, entry, key.accountId);
    }),
    rootEnabled: iam.iamDelegation !== 'none',
    ...iam,
    canChange: lockoutFromReading(reading, key.accountId).holders,
    notes,
  };
}
