// THE write path. Every PutKeyPolicy keypol makes goes through writePolicyGuarded, in this order:
//  1. local refusals (read-only from any source, AWS managed, size, validation) — no API call;
//  2. the caller, then lint and the lockout check — still no KMS call;
//  3. the key's lock (one keypol writer per key; the others wait, then see its change);
//  4. re-read and refuse on conflict with what the operator reviewed;
//  5. backup of the exact live text (atomic), then the audit intent line;
//  6. re-read once more, right before the put: the gap another writer can slip into is one
//     round trip (KMS has no conditional put, so it cannot be closed);
//  7. put; an ambiguous failure (reset, timeout, 5xx) is resolved by re-reading;
//  8. verify, then verify again after a short delay: a writer that overwrote keypol's policy is
//     reported as a conflict, and keypol's version is kept as a backup;
//  9. the audit outcome line.
import {PutKeyPolicyCommand, type KMSClient} from '@aws-sdk/client-kms';
import {
  formatCount,
  POLICY_MAX_BYTES,
  hasErrors,
  lintPolicy,
  parsePolicy,
  policyByteLength,
  validatePolicy,
  type PolicyDocument,
} from '../policy/index.js';
import {startAttempt} from '../store/audit.js';
import {writeBackup, type BackupFaults} from '../store/backups.js';
import {sha256Hex} from '../store/hash.js';
import type {LockOptions} from '../store/lock.js';
import type {BackupEntry} from '../store/types.js';
import type {AwsError} from './errors.js';
import {
  awsManagedRefusal,
  isAmbiguousFailure,
  LockBusyError,
  prepareStateDir,
  readOnlyRefusal,
  resolveAmbiguous,
  withKeyLock,
} from './guard.js';
import {
  keyInfoOf,
  type ConnectionInfo,
  type Identity,
  type PolicySnapshot,
  type PrincipalDirectory,
  type WriteOutcome,
  type WriteRequest,
} from './types.js';
import {auditTrail, count, refuse, sameText, withWarnings, type Refusal} from './write-outcome.js';
import {overwritten, verify} from './write-verify.js';

/** Points in the sequence where a test can step in (another writer, a crash). */
export type WritePoint = 'after-backup' | 'before-put' | 'after-put' | 'after-verify';

export interface WriteHooks extends BackupFaults {
  at?(point: WritePoint): Promise<void> | void;
}

export interface WriteDeps {
  /** The client for PutKeyPolicy: no automatic retries (a retried put could overwrite another writer). */
  kms: KMSClient;
  info: ConnectionInfo;
  region: string;
  stateDir: string;
  identity(): Promise<Identity>;
  readPolicy(ref: string): Promise<PolicySnapshot>;
  /** The connection's IAM reader, for the principal step. */
  principals?: PrincipalDirectory;
  toError(error: unknown, action: string, ref?: string): AwsError;
  /** The second verification's delay, and the wait before re-reading after an ambiguous failure. */
  verifyDelayMs: number;
  lock?: LockOptions;
  hooks?: WriteHooks;
}

/** A local refusal (no API call to KMS) when the policy names a principal IAM does not have. */
async function principalStep(
  deps: WriteDeps,
  {key, before}: WriteRequest,
  document: PolicyDocument,
): Promise<Refusal | undefined> {
  if (!deps.principals) return undefined;
  const {checkPrincipals} = await import('./principal-check.js');
  const live = parsePolicy(before.text);
  const {refused} = await checkPrincipals(
    document,
    key.accountId,
    deps.principals,
    live.ok ? live.document : undefined,
  );
  if (refused.length === 0) return undefined;
  const reasons = refused.slice(0, 3).map(r => r.reason);
  const more = refused.length > 3 ? ` (${formatCount(refused.length - 3)} more)` : '';
  return refuse('invalid', `${reasons.join(' ')}${more} Nothing was sent to KMS.`);
}

