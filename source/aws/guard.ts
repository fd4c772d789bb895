// The steps every mutating call shares (PutKeyPolicy, and RevokeGrant, CancelKeyDeletion, key
// rotation... as they come): local refusals (read-only from whatever source, AWS managed keys),
// a per-key lock, what is about to change saved first, an audit intent line before the call and
// an outcome line after it, and — when the call fails in a way that leaves it unknown whether
// AWS applied it — a re-read that tells "applied" from "not applied".
// writePolicyGuarded (write-path.ts) is this sequence plus the policy's own conflict checks;
// runGuardedMutation is the sequence for a simple call.
import {startAttempt, type Attempt} from '../store/audit.js';
import {acquireKeyLock, LockBusyError, type KeyLock, type LockOptions} from '../store/lock.js';
import {ensurePrivateDir} from '../store/private-dir.js';
import type {ConnectionInfo, Identity, KeyDetails} from './types.js';

/** Why keypol will not change anything on this connection, naming where read-only came from. */
export function readOnlyRefusal(
  info: Pick<ConnectionInfo, 'readOnly' | 'readOnlySource'>,
): string | undefined {
  if (!info.readOnly) return undefined;
  const source = info.readOnlySource ?? '--read-only';
  return `Read-only (from ${source}): nothing was changed. ${liftReadOnly(source)}`;
}

function liftReadOnly(source: string): string {
  if (source.startsWith('KEYPOL_READ_ONLY')) return 'Unset KEYPOL_READ_ONLY to make changes.';
  if (source.startsWith('settings')) return 'Set "readOnly": false in that settings file to make changes.';
  return 'Run keypol without --read-only to make changes.';
}

export function awsManagedRefusal(key: Pick<KeyDetails, 'keyManager'>): string | undefined {
  return key.keyManager === 'AWS'
    ? 'This is an AWS managed key: AWS owns it and nobody can change its policy or settings.'
    : undefined;
}

/**
 * True when a failed call may still have reached AWS and taken effect: no HTTP answer at all
 * (connection reset, timeout, abort) or a 5xx. A 4xx answer is a refusal: nothing changed.
 */
export function isAmbiguousFailure(error: unknown): boolean {
  const status = (error as {$metadata?: {httpStatusCode?: number}} | undefined)?.$metadata?.httpStatusCode;
  return status === undefined || status >= 500;
}

/** The state dir checked (and tightened) before anything is written there; notices for the operator. */
export function prepareStateDir(stateDir: string): Promise<string[]> {
  return ensurePrivateDir(stateDir, {followLink: true});
}

/** Runs `body` holding the key's lock; a live holder past the wait becomes a LockBusyError. */
export async function withKeyLock<T>(
  stateDir: string,
  keyArn: string,
  options: LockOptions,
  body: () => Promise<T>,
): Promise<T> {
  const lock: KeyLock = await acquireKeyLock(stateDir, keyArn, options);
  try {
    return await body();
  } finally {
    await lock.release();
  }
}

export {LockBusyError};

export interface GuardDeps {
  info: ConnectionInfo;
  region: string;
  stateDir: string;
  identity(): Promise<Identity>;
  lock?: LockOptions;
  /** After a call failed ambiguously, wait this long before re-reading (a late apply shows). */
  settleMs?: number;
}

export interface MutationSpec {
  key: KeyDetails;
  /** The API action, e.g. "kms:RevokeGrant": audit lines and messages name it. */
  operation: string;
  /** The operation's own word for the audit log, e.g. "revoke-grant". */
  reason: string;
  /** Recorded on every audit line (e.g. {grantId}). */
  detail?: Record<string, string>;
  /** Saves what is about to change; throwing stops everything before the call. Returns a backup id. */
  save?(caller: Identity): Promise<string | undefined>;
  call(): Promise<void>;
  /** Re-reads AWS: has the change taken effect? Asked after an ambiguous failure. */
  applied(): Promise<boolean>;
  /** The failure in one sentence (the gateway's toError). */
  describe(error: unknown): string;
}

export type MutationRefusal =
  'read-only' | 'aws-managed' | 'busy' | 'backup' | 'audit' | 'api' | 'unverified';

