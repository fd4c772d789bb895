// Findings about what a (valid) policy means: who it opens the key to, and what could go wrong.
import type {Finding, KeyInfo, PolicyDocument, PolicyStatement} from './types.js';
import {classifyPolicy} from './classify.js';
import {printPolicy} from './print.js';
import {findConsoleStatements} from './console-shape.js';
import {conditionBlocks, hasCondition, statementCoversAction} from './lists.js';
import {accountFence} from './fence.js';
import {allowsPutKeyPolicy, fencedPutKeyPolicyAccounts, putKeyPolicyHolders} from './lockout.js';
import {POLICY_MAX_BYTES, policyByteLength} from './parse.js';
import {
  allPrincipalValues,
  describePrincipal,
  isAccountRoot,
  parsePrincipal,
  policyPartition,
  rootArn,
} from './principal.js';

export interface LintContext {
  key: KeyInfo;
  /** The identity that would save the policy (STS GetCallerIdentity ARN). */
  callerArn?: string;
  /** The policy text as it will be sent, for the size check. */
  text?: string;
}

/** Condition keys that fence a "*" principal to known accounts or organisations. */
const FENCING_KEYS = [
  'kms:calleraccount',
  'aws:sourceaccount',
  'aws:sourceowner',
  'aws:sourcearn',
  'aws:principalaccount',
  'aws:principalarn',
  'aws:principalorgid',
  'aws:principalorgpaths',
  'aws:resourceorgid',
];

function fenced(st: PolicyStatement): boolean {
  return conditionBlocks(st).some(([, block]) =>
    Object.keys(block).some(k => FENCING_KEYS.includes(k.toLowerCase())),
  );
}

function where(st: PolicyStatement, index: number): Pick<Finding, 'sid' | 'statementIndex'> {
  return st.Sid === undefined ? {statementIndex: index} : {statementIndex: index, sid: st.Sid};
}

const label = (st: PolicyStatement, i: number) => (st.Sid ? `"${st.Sid}"` : `statement ${i + 1}`);

function principalFindings(st: PolicyStatement, i: number, key: KeyInfo): Finding[] {
  const out: Finding[] = [];
  const at = where(st, i);
  for (const p of allPrincipalValues(st)) {
    const ref = parsePrincipal(p, key.accountId);
    if (ref.kind === 'deleted') {
      out.push({
        severity: 'warning',
        code: 'deleted-principal',
        message: `${label(st, i)} names ${ref.name}: IAM shows this unique id because the principal was deleted. ${st.Effect === 'Deny' ? 'The Deny no longer applies to it' : 'It gets no access'}, even if one with the same name is created again. Remove it or replace it with a current ARN.`,
        ...at,
      });
    } else if (ref.external) {
      out.push({
        severity: 'warning',
        code: 'cross-account',
        message: `${label(st, i)} gives another AWS account access to this key: ${describePrincipal(ref)}.`,
        ...at,
      });
    }
  }
  // "*" limited by kms:CallerAccount to another account is cross-account access too.
  const fence = allPrincipalValues(st).includes('*') ? accountFence(st) : undefined;
  for (const account of fence?.accounts.filter(a => a !== key.accountId) ?? []) {
    out.push({
      severity: 'warning',
      code: 'cross-account',
      message: `${label(st, i)} gives another AWS account access to this key: every principal in account ${account} (Principal "*" limited to that account by a condition).`,
      ...at,
    });
  }
  return out;
}

