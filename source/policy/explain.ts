// The policy in plain sentences: who can administer, use and delete the key, and how IAM fits in.
import type {KeyInfo, PolicyDocument, PolicyStatement, PrincipalRef} from './types.js';
import {accessModel} from './access.js';
import {classifyPolicy} from './classify.js';
import {findConsoleStatements} from './console-shape.js';
import {hasCondition, toList} from './lists.js';
import {accountFence} from './fence.js';
import {fencedPutKeyPolicyAccounts, putKeyPolicyHolders} from './lockout.js';
import {allPrincipalValues, describePrincipal, isAccountRoot, parsePrincipal} from './principal.js';

const names = (refs: PrincipalRef[]) => refs.map(describePrincipal).join(', ');

/** Who a statement names, in words; "*" limited by kms:CallerAccount reads as those accounts. */
function who(st: PolicyStatement, accountId: string): string {
  const fence = accountFence(st);
  const parts = allPrincipalValues(st).map(p =>
    p === '*' && fence
      ? `every principal in account${fence.accounts.length > 1 ? 's' : ''} ${fence.accounts.join(', ')}`
      : describePrincipal(parsePrincipal(p, accountId)),
  );
  return parts.join(', ') || 'no named principal';
}

function otherStatements(doc: PolicyDocument, key: KeyInfo): string[] {
  const found = findConsoleStatements(doc, key.accountId);
  return found.others.map(i => {
    const st = doc.Statement[i];
    if (!st) return '';
    const actions = toList(st.Action ?? st.NotAction).join(', ') || 'no actions';
    const verb = st.Effect === 'Deny' ? 'denies' : 'allows';
    const not = st.NotAction !== undefined ? 'every action except ' : '';
    const principals =
      st.NotPrincipal !== undefined
        ? `everyone except ${who({...st, Principal: st.NotPrincipal}, key.accountId)}`
        : who(st, key.accountId);
    const cond = hasCondition(st) ? ' (under conditions)' : '';
    return `Statement ${st.Sid ? `"${st.Sid}"` : i + 1} ${verb} ${principals}${cond}: ${not}${actions}.`;
  });
}

/** Named principals first; the account root means "anyone its IAM policies allow". */
function whoCanChange(doc: PolicyDocument, accountId: string): string {
  const holders = putKeyPolicyHolders(doc, accountId);
  const viaIam = holders.some(p => isAccountRoot(p, accountId));
  const withoutRoot = {
    ...doc,
    Statement: doc.Statement.filter(
      st => st.Effect !== 'Allow' || !allPrincipalValues(st).some(p => isAccountRoot(p, accountId)),
    ),
  };
  const direct = putKeyPolicyHolders(withoutRoot, accountId).map(p =>
    describePrincipal(parsePrincipal(p, accountId)),
  );
  const fenced = fencedPutKeyPolicyAccounts(doc, accountId).map(a => `every principal in account ${a}`);
  const parts = [
    ...(direct.length > 0 ? [direct.join(', ')] : []),
    ...fenced,
    ...(viaIam ? [`any principal in account ${accountId} whose IAM policies allow kms:PutKeyPolicy`] : []),
  ];
  return parts.length > 0
    ? `Who can change this policy: ${parts.join('; ')}.`
    : 'Nobody named in this policy can change it any more.';
}

export function explainPolicy(doc: PolicyDocument, key: KeyInfo): string[] {
  const classification = classifyPolicy(doc, key);
  const model = accessModel(doc, key);
  const out: string[] = [];
  if (classification.kind === 'aws-managed') {
    out.push('AWS manages this key and its policy: you can read it but not change it.');
  }
  out.push(
    model.administrators.length > 0
      ? `Key administrators (manage the key and its policy, not use it for cryptography): ${names(model.administrators)}.`
      : 'No key administrators are named in the policy.',
  );
  const users = model.users.filter(u => !(u.kind === 'account' && u.external));
  out.push(
    users.length > 0
      ? `Key users (encrypt, decrypt and other cryptographic operations): ${names(users)}.`
      : 'No key users are named in the policy.',
  );
  if (model.externalAccounts.length > 0) {
    out.push(
      `Other AWS accounts that can use the key: ${model.externalAccounts.join(', ')}. Their own IAM policies must also allow it.`,
    );
  }
  if (model.administrators.length > 0) {
    out.push(
      model.administratorsCanDelete
        ? 'Key administrators can schedule the key for deletion.'
        : 'Key administrators cannot schedule the key for deletion.',
    );
  }
  out.push(
    model.rootEnabled
      ? `IAM policies in account ${key.accountId} can grant access to this key (the policy allows the account root kms:*).`
      : 'IAM policies cannot grant access to this key: only principals named in this policy have access.',
  );
  out.push(whoCanChange(doc, key.accountId));
  out.push(...otherStatements(doc, key));
  return out;
}
