// Findings about what a (valid) policy means: who it opens the key to, and what could go wrong.
import type {Finding, KeyInfo, PolicyDocument, PolicyStatement} from './types.js';
import {classifyPolicy} from './classify.js';
import {printPolicy} from './canonical.js';
import {findConsoleStatements} from './console-shape.js';
import {hasCondition, statementCoversAction} from './lists.js';
import {allowsPutKeyPolicy, putKeyPolicyHolders} from './lockout.js';
import {POLICY_MAX_BYTES, policyByteLength} from './parse.js';
import {allPrincipalValues, isAccountRoot, parsePrincipal} from './principal.js';

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
  return Object.values(st.Condition ?? {}).some(block =>
    Object.keys(block).some(k => FENCING_KEYS.includes(k.toLowerCase())),
  );
}

function where(st: PolicyStatement, index: number): Pick<Finding, 'sid' | 'statementIndex'> {
  return st.Sid === undefined ? {statementIndex: index} : {statementIndex: index, sid: st.Sid};
}

const label = (st: PolicyStatement, i: number) => (st.Sid ? `"${st.Sid}"` : `statement ${i + 1}`);

function statementFindings(doc: PolicyDocument, key: KeyInfo, rootIndex: number): Finding[] {
  const out: Finding[] = [];
  doc.Statement.forEach((st, i) => {
    if (st.Effect !== 'Allow') return;
    const at = where(st, i);
    const principals = allPrincipalValues(st);
    if (principals.includes('*') && !fenced(st)) {
      out.push({
        severity: 'warning',
        code: 'wildcard-principal',
        message: hasCondition(st)
          ? `${label(st, i)} allows "*" with conditions that do not limit it to an account or organisation (such as kms:CallerAccount).`
          : `${label(st, i)} allows "*" with no conditions: every identity in every AWS account gets these permissions.`,
        ...at,
      });
    }
    for (const p of principals) {
      const ref = parsePrincipal(p, key.accountId);
      if (ref.kind === 'deleted') {
        out.push({
          severity: 'warning',
          code: 'deleted-principal',
          message: `${label(st, i)} names ${ref.name}: that principal was deleted and no longer gets access. Remove it or replace it with a valid ARN.`,
          ...at,
        });
      } else if (ref.external) {
        out.push({
          severity: 'warning',
          code: 'cross-account',
          message: `${label(st, i)} gives ${ref.kind === 'account' ? ref.name : `${ref.name} in account ${ref.accountId}`} (another AWS account) access to this key.`,
          ...at,
        });
      }
    }
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
      message: `No statement allows the account root (arn:aws:iam::${key.accountId}:root): IAM policies cannot grant access to this key, only this key policy can.`,
    });
  }
  if (putKeyPolicyHolders(doc, key.accountId).length === 0) {
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
      message: `You (${ctx.callerArn}) could not change this policy again: it does not allow you kms:PutKeyPolicy, and KMS will refuse it.`,
    });
  }
  const isConsole = classification.kind === 'console-default' || classification.kind === 'console-modified';
  if (isConsole && doc.Statement[found.admin] === undefined) {
    findings.push({
      severity: 'info',
      code: 'no-administrators',
      message: 'No key administrators are named; only IAM policies in the account can manage the key.',
    });
  }
  if (isConsole && classification.outdated) {
    findings.push({
      severity: 'info',
      code: 'outdated-console-policy',
      message: `This is an older console default policy (${classification.version}); the current one also gives key administrators ${classification.missingActions.join(', ')}.`,
      ...(found.admin >= 0 ? {statementIndex: found.admin, sid: doc.Statement[found.admin]?.Sid} : {}),
    });
  }
  const bytes = policyByteLength(ctx.text ?? printPolicy(doc));
  if (bytes > POLICY_MAX_BYTES * 0.9) {
    findings.push({
      severity: bytes > POLICY_MAX_BYTES ? 'error' : 'warning',
      code: bytes > POLICY_MAX_BYTES ? 'too-large' : 'near-size-limit',
      message: `The policy is ${bytes.toLocaleString('en-US')} of 32,768 bytes allowed.`,
    });
  }
  return findings;
}
