// Findings about what a (valid) policy means: who it opens the key to, and what could go wrong.
import type {Finding, KeyInfo, PolicyDocument, PolicyStatement} from './types.js';
import {classifyPolicy} from './classify.js';
import {accessModel} from './access.js';
import {printPolicy} from './print.js';
import {findConsoleStatements} from './console-shape.js';
import {hasCondition, statementCoversAction} from './lists.js';
import {accountFence} from './fence.js';
import {callerPutDecision, lockoutReport} from './lockout.js';
import {evalContext, statementMatch} from './evaluate.js';
import {KMS_ACTIONS} from './candidates.js';
import {conditionWords} from './condition-words.js';
import {namesWho} from './conditions.js';
import {ANYONE} from './subject.js';
import {POLICY_MAX_BYTES, policyByteLength} from './parse.js';
import {
  allPrincipalValues,
  describePrincipal,
  parsePrincipal,
  policyPartition,
  rootArn,
} from './principal.js';
import {formatCount} from './numbers.js';

export interface LintContext {
  key: KeyInfo;
  /** The identity that would save the policy (STS GetCallerIdentity ARN). */
  callerArn?: string;
  /** The policy text as it will be sent, for the size check. */
  text?: string;
  /**
   * "proposed" (default): a policy about to be written, so a lockout is what KMS would refuse.
   * "live": the policy the key holds now, so a lockout is a fact to report.
   */
  mode?: 'proposed' | 'live';
}

/**
 * An Allow naming "*" that anyone (someone of an account the policy does not name) may match, with
 * no condition tying it to named principals, accounts, an organisation or a source resource.
 */
function openToAnyone(st: PolicyStatement, key: KeyInfo): boolean {
  if (!allPrincipalValues(st).includes('*')) return false;
  const ctx = evalContext(key);
  return KMS_ACTIONS.some(a => {
    const m = statementMatch(st, ANYONE, a, ctx);
    return m.holds !== 'no' && !m.undecided.some(c => namesWho(c.key));
  });
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
    if (openToAnyone(st, key)) {
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
    const namesSomeone = allPrincipalValues(st).length > 0;
    if (i !== rootIndex && namesSomeone && statementCoversAction(st, 'kms:ScheduleKeyDeletion')) {
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
  if (typeof doc.Id === 'string' && doc.Id.startsWith('auto-')) {
    findings.push({
      severity: 'info',
      code: 'aws-managed-id',
      message: `The Id "${doc.Id}" looks like an AWS managed key's, but DescribeKey says this key is customer managed: keypol treats it as yours.`,
    });
  }

  const access = accessModel(doc, key);
  if (access.iamDelegation === 'none') {
    findings.push({
      severity: 'warning',
      code: 'root-missing',
      message: `No statement allows the account root (${rootArn(key.accountId, policyPartition(doc))}): IAM policies cannot grant access to this key, only this key policy can.`,
    });
  }
  findings.push(...lockoutFindings(doc, ctx));
  const isConsole = classification.kind === 'console-default' || classification.kind === 'console-modified';
  // With neither administrators nor the root statement, the lockout finding says who is left.
  const namesRoot = access.iamDelegation !== 'none';
  if (isConsole && doc.Statement[found.admin] === undefined && access.canChange.length > 0) {
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
      message: `The policy is ${formatCount(bytes)} bytes; KMS allows at most ${formatCount(POLICY_MAX_BYTES)}.`,
    });
  }
  return findings;
}

const words = (conditions: Parameters<typeof conditionWords>[0]) => {
  const text = conditionWords(conditions);
  return text ? ` (${text})` : '';
};

/**
 * Before a write: what KMS would refuse (the caller locked out) and what you would lose. On a live
 * policy: who can no longer change it. Conditional answers are warnings, never lockout errors:
 * KMS decides them with the real request.
 */
function lockoutFindings(doc: PolicyDocument, ctx: LintContext): Finding[] {
  const live = ctx.mode === 'live';
  const report = lockoutReport(doc, ctx.key);
  const conditions = report.holders.flatMap(h => h.conditions ?? []);
  const out: Finding[] = [];
  if (report.state === 'locked') {
    out.push({
      severity: 'error',
      code: 'lockout',
      message: live
        ? 'No principal may call kms:PutKeyPolicy under this policy: nobody can change it any more without AWS Support.'
        : 'No principal left in this policy may call kms:PutKeyPolicy: KMS would refuse it, and if forced nobody could change the policy again without AWS Support.',
    });
  } else if (report.state === 'conditional') {
    out.push({
      severity: 'warning',
      code: 'lockout-conditional',
      message: `${live ? 'This policy can be changed' : 'After this change the policy could be changed'} only by requests that meet its conditions${words(conditions)}.`,
    });
  }
  if (ctx.callerArn === undefined || report.state === 'locked') return out;
  const caller = callerPutDecision(doc, ctx.callerArn, ctx.key);
  if (caller.verdict === 'deny' || caller.verdict === 'not-allowed') {
    out.push(
      live
        ? {
            severity: 'info',
            code: 'caller-cannot-change',
            message: `You (${ctx.callerArn}) cannot change this policy: it does not let you call kms:PutKeyPolicy.`,
          }
        : {
            severity: 'error',
            code: 'lockout',
            message: `This policy would not let you (${ctx.callerArn}) call kms:PutKeyPolicy again, so KMS would refuse to save it (lockout safety check): you would lose the ability to change this key's policy.`,
          },
    );
  } else if (caller.verdict === 'conditional') {
    out.push({
      severity: 'warning',
      code: 'lockout-conditional',
      message: `Whether you (${ctx.callerArn}) ${live ? 'can' : 'could'} call kms:PutKeyPolicy ${live ? '' : 'again '}depends on conditions${words(caller.conditions)}.`,
    });
  }
  return out;
}
