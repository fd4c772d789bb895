// The policy in plain sentences: who can administer, use, change and delete the key, and how IAM
// fits in — sentences over the access view, which is the evaluator's reading.
import type {AccessModel, KeyInfo, PolicyDocument, PolicyStatement, PrincipalRef} from './types.js';
import {accessModel} from './access.js';
import {classifyPolicy} from './classify.js';
import {findConsoleStatements} from './console-shape.js';
import {entryWords} from './condition-words.js';
import {hasCondition, toList} from './lists.js';
import {accountFence} from './fence.js';
import {allPrincipalValues, describePrincipal, parsePrincipal} from './principal.js';
import {formatCount} from './numbers.js';

const names = (refs: PrincipalRef[]) => refs.map(r => entryWords(r, describePrincipal)).join(', ');

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

const isRootEntry = (r: PrincipalRef, accountId: string) => r.kind === 'account' && r.accountId === accountId;

/** Named principals first; the account root means "anyone its IAM policies allow". */
function whoCanChange(model: AccessModel, accountId: string, awsManaged: boolean): string {
  if (awsManaged) return 'Who can change this policy: only AWS, which manages it.';
  const direct = model.canChange.filter(r => !isRootEntry(r, accountId));
  const root = model.canChange.find(r => isRootEntry(r, accountId));
  const named = direct.filter(r => r.kind !== 'wildcard');
  const everyone = direct.filter(r => r.kind === 'wildcard');
  const parts = [
    ...(named.length > 0 ? [names(named)] : []),
    ...everyone.map(r => entryWords(r, describePrincipal)),
    ...(root
      ? [
          entryWords(
            {
              ...root,
              name: `any principal in account ${accountId} whose IAM policies allow kms:PutKeyPolicy`,
            },
            r => r.name,
          ),
        ]
      : []),
  ];
  return parts.length > 0
    ? `Who can change this policy: ${parts.join('; ')}.`
    : 'Nobody can change this policy any more: no principal may call kms:PutKeyPolicy.';
}

function iamLine(model: AccessModel, accountId: string): string {
  switch (model.iamDelegation) {
    case 'all':
      return `IAM policies in account ${accountId} can grant access to this key (the policy allows the account root kms:*).`;
    case 'some': {
      const shown = model.iamActions.slice(0, 8).join(', ');
      const more = model.iamActions.length > 8 ? ` and ${formatCount(model.iamActions.length - 8)} more` : '';
      return `IAM policies in account ${accountId} can grant only some actions on this key: ${shown}${more}.`;
    }
    case 'conditional':
      return `IAM policies in account ${accountId} can grant access to this key only under the policy's conditions.`;
    default:
      return 'IAM policies cannot grant access to this key: only principals named in this policy have access.';
  }
}

export function explainPolicy(doc: PolicyDocument, key: KeyInfo): string[] {
  const awsManaged = classifyPolicy(doc, key).kind === 'aws-managed';
  const model = accessModel(doc, key);
  const out: string[] = [];
  if (awsManaged) out.push('AWS manages this key and its policy: you can read it but not change it.');
  const viaIam = model.canChange.some(r => isRootEntry(r, key.accountId));
  out.push(
    model.administrators.length > 0
      ? `Key administrators (may change the policy or delete the key): ${names(model.administrators)}.`
      : viaIam
        ? `No key administrators are named: IAM policies in account ${key.accountId} decide who may change the policy or delete the key.`
        : 'No principal named in this policy may change it or delete the key.',
  );
  // Other accounts named by their root get their own line.
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
  out.push(iamLine(model, key.accountId));
  out.push(whoCanChange(model, key.accountId, awsManaged));
  out.push(...otherStatements(doc, key));
  return out;
}