export type MutationOutcome =
  | {ok: true; backupId?: string; warnings: string[]}
  | {
      ok: false;
      refusal: MutationRefusal;
      message: string;
      /** Whether the change took effect anyway (null: unknown — check AWS). */
      applied: boolean | null;
      warnings: string[];
    };

/** The guarded sequence for a simple mutating call (no policy text to compare). */
export async function runGuardedMutation(deps: GuardDeps, spec: MutationSpec): Promise<MutationOutcome> {
  const warnings: string[] = [];
  const no = (
    refusal: MutationRefusal,
    message: string,
    applied: boolean | null = false,
  ): MutationOutcome => ({
    ok: false,
    refusal,
    message,
    applied,
    warnings,
  });
  const local = readOnlyRefusal(deps.info);
  if (local) return no('read-only', local);
  const managed = awsManagedRefusal(spec.key);
  if (managed) return no('aws-managed', managed);

  let caller: Identity;
  try {
    warnings.push(...(await prepareStateDir(deps.stateDir)));
    caller = await deps.identity();
  } catch (error) {
    return no('api', (error as Error).message);
  }
  try {
    return await withKeyLock(deps.stateDir, spec.key.arn, deps.lock ?? {}, async () => {
      let backupId: string | undefined;
      try {
        backupId = await spec.save?.(caller);
      } catch (error) {
        return no(
          'backup',
          `Could not save the current state first (${(error as Error).message}), so nothing was changed.`,
        );
      }
      const attempt = startAttempt(deps.stateDir, {
        caller: caller.arn,
        account: caller.account,
        keyArn: spec.key.arn,
        region: deps.region,
        reason: spec.reason,
        operation: spec.operation,
        ...(backupId ? {backupId} : {}),
        ...(spec.detail ? {detail: spec.detail} : {}),
      });
      try {
        await attempt.intent();
      } catch (error) {
        return no(
          'audit',
          `Could not write the audit log (${(error as Error).message}), so nothing was changed.`,
        );
      }
      const settled = await callAndSettle(deps, attempt, spec, warnings);
      return settled.ok ? {...settled, ...(backupId ? {backupId} : {})} : settled;
    });
  } catch (error) {
    if (error instanceof LockBusyError) return no('busy', error.message);
    throw error;
  }
}

async function callAndSettle(
  deps: GuardDeps,
  attempt: Attempt,
  spec: MutationSpec,
  warnings: string[],
): Promise<MutationOutcome> {
  const log = (result: string, applied: boolean | null, message?: string) =>
    attempt.outcome(result, applied, message ? {message} : {}).catch((error: Error) => {
      warnings.push(`The audit log could not be appended: ${error.message}`);
    });
  try {
    await spec.call();
  } catch (error) {
    const message = spec.describe(error);
    if (!isAmbiguousFailure(error)) {
      await log('api', false, message);
      return {
        ok: false,
        refusal: 'api',
        message: `${message} Nothing was changed.`,
        applied: false,
        warnings,
      };
    }
    const resolved = await resolveAmbiguous(deps, spec.applied);
    if (resolved === true) {
      warnings.push(
        `${spec.operation} failed on the way back (${message}), but re-reading shows it was applied.`,
      );
      await log('applied', true, message);
      return {ok: true, warnings};
    }
    if (resolved === false) {
      await log('not-applied', false, message);
      return {
        ok: false,
        refusal: 'api',
        message: `${message} Re-reading shows it was not applied.`,
        applied: false,
        warnings,
      };
    }
    await log('unverified', null, message);
    return {
      ok: false,
      refusal: 'unverified',
      message: `${message} keypol could not tell whether it was applied: check the key before retrying.`,
      applied: null,
      warnings,
    };
  }
  await log('ok', true);
  return {ok: true, warnings};
}

/** After an ambiguous failure: wait for a late apply to land, then ask AWS. undefined: cannot tell. */
export async function resolveAmbiguous<T>(
  deps: Pick<GuardDeps, 'settleMs'>,
  read: () => Promise<T>,
): Promise<T | undefined> {
  await new Promise(resolve => setTimeout(resolve, deps.settleMs ?? 1000));
  try {
    return await read();
  } catch {
    return undefined;
  }
}
