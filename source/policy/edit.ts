// The default view's edits, applied to the policy text's document: add/remove an administrator,
// a key user, an external account, or allow/prevent deletion. Only the asked-for change is made;
// every other statement, field and key order stays as it was (the input is never mutated).
import type {
  AccessEdit,
  AccessRole,
  EditResult,
  KeyInfo,
  PolicyDocument,
  PolicyStatement,
  PrincipalRef,
} from './types.js';
import {findConsoleStatements} from './console-shape.js';
import {keyKindOf} from './keytype.js';
import {stringOrList, toList} from './lists.js';
import {ACCOUNT_ID, GROUP_REASON, parsePrincipal, policyPartition, rootArn} from './principal.js';
import {
  ADMIN_SID,
  DELETION_ACTIONS,
  GRANT_STATEMENT_OPTIONAL,
  USE_SID,
  adminActions,
  adminStatement,
  grantStatement,
  useStatement,
} from './templates.js';

const fail = (reason: string): EditResult => ({ok: false, reason});
const already = (reason: string): EditResult => ({ok: false, reason, unchanged: true});

function samePrincipal(a: string, b: string, accountId: string): boolean {
  if (a === b) return true;
  const [ra, rb] = [parsePrincipal(a, accountId), parsePrincipal(b, accountId)];
  return ra.kind === 'account' && rb.kind === 'account' && ra.accountId === rb.accountId;
}

function awsList(st: PolicyStatement): string[] | undefined {
  const p = st.Principal;
  return typeof p === 'object' && p !== null ? toList(p.AWS) : undefined;
}

function includes(st: PolicyStatement | undefined, principal: string, accountId: string): boolean {
  return st !== undefined && (awsList(st) ?? []).some(p => samePrincipal(p, principal, accountId));
}

/** Sets the AWS principals in place, keeping the Principal block's other kinds and key order. */
function setAws(doc: PolicyDocument, index: number, values: string[]): void {
  const st = doc.Statement[index] as PolicyStatement;
  const block = typeof st.Principal === 'object' ? st.Principal : {};
  if (values.length > 0) {
    st.Principal = {...block, AWS: stringOrList(values)};
    return;
  }
  const {AWS: _removed, ...rest} = block;
  // The console drops a statement whose last principal is removed.
  if (Object.keys(rest).length === 0) doc.Statement.splice(index, 1);
  else st.Principal = rest;
}

function addTo(doc: PolicyDocument, index: number, principal: string): void {
  setAws(doc, index, [...(awsList(doc.Statement[index] as PolicyStatement) ?? []), principal]);
}

function removeFrom(doc: PolicyDocument, index: number, principal: string, accountId: string): void {
  const left = (awsList(doc.Statement[index] as PolicyStatement) ?? []).filter(
    p => !samePrincipal(p, principal, accountId),
  );
  setAws(doc, index, left);
}

const ARN_PARTITION = /^arn:([^:]+):/;

/**
 * Rules about who may hold a role, beyond the principal's shape: a principal of another partition
 * cannot be named in this key's policy at all, and key administration (PutKeyPolicy,
 * ScheduleKeyDeletion…) cannot be done from another account (kms-facts §6: "Cross-account: No").
 */
function roleRefusal(
  ref: PrincipalRef,
  role: AccessRole,
  doc: PolicyDocument,
  key: KeyInfo,
): string | undefined {
  const partition = ARN_PARTITION.exec(ref.value)?.[1];
  const keyPartition = policyPartition(doc);
  if (partition !== undefined && partition !== keyPartition) {
    return `${ref.value} is in the ${partition} partition, but this key is in ${keyPartition}: a key policy can only name principals of its own partition (arn:${keyPartition}:…).`;
  }
  if (role === 'administrator' && ref.external) {
    const account = ref.accountId as string;
    return (
      `${ref.value} belongs to another AWS account (${account}), and keys cannot be administered from another account: ` +
      `PutKeyPolicy and ScheduleKeyDeletion work only in the key's own account (${key.accountId}). ` +
      `To let ${account} use the key, add it as another account with access (grant-access --account ${account}, or "other account" in the wizard); ` +
      `to let its people administer the key, name a role in ${key.accountId} that they can assume.`
    );
  }
  return undefined;
}

function principalToAdd(
  value: string,
  role: AccessRole,
  doc: PolicyDocument,
  key: KeyInfo,
): string | {reason: string} {
  const ref = parsePrincipal(value, key.accountId);
  const refusal = ref.kind === 'invalid' ? undefined : roleRefusal(ref, role, doc, key);
  if (refusal !== undefined) return {reason: refusal};
  switch (ref.kind) {
    case 'user':
    case 'role':
    case 'assumed-role':
    case 'federated':
    case 'account':
      return value;
    case 'group':
      return {reason: GROUP_REASON};
    case 'deleted':
      return {
        reason: `${value} is the unique id of a deleted IAM principal; add the user or role by its ARN.`,
      };
    case 'wildcard':
      return {reason: 'keypol does not add "*": it would give every identity in every AWS account access.'};
    default:
      return {
        reason: `"${value}" is not a valid principal: use an IAM user or role ARN (arn:aws:iam::123456789012:role/Name) or a 12-digit account id.`,
      };
  }
}

