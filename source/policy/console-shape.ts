// Finds the console's statements in a policy by Sid (the console itself keys on them) and checks
// each one against the template, in words: every deviation is a reason the console's default
// view would not show the policy as its own.
import type {KeyInfo, PolicyDocument, PolicyStatement} from './types.js';
import {canonicalise} from './canonical.js';
import {keyKindOf} from './keytype.js';
import {resourceIsKey, toList, uniqueSorted} from './lists.js';
import {isAccountRoot, statementPrincipals} from './principal.js';
import {
  ADMIN_SID,
  CONSOLE_SIDS,
  GRANT_ACTIONS,
  GRANT_CONDITION,
  GRANT_SID,
  GRANT_STATEMENT_OPTIONAL,
  ROOT_SIDS,
  USE_SID,
  userActions,
} from './templates.js';

export interface ConsoleStatements {
  root: number;
  admin: number;
  use: number;
  grant: number;
  /** Statements that are none of the above. */
  others: number[];
}

function isRootStatement(st: PolicyStatement, accountId: string): boolean {
  const principals = statementPrincipals(st);
  return (
    st.Effect === 'Allow' &&
    principals.length === 1 &&
    isAccountRoot(principals[0] as string, accountId) &&
    toList(st.Action).includes('kms:*') &&
    resourceIsKey(st) &&
    st.Condition === undefined
  );
}

export function findConsoleStatements(doc: PolicyDocument, accountId: string): ConsoleStatements {
  const bySid = (sid: string) => doc.Statement.findIndex(st => st.Sid === sid);
  let root = doc.Statement.findIndex(
    st => ROOT_SIDS.includes(st.Sid ?? '') && isRootStatement(st, accountId),
  );
  if (root < 0) root = doc.Statement.findIndex(st => isRootStatement(st, accountId));
  const found = {root, admin: bySid(ADMIN_SID), use: bySid(USE_SID), grant: bySid(GRANT_SID)};
  const taken = new Set(Object.values(found));
  const others = doc.Statement.map((_, i) => i).filter(i => !taken.has(i));
  return {...found, others};
}

export function looksLikeConsolePolicy(doc: PolicyDocument): boolean {
  return (
    (typeof doc.Id === 'string' && doc.Id.startsWith('key-consolepolicy-')) ||
    doc.Statement.some(st => CONSOLE_SIDS.includes(st.Sid ?? ''))
  );
}

const sameSet = (a: string[], b: string[]) => uniqueSorted(a).join('\n') === uniqueSorted(b).join('\n');

/** Deviations of one console statement from the template's shape (principals and actions aside). */
function shapeDeviations(st: PolicyStatement, label: string, withCondition: boolean): string[] {
  const out: string[] = [];
  if (st.Effect !== 'Allow') out.push(`"${label}" is not an Allow statement`);
  const p = st.Principal;
  if (!p || typeof p !== 'object' || Object.keys(p).some(k => k !== 'AWS')) {
    out.push(`"${label}" names principals other than AWS accounts, users and roles`);
  }
  if (!resourceIsKey(st)) out.push(`"${label}" has a Resource other than "*"`);
  const allowed = [
    'Sid',
    'Effect',
    'Principal',
    'Action',
    'Resource',
    ...(withCondition ? ['Condition'] : []),
  ];
  const extra = Object.keys(st).filter(k => !allowed.includes(k));
  if (extra.length > 0) out.push(`"${label}" has ${extra.join(', ')}`);
  return out;
}

/** Everything except the administrators' action set, which classify compares per version. */
export function consoleDeviations(doc: PolicyDocument, key: KeyInfo, found: ConsoleStatements): string[] {
  const out: string[] = [];
  if (doc.Version !== '2012-10-17') out.push('Version is not "2012-10-17"');
  if (typeof doc.Id !== 'string' || !/^key-consolepolicy-[123]$/.test(doc.Id))
    out.push(`Id is ${doc.Id === undefined ? 'missing' : JSON.stringify(doc.Id)}`);
  const extraTop = Object.keys(doc).filter(k => !['Version', 'Id', 'Statement'].includes(k));
  if (extraTop.length > 0) out.push(`the policy has extra elements: ${extraTop.join(', ')}`);
  const root = doc.Statement[found.root];
  if (!root) out.push('the statement that enables IAM policies is missing');
  else if (!ROOT_SIDS.includes(root.Sid ?? '')) out.push(`the root statement's Sid is "${root.Sid ?? ''}"`);
  for (const i of found.others) out.push(`extra statement "${doc.Statement[i]?.Sid ?? `#${i + 1}`}"`);
  const admin = doc.Statement[found.admin];
  if (admin) out.push(...shapeDeviations(admin, ADMIN_SID, false));
  const use = doc.Statement[found.use];
  const grant = doc.Statement[found.grant];
  if (use) {
    out.push(...shapeDeviations(use, USE_SID, false));
    if (!sameSet(toList(use.Action), userActions(key))) {
      out.push(`"${USE_SID}" does not grant exactly the ${keyKindOf(key)} key users' actions`);
    }
  }
  if (grant) {
    out.push(...shapeDeviations(grant, GRANT_SID, true));
    if (!sameSet(toList(grant.Action), GRANT_ACTIONS))
      out.push(`"${GRANT_SID}" grants other actions than grants`);
    const condition = canonicalise({Statement: [{Condition: grant.Condition ?? {}}]}).Statement[0]?.Condition;
    const expected = canonicalise({Statement: [{Condition: GRANT_CONDITION}]}).Statement[0]?.Condition;
    if (JSON.stringify(condition) !== JSON.stringify(expected)) {
      out.push(`"${GRANT_SID}" does not have exactly the kms:GrantIsForAWSResource condition`);
    }
  }
  if (use && grant && !sameSet(statementPrincipals(use), statementPrincipals(grant))) {
    out.push('the two key-user statements name different principals');
  }
  if (use && !grant && !GRANT_STATEMENT_OPTIONAL.includes(keyKindOf(key))) {
    out.push(`"${GRANT_SID}" is missing`);
  }
  if (grant && !use) out.push(`"${USE_SID}" is missing`);
  return out;
}
