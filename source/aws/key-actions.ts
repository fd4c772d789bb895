// The key actions around a policy change — revoke or retire a grant, cancel a key's deletion,
// turn automatic rotation on or off — each through guard.ts's sequence: refusals (read-only,
// AWS managed), the key's lock, what is about to change saved first, an audit intent and
// outcome, and a verification that reads AWS again. The only code that calls RevokeGrant,
// RetireGrant, CancelKeyDeletion, EnableKeyRotation and DisableKeyRotation.
import {
  CancelKeyDeletionCommand,
  DisableKeyRotationCommand,
  EnableKeyRotationCommand,
  ListGrantsCommand,
  RetireGrantCommand,
  RevokeGrantCommand,
  type KMSClient,
} from '@aws-sdk/client-kms';
import {saveGrant} from '../store/grant-backups.js';
import type {AwsError} from './errors.js';
import {runGuardedMutation, type GuardDeps, type MutationOutcome} from './guard.js';
import type {Identity, KeyActionOutcome, KeyDetails, KeyGrant, RotationStatus} from './types.js';
import {formatCount} from '../policy/index.js';

export interface ActionDeps extends GuardDeps {
  /** The client for changes: no automatic retries (a retry of an applied call would fail or repeat it). */
  kms: KMSClient;
  /** The gateway's reads: the key's state and rotation after a change. */
  describeKey(ref: string): Promise<KeyDetails>;
  rotationStatus(keyArn: string): Promise<RotationStatus | undefined>;
  toError(error: unknown, action: string, ref?: string): AwsError;
  /** How long to keep re-reading after a call before calling the result unverified (default 5 s). */
  verifyForMs?: number;
}

/** A call that KMS accepted but whose effect did not show: an ambiguous failure (no HTTP status). */
class NotVisibleYet extends Error {
  override readonly name = 'NotVisibleYet';
}

/** Re-reads until `done` or the time is up (KMS is eventually consistent for a few seconds). */
async function until(deps: ActionDeps, done: () => Promise<boolean>, what: string): Promise<void> {
  const end = Date.now() + (deps.verifyForMs ?? 5000);
  for (let wait = 100; ; wait = Math.min(wait * 2, 1000)) {
    if (await done()) return;
    if (Date.now() > end) throw new NotVisibleYet(what);
    await new Promise(resolve => setTimeout(resolve, wait));
  }
}

function finish(
  outcome: MutationOutcome,
  operation: string,
  message: string,
  savedPath?: string,
): KeyActionOutcome {
  if (!outcome.ok) return outcome;
  return {ok: true, operation, message, ...(savedPath ? {savedPath} : {}), warnings: outcome.warnings};
}

const describeError = (deps: ActionDeps, operation: string, key: KeyDetails) => (error: unknown) =>
  error instanceof NotVisibleYet ? error.message : deps.toError(error, operation, key.arn).message;

async function grantListed(deps: ActionDeps, key: KeyDetails, grantId: string): Promise<boolean> {
  const page = await deps.kms.send(new ListGrantsCommand({KeyId: key.arn, GrantId: grantId}));
  return (page.Grants ?? []).some(g => g.GrantId === grantId);
}