export async function writePolicyGuarded(deps: WriteDeps, request: WriteRequest): Promise<WriteOutcome> {
  const {key, afterText} = request;
  const local = localRefusal(deps, request);
  if (local) return local;

  const warnings: string[] = [];
  let caller: Identity;
  try {
    warnings.push(...(await prepareStateDir(deps.stateDir)));
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

  // ── Principal step (source/aws/principal-check.ts): every role/user of this account exists. ──
  const principalRefusal = await principalStep(deps, request, after.document);
  if (principalRefusal) return withWarnings(principalRefusal, warnings);

  try {
    const outcome = await withKeyLock(deps.stateDir, key.arn, deps.lock ?? {}, () =>
      lockedWrite(deps, request, caller),
    );
    return withWarnings(outcome, warnings);
  } catch (error) {
    if (error instanceof LockBusyError) return withWarnings(refuse('busy', error.message), warnings);
    throw error;
  }
}

/** Steps 4–9, holding the key's lock. */
async function lockedWrite(deps: WriteDeps, request: WriteRequest, caller: Identity): Promise<WriteOutcome> {
  const {key, before, afterText} = request;
  const attempt = startAttempt(deps.stateDir, {
    caller: caller.arn,
    account: caller.account,
    keyArn: key.arn,
    region: deps.region,
    reason: request.reason,
    operation: 'kms:PutKeyPolicy',
    beforeSha256: before.sha256,
    afterSha256: sha256Hex(afterText),
  });
  const trail = auditTrail(attempt);
  const {end, warnings} = trail;

  let live: PolicySnapshot;
  try {
    live = await deps.readPolicy(key.arn);
  } catch (error) {
    return end(refuse('api', (error as Error).message), false);
  }
  if (!sameText(live.text, before.text)) {
    return end({...refuse('conflict', CHANGED_SINCE_REVIEW), live}, false, {liveSha256: live.sha256});
  }

  let backup: BackupEntry;
  try {
    backup = await writeBackup(
      deps.stateDir,
      {keyArn: key.arn, region: deps.region, caller: caller.arn, reason: request.reason, text: live.text},
      deps.hooks ?? {},
    );
  } catch (error) {
    const cause = (error as Error).message;
    return end(
      refuse(
        'backup',
        `Could not write the backup (${cause}), so nothing was changed: check ${deps.stateDir}.`,
      ),
      false,
    );
  }
  try {
    await attempt.intent({backupId: backup.id});
  } catch (error) {
    return withWarnings(
      refuse(
        'audit',
        `Could not write the audit log (${(error as Error).message}), so nothing was changed: check ${deps.stateDir}.`,
      ),
      warnings,
    );
  }
  const kept = {backupId: backup.id};
  await deps.hooks?.at?.('after-backup');

  // The last look before the put: nothing else happens between this answer and the put.
  let last: PolicySnapshot;
  try {
    last = await deps.readPolicy(key.arn);
  } catch (error) {
    return end(refuse('api', (error as Error).message), false, kept);
  }
  if (!sameText(last.text, live.text)) {
    return end(
      {
        ...refuse(
          'conflict',
          `${CHANGED_SINCE_REVIEW} The policy you reviewed is kept as backup ${backup.id}.`,
        ),
        live: last,
        backupPaths: [backup.path],
      },
      false,
      {...kept, liveSha256: last.sha256},
    );
  }
  await deps.hooks?.at?.('before-put');

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
    if (!isAmbiguousFailure(error)) {
      return end(refuse('api', `${message} Nothing was changed.`), false, kept);
    }
    // No answer (reset, timeout) or a 5xx: KMS may have applied it. Ask.
    const now = await resolveAmbiguous({settleMs: deps.verifyDelayMs}, () => deps.readPolicy(key.arn));
    if (now === undefined) {
      return end(
        refuse(
          'unverified',
          `${message} keypol could not read the policy back to tell whether the put was applied: check it with keypol show (the previous policy is backup ${backup.id}).`,
        ),
        null,
        kept,
      );
    }
    if (sameText(now.text, live.text)) {
      return end(
        refuse('api', `${message} Re-reading shows the put was not applied: nothing was changed.`),
        false,
        kept,
      );
    }
    if (!sameText(now.text, afterText)) return overwritten(deps, request, caller, backup, now, trail, null);
    warnings.push(`The put's answer was lost (${message}), but re-reading shows the policy was applied.`);
    return verify(deps, request, caller, backup, now, trail, {result: 'applied', message});
  }
  await deps.hooks?.at?.('after-put');

  let written: PolicySnapshot;
  try {
    written = await deps.readPolicy(key.arn);
  } catch (error) {
    const message = `The policy was put but could not be read back (${(error as Error).message}): check it with keypol show.`;
    return end(refuse('unverified', message), true, kept);
  }
  if (!sameText(written.text, afterText))
    return overwritten(deps, request, caller, backup, written, trail, true);
  return verify(deps, request, caller, backup, written, trail);
}

const CHANGED_SINCE_REVIEW =
  'The policy changed since you read it (another writer): review the live policy and try again.';

/** The refusals that need no API call at all. */
function localRefusal(deps: WriteDeps, {key, afterText}: WriteRequest): Refusal | undefined {
  const readOnly = readOnlyRefusal(deps.info);
  if (readOnly) return refuse('read-only', readOnly);
  const managed = awsManagedRefusal(key);
  if (managed) return refuse('aws-managed', managed);
  const bytes = policyByteLength(afterText);
  if (bytes > POLICY_MAX_BYTES) {
    return refuse(
      'invalid',
      `The new policy is ${formatCount(bytes)} bytes; KMS allows at most ${formatCount(POLICY_MAX_BYTES)}: shorten it.`,
    );
  }
  const findings = validatePolicy(afterText);
  if (hasErrors(findings)) {
    const errors = findings.filter(f => f.severity === 'error');
    return refuse('invalid', `The new policy has ${count(errors)}: fix them and try again.`, findings);
  }
  return undefined;
}
