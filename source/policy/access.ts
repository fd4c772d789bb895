// The console's "default view" of a key policy: administrators, users, other accounts, and whether
// administrators may delete the key. For other shapes it still reports what it can find.
import type {AccessModel, KeyInfo, PolicyDocument, PrincipalRef} from './types.js';
import {analyseConsolePolicy, classifyPolicy} from './classify.js';
import {findConsoleStatements} from './console-shape.js';
import {statementCoversAction} from './lists.js';
import {accountFence} from './fence.js';
import {allPrincipalValues, parsePrincipal, statementPrincipals} from './principal.js';

function refs(values: string[], accountId: string): PrincipalRef[] {
  return [...new Set(values)].map(v => parsePrincipal(v, accountId));
}

/**
 * Every other account an Allow statement gives anything to, wherever it is in the policy: its root,
 * its users and roles, or "*" limited to it by kms:CallerAccount (as lint's cross-account finding).
 */
function otherAccounts(doc: PolicyDocument, accountId: string): string[] {
  const accounts = doc.Statement.filter(st => st.Effect === 'Allow').flatMap(st => {
    const values = allPrincipalValues(st);
    const named = values.map(v => parsePrincipal(v, accountId)).filter(p => p.external);
    const fenced = values.includes('*') ? (accountFence(st)?.accounts ?? []) : [];
    return [...named.map(p => p.accountId as string), ...fenced.filter(a => a !== accountId)];
  });
  return [...new Set(accounts)];
}

export function accessModel(doc: PolicyDocument, key: KeyInfo): AccessModel {
  const classification = classifyPolicy(doc, key);
  const found = findConsoleStatements(doc, key.accountId);
  const admin = doc.Statement[found.admin];
  const use = doc.Statement[found.use];
  const grant = doc.Statement[found.grant];
  const administrators = refs(admin ? statementPrincipals(admin) : [], key.accountId);
  const users = refs(
    [...(use ? statementPrincipals(use) : []), ...(grant ? statementPrincipals(grant) : [])],
    key.accountId,
  );
  const externalAccounts = otherAccounts(doc, key.accountId);
  const notes: string[] = [];
  switch (classification.kind) {
    case 'aws-managed':
      notes.push('AWS manages this key and its policy; it cannot be changed.');
      break;
    case 'custom':
      notes.push(
        'This policy was not written by the console; the administrators and users below are only what its console-named statements say.',
      );
      break;
    case 'console-modified':
      notes.push(...analyseConsolePolicy(doc, key).deviations.map(d => `Changed by hand: ${d}.`));
      break;
    default:
      break;
  }
  const deleted = [...administrators, ...users].filter(p => p.kind === 'deleted');
  if (deleted.length > 0)
    notes.push(`${deleted.length} principal(s) were deleted from IAM and show as unique ids.`);
  return {
    representable: classification.kind === 'console-default' || classification.kind === 'api-default',
    administrators,
    users,
    externalAccounts,
    administratorsCanDelete: admin !== undefined && statementCoversAction(admin, 'kms:ScheduleKeyDeletion'),
    rootEnabled: doc.Statement[found.root] !== undefined,
    notes,
  };
}
