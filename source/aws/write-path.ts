// THE write path. Every PutKeyPolicy keypol makes goes through writePolicyGuarded, in this order:
// local refusals (read-only, AWS managed, size, validation, lint/lockout) before any API call;
// re-read and refuse on conflict; backup of the exact previous text; put; re-read and verify;
// one audit line for every attempt that reached AWS.
import {PutKeyPolicyCommand, type KMSClient} from '@aws-sdk/client-kms';
import {
  POLICY_MAX_BYTES,
  diffPolicies,
  hasErrors,
  lintPolicy,
  parsePolicy,
  policiesEqual,
  policyByteLength,
  validatePolicy,
  type Finding,
  type PolicyDocument,
} from '../policy/index.js';
import {appendAudit} from '../store/audit.js';
import {writeBackup} from '../store/backups.js';
import {sha256Hex} from '../store/hash.js';
import type {AuditRecord} from '../store/types.js';
import type {AwsError} from './errors.js';
import {
  keyInfoOf,
  type Identity,
  type PolicySnapshot,
  type WriteOutcome,
  type WriteRequest,
} from './types.js';

export interface WriteDeps {
  kms: KMSClient;
  region: string;
  readOnly: boolean;
  stateDir: string;
  identity(): Promise<Identity>;
  readPolicy(ref: string): Promise<PolicySnapshot>;
  toError(error: unknown, action: string, ref?: string): AwsError;
}

type Refusal = Extract<WriteOutcome, {ok: false}>;

export async function writePolicyGuarded(deps: WriteDeps, request: WriteRequest): Promise<WriteOutcome> {
  const {key, before, afterText} = request;
  const local = localRefusal(deps, request);
  if (local) return local;

  let caller: Identity;
  try {
    caller = await deps.identity();
  } catch (error) {
    return refuse('api', (error as Error).message);
  }
  const after = parsePolicy(afterText);
  if (!after.ok) return refuse('invalid', 'The new policy is not valid JSON: fix it and try again.');
  const lint = lintPolicy(after.document, {key: keyInfoOf(key), callerArn: caller.arn, text: afterText});
  const lockout = lint.filter(f => f.code === 'lockout' && f.severity === 'error');
  if (lockout.length > 0 && !request.bypassLockout) {
    const cause = lockout[0]?.message ?? 'The new policy would stop you from changing it again.';
    return refuse('lockout', `${cause} Keep kms:PutKeyPolicy for yourself or an administrator.`, lint);
  }
  const otherErrors = lint.filter(f => f.severity === 'error' && f.code !== 'lockout');
  if (otherErrors.length > 0)
    return refuse('invalid', `The new policy has ${count(otherErrors)}: fix them and try again.`, lint);

  // From here on KMS is involved, so every ending leaves an audit line.
  const audit = (result: string, fields: Partial<AuditRecord> = {}): Promise<void> =>
    appendAudit(deps.stateDir, {
      time: new Date().toISOString(),
      caller: caller.arn,
      account: caller.account,
      keyArn: key.arn,
      region: deps.region,
      reason: request.reason,
      result,
      beforeSha256: before.sha256,
      ...fields,
    });
  const refuseAudited = async (refusal: Refusal): Promise<Refusal> => {
    await audit(refusal.refusal, {message: refusal.message}).catch(() => undefined);
    return refusal;
  };

  let live: PolicySnapshot;
  try {
    live = await deps.readPolicy(key.arn);
  } catch (error) {
    return refuseAudited(refuse('api', (error as Error).message));
  }
  if (!sameText(live.text, before.text)) {
    return refuseAudited({
      ...refuse(
        'conflict',
        'The policy changed since you read it (another writer?): review the live policy and try again.',
      ),
      live,
    });
  }

  let backup;
  try {
    backup = await writeBackup(deps.stateDir, {
      keyArn: key.arn,
      region: deps.region,
      caller: caller.arn,
      reason: request.reason,
      text: live.text,
    });
  } catch (error) {
    const cause = (error as Error).message;
    return refuseAudited(
      refuse(
        'backup',
        `Could not write the backup (${cause}), so nothing was changed: check ${deps.stateDir}.`,
      ),
    );
  }

  try {
    await deps.kms.send(
      new PutKeyPolicyCommand({
        KeyId: key.arn,
        PolicyName: 'default',
        Policy: afterText,
        ...(request.bypassLockout ? {BypassPolicyLockoutSafetyCheck: true} : {}),
      }),
    );
  } catch (error) {
    const message = deps.toError(error, 'kms:PutKeyPolicy', key.arn).message;
    await audit('api', {message, backupId: backup.id}).catch(() => undefined);
    return refuse('api', message);
  }

  let written: PolicySnapshot;
  try {
    written = await deps.readPolicy(key.arn);
  } catch (error) {
    const message = `The policy was put but could not be read back (${(error as Error).message}): check it with keypol show.`;
    await audit('unverified', {message, backupId: backup.id, afterSha256: sha256Hex(afterText)}).catch(
      () => undefined,
    );
    return refuse('unverified', message);
  }
  if (!sameText(written.text, afterText)) {
    const message =
      'KMS now holds a different policy than the one written (a concurrent writer?): review it with keypol show.';
    await audit('unverified', {message, backupId: backup.id, afterSha256: written.sha256}).catch(
      () => undefined,
    );
    return {...refuse('unverified', message), live: written};
  }

  const warnings: string[] = [];
  await audit('ok', {backupId: backup.id, afterSha256: written.sha256}).catch((error: Error) => {
    warnings.push(`The policy was written, but the audit log could not be appended: ${error.message}`);
  });
  return {
    ok: true,
    backupId: backup.id,
    backupPath: backup.path,
    after: written,
    diff: diffPolicies(documentOf(live.text), documentOf(written.text)),
    ...(warnings.length ? {warnings} : {}),
  };
}

/** The refusals that need no API call at all. */
function localRefusal(deps: WriteDeps, {key, afterText}: WriteRequest): Refusal | undefined {
  if (deps.readOnly)
    return refuse('read-only', 'keypol is in read-only mode: run it without --read-only to change policies.');
  if (key.keyManager === 'AWS') {
    return refuse('aws-managed', 'This is an AWS managed key: AWS owns its policy and nobody can change it.');
  }
  const bytes = policyByteLength(afterText);
  if (bytes > POLICY_MAX_BYTES) {
    return refuse(
      'invalid',
      `The new policy is ${bytes} bytes; KMS allows at most ${POLICY_MAX_BYTES}: shorten it.`,
    );
  }
  const findings = validatePolicy(afterText);
  if (hasErrors(findings)) {
    const errors = findings.filter(f => f.severity === 'error');
    return refuse('invalid', `The new policy has ${count(errors)}: fix them and try again.`, findings);
  }
  return undefined;
}

function refuse(refusal: Refusal['refusal'], message: string, findings?: Finding[]): Refusal {
  return {ok: false, refusal, message, ...(findings ? {findings} : {})};
}

function count(errors: Finding[]): string {
  return errors.length === 1 ? '1 error' : `${errors.length} errors`;
}

/** KMS re-serialises policies (and may reorder lists), so equality is semantic, not textual. */
function sameText(a: string, b: string): boolean {
  if (a === b) return true;
  const left = parsePolicy(a);
  const right = parsePolicy(b);
  return left.ok && right.ok && policiesEqual(left.document, right.document);
}

function documentOf(text: string): PolicyDocument {
  const parsed = parsePolicy(text);
  return parsed.ok ? parsed.document : {Statement: []};
}