function accountPrincipal(value: string, doc: PolicyDocument, key: KeyInfo): string | {reason: string} {
  const ref = parsePrincipal(value.trim(), key.accountId);
  const id = ACCOUNT_ID.test(value.trim())
    ? value.trim()
    : ref.kind === 'account'
      ? ref.accountId
      : undefined;
  if (id === undefined) return {reason: `"${value}" is not an AWS account: give its 12-digit account id.`};
  const partition = ARN_PARTITION.exec(value.trim())?.[1];
  if (partition !== undefined && partition !== policyPartition(doc)) {
    return {reason: roleRefusal(ref, 'account', doc, key) as string};
  }
  if (id === key.accountId) {
    return {
      reason: `${id} is this key's own account; the statement that enables IAM policies already covers it.`,
    };
  }
  return rootArn(id, policyPartition(doc));
}

function setDeletion(doc: PolicyDocument, allow: boolean, adminIndex: number): EditResult {
  const admin = doc.Statement[adminIndex];
  if (!admin || admin.Action === undefined)
    return fail('There is no key administrators statement to change.');
  const actions = toList(admin.Action);
  const present = DELETION_ACTIONS.filter(a => actions.includes(a));
  if (allow) {
    if (present.length === DELETION_ACTIONS.length)
      return already('Key administrators can already delete this key.');
    admin.Action = [...actions, ...DELETION_ACTIONS.filter(a => !actions.includes(a))];
  } else {
    if (present.length === 0) return already('Key administrators already cannot delete this key.');
    const left = actions.filter(a => !DELETION_ACTIONS.includes(a));
    admin.Action = Array.isArray(admin.Action) ? left : stringOrList(left);
  }
  return {ok: true, document: doc};
}

function addAdministrator(doc: PolicyDocument, principal: string, key: KeyInfo): EditResult {
  const {admin, root} = findConsoleStatements(doc, key.accountId);
  if (admin < 0) {
    // Created with the current catalogue for this key type. Without administrators nobody could
    // delete through this policy ("administrators may delete: no"): the first one keeps that
    // choice rather than the console's default; set-deletion changes it, shown in the same diff.
    doc.Statement.splice(root + 1, 0, adminStatement([principal], adminActions('current', key, false)));
  } else if (typeof doc.Statement[admin]?.Principal !== 'object') {
    return fail(`"${ADMIN_SID}" does not name principals in the usual way; edit it in the policy view.`);
  } else addTo(doc, admin, principal);
  return {ok: true, document: doc};
}

/** Key users are in both "Allow use of the key" and "Allow attachment of persistent resources". */
function addUser(doc: PolicyDocument, principal: string, key: KeyInfo): EditResult {
  const {use, admin, root} = findConsoleStatements(doc, key.accountId);
  if (use < 0) {
    doc.Statement.splice(Math.max(admin, root) + 1, 0, useStatement([principal], key));
  } else if (typeof doc.Statement[use]?.Principal !== 'object') {
    return fail(`"${USE_SID}" does not name principals in the usual way; edit it in the policy view.`);
  } else if (!includes(doc.Statement[use], principal, key.accountId)) addTo(doc, use, principal);

  const after = findConsoleStatements(doc, key.accountId);
  const grant = doc.Statement[after.grant];
  if (grant) {
    // A grant statement whose Principal is "*" already covers the new user.
    if (typeof grant.Principal === 'object' && !includes(grant, principal, key.accountId)) {
      addTo(doc, after.grant, principal);
    }
  } else if (use < 0 || !GRANT_STATEMENT_OPTIONAL.includes(keyKindOf(key))) {
    doc.Statement.splice(after.use + 1, 0, grantStatement([principal]));
  }
  return {ok: true, document: doc};
}

export function applyAccessEdit(input: PolicyDocument, edit: AccessEdit, key: KeyInfo): EditResult {
  if (key.keyManager === 'AWS') return fail('AWS manages this key; its policy cannot be changed.');
  const doc = structuredClone(input);
  const found = findConsoleStatements(doc, key.accountId);
  if (edit.op === 'set-deletion') return setDeletion(doc, edit.allow, found.admin);

  const resolved =
    edit.role === 'account'
      ? accountPrincipal(edit.principal, doc, key)
      : edit.op === 'add'
        ? principalToAdd(edit.principal.trim(), edit.role, doc, key)
        : edit.principal.trim();
  if (typeof resolved !== 'string') return fail(resolved.reason);
  const principal = resolved;
  const label = {
    administrator: 'a key administrator',
    user: 'a key user',
    account: 'an external account with access',
  }[edit.role];
  const statements = (edit.role === 'administrator' ? [found.admin] : [found.use, found.grant]).filter(
    i => i >= 0,
  );
  const holding = statements.filter(i => includes(doc.Statement[i], principal, key.accountId));

  if (edit.op === 'remove') {
    if (holding.length === 0) {
      // Access through a statement of its own is not "nothing to remove": say where it is.
      const elsewhere = doc.Statement.flatMap((st, i) =>
        !statements.includes(i) && st.Effect === 'Allow' && includes(st, principal, key.accountId)
          ? [st.Sid ? `"${st.Sid}"` : `statement ${i + 1}`]
          : [],
      );
      if (elsewhere.length > 0) {
        return fail(
          `${edit.principal} is not ${label} in the console's statements, but ${elsewhere.join(', ')} ${elsewhere.length === 1 ? 'gives' : 'give'} it access; edit that in the policy itself.`,
        );
      }
      return already(`${edit.principal} is not ${label}.`);
    }
    // Remove from the later statement first so the earlier index stays valid.
    for (const i of holding.sort((a, b) => b - a)) removeFrom(doc, i, principal, key.accountId);
    return {ok: true, document: doc};
  }
  if (holding.length > 0 && holding.length === statements.length) {
    return already(`${edit.principal} is already ${label}.`);
  }
  return edit.role === 'administrator' ? addAdministrator(doc, principal, key) : addUser(doc, principal, key);
}
