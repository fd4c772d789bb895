// GetKeyPolicy, PutKeyPolicy, ListKeyPolicies, and the policy checks CreateKey shares. The rules
// themselves live in source/policy; this file only maps their findings to KMS's errors.
import {allowsPutKeyPolicy, parsePolicy, statementPrincipals, validatePolicy} from '../../policy/index.js';
import type {Finding, PolicyStatement} from '../../policy/types.js';
import {accessDenied, KmsError, notFound} from '../errors.js';
import {jacksonPolicy} from '../jackson.js';
import {policyText, type KeyRecord} from '../state.js';
import {
  optionalBoolean,
  optionalString,
  requiredString,
  type Operation,
  type OperationContext,
} from './context.js';
import {arnOf, refuseAwsManaged, refusePendingDeletion, targetKey} from './guards.js';
import {paginate} from './pagination.js';

const LOCKOUT = 'The new key policy will not allow you to update the key policy in the future.';
const INVALID_PRINCIPALS = 'Policy contains a statement with one or more invalid principals.';

/** Only errors refuse a policy: warnings (e.g. a deleted principal's unique id) KMS stores as given. */
function refusal(finding: Finding): KmsError | undefined {
  if (finding.severity !== 'error') return undefined;
  if (finding.code === 'too-large') return new KmsError('LimitExceededException', finding.message);
  const message = finding.code === 'iam-group' ? INVALID_PRINCIPALS : finding.message;
  return new KmsError('MalformedPolicyDocumentException', message);
}

/**
 * Validates a policy the caller submits and returns it as KMS stores it (re-serialised). Without
 * BypassPolicyLockoutSafetyCheck the caller must still be able to call PutKeyPolicy afterwards.
 */
export function acceptPolicy(ctx: OperationContext, text: string, bypassLockout: boolean): string {
  const findings = validatePolicy(text);
  const order = (f: Finding): number => (f.code === 'too-large' ? 0 : f.code === 'json' ? 1 : 2);
  for (const finding of [...findings].sort((a, b) => order(a) - order(b))) {
    const error = refusal(finding);
    if (error) throw error;
  }
  const parsed = parsePolicy(text);
  if (!parsed.ok) {
    throw new KmsError('MalformedPolicyDocumentException', parsed.errors[0]?.message ?? 'Invalid JSON');
  }
  refuseUnknownPrincipals(ctx, parsed.document.Statement);
  if (!bypassLockout && !allowsPutKeyPolicy(parsed.document, ctx.caller, ctx.accountId)) {
    throw new KmsError('MalformedPolicyDocumentException', LOCKOUT);
  }
  return jacksonPolicy(parsed.document);
}

const OWN_PRINCIPAL = /^arn:aws:iam::(\d{12}):(?:role|user)\//;

/**
 * "The principals in the key policy must exist and be visible to KMS": every role and user ARN of
 * the sandbox's own account must name one the account has (other accounts are not checked).
 */
function refuseUnknownPrincipals(ctx: OperationContext, statements: PolicyStatement[]): void {
  for (const principal of statements.flatMap(statementPrincipals)) {
    const account = OWN_PRINCIPAL.exec(principal)?.[1];
    if (account === ctx.accountId && !ctx.state.principals.arn(principal)) {
      throw new KmsError('MalformedPolicyDocumentException', INVALID_PRINCIPALS);
    }
  }
}

function checkPolicyName(ctx: OperationContext, key: KeyRecord, name: string | undefined): void {
  if (name !== undefined && name !== 'default') {
    throw notFound(`Policy '${name}' does not exist for ${arnOf(ctx, key)}; the only policy name is default`);
  }
}

/** The caller must be allowed to change the policy by the policy it has now. */
function authorise(ctx: OperationContext, key: KeyRecord): void {
  refuseAwsManaged(ctx, key, 'PutKeyPolicy');
  const current = parsePolicy(policyText(key));
  if (current.ok && !allowsPutKeyPolicy(current.document, ctx.caller, ctx.accountId)) {
    throw accessDenied(ctx.caller, 'PutKeyPolicy', arnOf(ctx, key));
  }
}

export const GetKeyPolicy: Operation = (ctx, params) => {
  const key = targetKey(ctx, params);
  checkPolicyName(ctx, key, optionalString(params, 'PolicyName'));
  return {Policy: policyText(key), PolicyName: 'default'};
};

export const PutKeyPolicy: Operation = (ctx, params) => {
  const key = targetKey(ctx, params);
  const text = requiredString(params, 'Policy');
  checkPolicyName(ctx, key, optionalString(params, 'PolicyName'));
  authorise(ctx, key);
  refusePendingDeletion(ctx, key);
  key.policy = acceptPolicy(ctx, text, optionalBoolean(params, 'BypassPolicyLockoutSafetyCheck') ?? false);
  return undefined;
};

export const ListKeyPolicies: Operation = (ctx, params) => {
  targetKey(ctx, params);
  const {page, more} = paginate(['default'], params, {default: 100, max: 1000});
  return {PolicyNames: page, ...more};
};
