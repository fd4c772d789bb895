// Principals keypol cannot check: IAM roles and users of another account than the key's. keypol
// reads only its own account's IAM, so whether they exist is for KMS to say when the policy is
// written. The CLI's preview and the TUI's confirmation say it in the same words, from here.
import {parsePrincipal, statementPrincipals} from './principal.js';
import type {PolicyDocument} from './types.js';

/**
 * The other accounts' role and user ARNs `doc` names, once each, in policy order. Those `live`
 * (the policy as KMS returned it) already names are left out: KMS accepted them, and it shows a
 * deleted principal as its unique id, so an ARN it still returns is one that exists.
 */
export function otherAccountPrincipals(
  doc: PolicyDocument,
  accountId: string,
  live?: PolicyDocument,
): string[] {
  const known = new Set(live ? live.Statement.flatMap(statementPrincipals) : []);
  const found = new Set<string>();
  for (const principal of doc.Statement.flatMap(statementPrincipals)) {
    if (known.has(principal)) continue;
    const ref = parsePrincipal(principal, accountId);
    if ((ref.kind === 'role' || ref.kind === 'user') && ref.external) found.add(principal);
  }
  return [...found];
}

/** The one sentence about them (the preview's and the confirmation's). */
export function otherAccountsNote(principals: readonly string[]): string {
  return (
    `Principals of other accounts cannot be checked: ${principals.join(', ')}. ` +
    "keypol reads only this account's IAM; KMS checks that they exist when the policy is written."
  );
}
