// Who a question is about: a principal (as named in a policy or as a caller's ARN), any principal
// of an account that the policy does not name, the account root (what the account's IAM policies
// may delegate), or anyone at all.
import {parsePrincipal} from './principal.js';

export type Subject =
  /** An IAM user, role, assumed-role session, service principal, federated user or unique id. */
  | {kind: 'principal'; value: string}
  /** Any principal of the account that the policy does not name. */
  | {kind: 'account'; accountId: string}
  /** The account root: allowed here means IAM policies in the account can grant the action. */
  | {kind: 'account-root'; accountId: string}
  /** A principal of an account nobody in the policy names. */
  | {kind: 'anyone'};

export const principal = (value: string): Subject => ({kind: 'principal', value});
export const anyPrincipalOf = (accountId: string): Subject => ({kind: 'account', accountId});
export const accountRoot = (accountId: string): Subject => ({kind: 'account-root', accountId});
export const ANYONE: Subject = {kind: 'anyone'};

/** The account the subject belongs to, when it has one. */
export function subjectAccount(subject: Subject): string | undefined {
  if (subject.kind === 'account' || subject.kind === 'account-root') return subject.accountId;
  if (subject.kind === 'anyone') return undefined;
  return parsePrincipal(subject.value, '').accountId;
}

/**
 * aws:PrincipalArn as IAM sets it: the user or role ARN (a session reports its role, whose path the
 * session ARN does not carry, so the path-less form).
 */
export function subjectPrincipalArn(subject: Subject): string | undefined {
  if (subject.kind !== 'principal') return undefined;
  const ref = parsePrincipal(subject.value, '');
  if (ref.kind === 'user' || ref.kind === 'role') return subject.value;
  if (ref.kind === 'assumed-role') {
    const role = ref.name.split('/')[1];
    const partition = subject.value.split(':')[1];
    return `arn:${partition}:iam::${ref.accountId}:role/${role}`;
  }
  if (ref.kind === 'account') return `arn:aws:iam::${ref.accountId}:root`;
  return undefined;
}

export function subjectKey(subject: Subject): string {
  switch (subject.kind) {
    case 'principal':
      return `p:${subject.value}`;
    case 'account':
      return `a:${subject.accountId}`;
    case 'account-root':
      return `r:${subject.accountId}`;
    default:
      return '*';
  }
}