function statementFindings(doc: PolicyDocument, key: KeyInfo, rootIndex: number): Finding[] {
  const out: Finding[] = [];
  doc.Statement.forEach((st, i) => {
    if (st.Effect !== 'Allow') {
      // A Deny naming a deleted principal no longer protects anything; other accounts in it are no access.
      out.push(...principalFindings(st, i, key).filter(f => f.code === 'deleted-principal'));
      return;
    }
    const at = where(st, i);
    if (allPrincipalValues(st).includes('*') && !fenced(st)) {
      out.push({
        severity: 'warning',
        code: 'wildcard-principal',
        message: hasCondition(st)
          ? `${label(st, i)} allows "*" (anyone) with conditions that do not limit it to an account or organisation; add kms:CallerAccount or aws:PrincipalOrgID.`
          : `${label(st, i)} allows "*" with no conditions: every identity in every AWS account gets these permissions.`,
        ...at,
      });
    }
    out.push(...principalFindings(st, i, key));
    if (i !== rootIndex && statementCoversAction(st, 'kms:ScheduleKeyDeletion')) {
      out.push({
        severity: 'info',
        code: 'admin-can-delete',
        message: `${label(st, i)} lets its principals schedule this key for deletion.`,
        ...at,
      });
    }
  });
  return out;
}

export function lintPolicy(doc: PolicyDocument, ctx: LintContext): Finding[] {
  const {key} = ctx;
  const findings: Finding[] = [];
  const classification = classifyPolicy(doc, key);
  const found = findConsoleStatements(doc, key.accountId);
  findings.push(...statementFindings(doc, key, found.root));
  if (classification.kind === 'aws-managed') return findings; // AWS owns the rest of the shape

  const namesRoot = doc.Statement.some(
    st => st.Effect === 'Allow' && allPrincipalValues(st).some(p => isAccountRoot(p, key.accountId)),
  );
  if (!namesRoot) {
    findings.push({
      severity: 'warning',
      code: 'root-missing',
      message: `No statement allows the account root (${rootArn(key.accountId, policyPartition(doc))}): IAM policies cannot grant access to this key, only this key policy can.`,
    });
  }
  const holders = [
    ...putKeyPolicyHolders(doc, key.accountId),
    ...fencedPutKeyPolicyAccounts(doc, key.accountId),
  ];
  if (holders.length === 0) {
    findings.push({
      severity: 'error',
      code: 'lockout',
      message:
        'No principal left in this policy may call kms:PutKeyPolicy: nobody could change it again without AWS Support.',
    });
  } else if (ctx.callerArn !== undefined && !allowsPutKeyPolicy(doc, ctx.callerArn, key.accountId)) {
    findings.push({
      severity: 'error',
      code: 'lockout',
      message: `This policy would not let you (${ctx.callerArn}) call kms:PutKeyPolicy again, so KMS will refuse to save it (lockout safety check).`,
    });
  }
  const isConsole = classification.kind === 'console-default' || classification.kind === 'console-modified';
  // With neither administrators nor the root statement, the lockout finding says who is left.
  if (isConsole && doc.Statement[found.admin] === undefined && (namesRoot || holders.length > 0)) {
    findings.push({
      severity: 'info',
      code: 'no-administrators',
      message: namesRoot
        ? 'No key administrators are named; IAM policies in the account decide who can manage the key.'
        : 'No key administrators are named and IAM policies cannot grant access to this key: only the principals its other statements name can manage it.',
    });
  }
  if (isConsole && classification.outdated) {
    findings.push({
      severity: 'info',
      code: 'outdated-console-policy',
      message:
        classification.version === 'current'
          ? `The key administrators lack ${classification.missingActions.join(', ')}, which the console's default gives them for this kind of key.`
          : `This is an older console default policy (${classification.version}); the current one also gives key administrators ${classification.missingActions.join(', ')}.`,
      ...(found.admin >= 0 ? {statementIndex: found.admin, sid: doc.Statement[found.admin]?.Sid} : {}),
    });
  }
  const bytes = policyByteLength(ctx.text ?? printPolicy(doc));
  if (bytes > POLICY_MAX_BYTES * 0.9) {
    findings.push({
      severity: bytes > POLICY_MAX_BYTES ? 'error' : 'warning',
      code: bytes > POLICY_MAX_BYTES ? 'too-large' : 'near-size-limit',
      message: `The policy is ${bytes.toLocaleString('en-US')} bytes; KMS allows at most 32,768.`,
    });
  }
  return findings;
}
