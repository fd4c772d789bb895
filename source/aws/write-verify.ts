// After the put: the second verification, and what keypol reports when KMS holds a policy that
// is neither the reviewed one nor keypol's (another writer, or an endpoint that stores differently).
import {diffPolicies} from '../policy/index.js';
import {writeBackup} from '../store/backups.js';
import type {BackupEntry} from '../store/types.js';
import type {Identity, PolicySnapshot, WriteOutcome, WriteRequest} from './types.js';
import type {WriteDeps} from './write-path.js';
import {documentOf, refuse, sameStatements, sameText, withWarnings, type Trail} from './write-outcome.js';

/** The second look, after a delay: a writer whose put landed just after keypol's shows now. */
export async function verify(
  deps: WriteDeps,
  request: WriteRequest,
  caller: Identity,
  backup: BackupEntry,
  first: PolicySnapshot,
  trail: Trail,
  /** 'applied': the put's answer was lost, and a re-read showed it took effect. */
  how: {result: 'ok' | 'applied'; message?: string} = {result: 'ok'},
): Promise<WriteOutcome> {
  await deps.hooks?.at?.('after-verify');
  let written = first;
  if (deps.verifyDelayMs > 0) {
    await new Promise(resolve => setTimeout(resolve, deps.verifyDelayMs));
    try {
      written = await deps.readPolicy(request.key.arn);
    } catch {
      // The first verification stands; nothing suggests another writer.
    }
    if (!sameText(written.text, request.afterText)) {
      return overwritten(deps, request, caller, backup, written, trail, true);
    }
  }
  await trail.log(how.result, true, {
    backupId: backup.id,
    afterSha256: written.sha256,
    ...(how.message ? {message: how.message} : {}),
  });
  return withWarnings(
    {
      ok: true,
      backupId: backup.id,
      backupPath: backup.path,
      after: written,
      diff: diffPolicies(documentOf(backup.text), documentOf(written.text)),
      ...(trail.unlogged ? {auditLogged: false as const} : {}),
    },
    trail.warnings,
  );
}

/**
 * After the put, KMS holds a third policy: another writer replaced keypol's (or raced it). Their
 * version is live; keypol's is kept as a backup so that neither is lost.
 */
export async function overwritten(
  deps: WriteDeps,
  request: WriteRequest,
  caller: Identity,
  backup: BackupEntry,
  live: PolicySnapshot,
  trail: Trail,
  applied: true | null,
): Promise<WriteOutcome> {
  const paths = [backup.path];
  let keptNote = '';
  try {
    const ours = await writeBackup(deps.stateDir, {
      keyArn: request.key.arn,
      region: deps.region,
      caller: caller.arn,
      reason: 'conflict',
      text: request.afterText,
    });
    paths.push(ours.path);
    keptNote = ` keypol's version is kept as backup ${ours.id}`;
  } catch (error) {
    keptNote = ` keypol's version could not be kept (${(error as Error).message})`;
  }
  // Same statements, other top-level elements: the endpoint stored keypol's policy its own way
  // (as the sandbox once dropped "__proto__"); that is no conflict, and saying so would mislead.
  const storedDifferently = sameStatements(live.text, request.afterText);
  const message = storedDifferently
    ? `KMS stored the policy with other top-level elements than keypol sent (its statements are as written): the endpoint changed it on storing, not another writer.` +
      `${keptNote}; the previous policy is backup ${backup.id}. Review the live policy with keypol show.`
    : `Another writer changed the policy right after keypol's put: KMS now holds a policy that is neither the one you reviewed nor the one keypol wrote.` +
      `${keptNote}; the previous policy is backup ${backup.id}. Review the live policy (keypol show) and, for who wrote it, the key's PutKeyPolicy events in CloudTrail.`;
  const refusal = refuse(storedDifferently ? 'unverified' : 'conflict', message);
  return trail.end({...refusal, live, backupPaths: paths}, applied, {
    backupId: backup.id,
    liveSha256: live.sha256,
  });
}