export async function revokeGrantGuarded(
  deps: ActionDeps,
  {key, grant}: {key: KeyDetails; grant: KeyGrant},
): Promise<KeyActionOutcome> {
  let caller: Identity | undefined;
  try {
    caller = deps.info.readOnly ? undefined : await deps.identity();
  } catch {
    caller = undefined; // the guard asks again and reports the failure
  }
  // The retiring principal retires (it may not be allowed kms:RevokeGrant); everyone else revokes.
  const retire = caller !== undefined && grant.retiringPrincipal === caller.arn;
  const operation = retire ? 'kms:RetireGrant' : 'kms:RevokeGrant';
  let savedPath: string | undefined;
  const outcome = await runGuardedMutation(deps, {
    key,
    operation,
    reason: retire ? 'retire-grant' : 'revoke-grant',
    detail: {grantId: grant.grantId},
    async save(who) {
      const saved = await saveGrant(deps.stateDir, {
        keyArn: key.arn,
        region: deps.region,
        caller: who.arn,
        grant,
      });
      savedPath = saved.path;
      return saved.id;
    },
    async call() {
      const input = {KeyId: key.arn, GrantId: grant.grantId};
      if (retire) await deps.kms.send(new RetireGrantCommand(input));
      else await deps.kms.send(new RevokeGrantCommand(input));
      await until(
        deps,
        async () => !(await grantListed(deps, key, grant.grantId)),
        `${operation.slice(4)} was accepted, but ListGrants still lists the grant.`,
      );
    },
    applied: async () => !(await grantListed(deps, key, grant.grantId)),
    describe: describeError(deps, operation, key),
  });
  return finish(
    outcome,
    operation,
    `Grant ${grant.grantId.slice(0, 12)}… ${retire ? 'retired' : 'revoked'}: ListGrants no longer lists it. ` +
      `Its definition was saved to ${savedPath ?? 'the local store'}; CreateGrant can make it again, with a new grant id.`,
    savedPath,
  );
}

export async function cancelDeletionGuarded(deps: ActionDeps, key: KeyDetails): Promise<KeyActionOutcome> {
  const operation = 'kms:CancelKeyDeletion';
  const outcome = await runGuardedMutation(deps, {
    key,
    operation,
    reason: 'cancel-deletion',
    detail: {stateBefore: key.state, ...(key.deletionDate ? {deletionDate: key.deletionDate} : {})},
    async call() {
      await deps.kms.send(new CancelKeyDeletionCommand({KeyId: key.arn}));
      await until(
        deps,
        async () => (await deps.describeKey(key.arn)).state !== 'PendingDeletion',
        'CancelKeyDeletion was accepted, but DescribeKey still says PendingDeletion.',
      );
    },
    applied: async () => (await deps.describeKey(key.arn)).state !== 'PendingDeletion',
    describe: describeError(deps, operation, key),
  });
  return finish(
    outcome,
    operation,
    'Deletion cancelled: the key is no longer pending deletion. It is Disabled now; enable it before use.',
  );
}

export async function setRotationGuarded(
  deps: ActionDeps,
  key: KeyDetails,
  enabled: boolean,
  periodDays?: number,
): Promise<KeyActionOutcome> {
  const operation = enabled ? 'kms:EnableKeyRotation' : 'kms:DisableKeyRotation';
  const matches = async () => {
    const status = await deps.rotationStatus(key.arn);
    return (
      status?.enabled === enabled &&
      (!enabled || periodDays === undefined || status.periodDays === periodDays)
    );
  };
  const outcome = await runGuardedMutation(deps, {
    key,
    operation,
    reason: enabled ? 'enable-rotation' : 'disable-rotation',
    detail: {enabled: String(enabled), ...(periodDays !== undefined ? {periodDays: String(periodDays)} : {})},
    async call() {
      await deps.kms.send(
        enabled
          ? new EnableKeyRotationCommand({
              KeyId: key.arn,
              ...(periodDays !== undefined ? {RotationPeriodInDays: periodDays} : {}),
            })
          : new DisableKeyRotationCommand({KeyId: key.arn}),
      );
      await until(
        deps,
        matches,
        `${operation.slice(4)} was accepted, but GetKeyRotationStatus does not show it yet.`,
      );
    },
    applied: matches,
    describe: describeError(deps, operation, key),
  });
  return finish(
    outcome,
    operation,
    enabled
      ? `Automatic rotation is on${periodDays ? `, every ${formatCount(periodDays)} days` : ''} (checked with GetKeyRotationStatus).`
      : 'Automatic rotation is off (checked with GetKeyRotationStatus).',
  );
}
