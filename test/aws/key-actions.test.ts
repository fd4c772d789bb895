// The guarded key actions over HTTP against the sandbox: revoking a grant saves its definition
// first, then the grant is gone, then the audit line exists; read-only and AWS managed keys send
// nothing; retiring is used when the caller is the retiring principal; cancel deletion and
// rotation are checked by reading again. And nothing else in source/ makes these calls.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readdir, readFile} from 'node:fs/promises';
import {join} from 'node:path';
import {readAudit} from '../../source/store/audit.js';
import {savedGrants} from '../../source/store/grant-backups.js';
import {operations, withSandbox, type SandboxFixture} from '../helpers/sandbox.js';

async function grantOf(f: SandboxFixture, alias: string, name: string) {
  const key = await f.gateway.describeKey(alias);
  const grant = (await f.gateway.listGrants(key.arn)).find(g => g.name === name);
  assert.ok(grant, `${alias} has grant ${name}`);
  return {key, grant};
}

test('revoke: the definition is written first, then the grant is gone, then the audit line', async t => {
  const f = await withSandbox();
  t.after(f.cleanup);
  const {key, grant} = await grantOf(f, 'alias/shared-grants', 'batch-all-data');
  const outcome = await f.gateway.revokeGrant({key, grant});
  assert.ok(outcome.ok, JSON.stringify(outcome));
  assert.equal(outcome.operation, 'kms:RevokeGrant');
  assert.match(outcome.message, /new grant id/);

  const [saved] = await savedGrants(f.stateDir, key.arn);
  assert.ok(saved, 'the definition was saved');
  assert.deepEqual(saved.grant, grant);
  assert.equal(saved.createGrant.GranteePrincipal, grant.granteePrincipal);
  assert.deepEqual(saved.createGrant.Operations, grant.operations);
  assert.equal(outcome.savedPath, join(f.stateDir, 'grants', `${saved.id}.json`));
  const mode = (await import('node:fs')).statSync(outcome.savedPath).mode & 0o777;
  assert.equal(mode, 0o600);

  const revoke = f.sandbox.log.find(e => e.operation === 'RevokeGrant');
  assert.ok(revoke && revoke.status === 200);
  assert.ok(!(await f.gateway.listGrants(key.arn)).some(g => g.grantId === grant.grantId), 'gone');
  const lines = (await readAudit(f.stateDir)).filter(a => a.detail?.grantId === grant.grantId);
  assert.deepEqual(
    lines.map(a => a.result),
    ['intent', 'ok'],
  );
  assert.equal(lines[1]?.backupId, saved.id);
  assert.equal(lines[1]?.applied, true);
  // In that order: saved ≤ intent ≤ RevokeGrant answered ≤ outcome line.
  assert.ok(saved.savedAt <= (lines[0]?.time ?? ''), 'saved before the intent line');
  assert.ok((lines[0]?.time ?? '') <= revoke.time, 'intent before the call');
  assert.ok(revoke.time <= (lines[1]?.time ?? ''), 'the call before the outcome line');
  const listedAfter = f.sandbox.log.findIndex(
    (e, i) => e.operation === 'ListGrants' && e.time >= revoke.time && i > 0,
  );
  assert.ok(listedAfter > f.sandbox.log.indexOf(revoke), 'listed again after the revoke');
});

test('a refused RevokeGrant leaves the grant, the saved definition and an audit line saying so', async t => {
  const f = await withSandbox({faults: {deny: ['RevokeGrant']}});
  t.after(f.cleanup);
  const {key, grant} = await grantOf(f, 'alias/shared-grants', 'app-delegate');
  const outcome = await f.gateway.revokeGrant({key, grant});
  assert.equal(!outcome.ok && outcome.refusal, 'api');
  assert.match(outcome.message, /Access denied.*kms:RevokeGrant.*Nothing was changed/);
  assert.ok((await f.gateway.listGrants(key.arn)).some(g => g.grantId === grant.grantId));
  assert.equal((await savedGrants(f.stateDir, key.arn)).length, 1);
  assert.deepEqual(
    (await readAudit(f.stateDir)).map(a => a.result),
    ['intent', 'api'],
  );
});

test('read-only and AWS managed keys: refused before any call, nothing saved', async t => {
  const f = await withSandbox();
  t.after(f.cleanup);
  const readOnly = f.makeGateway({readOnly: true});
  const {key, grant} = await grantOf(f, 'alias/shared-grants', 'partner-exchange');
  const from = f.sandbox.log.length;
  const refused = await readOnly.revokeGrant({key, grant});
  assert.equal(!refused.ok && refused.refusal, 'read-only');
  const ebs = await f.gateway.describeKey('alias/aws/ebs');
  const [ebsGrant] = await f.gateway.listGrants(ebs.arn);
  assert.ok(ebsGrant);
  const managed = await f.gateway.revokeGrant({key: ebs, grant: ebsGrant});
  assert.equal(!managed.ok && managed.refusal, 'aws-managed');
  const sent = operations(f.sandbox, from);
  assert.ok(!sent.includes('RevokeGrant') && !sent.includes('RetireGrant'), sent.join(','));
  assert.deepEqual(await savedGrants(f.stateDir), []);
  assert.deepEqual(await readAudit(f.stateDir), []);
});

test('the retiring principal retires instead of revoking', async t => {
  const f = await withSandbox();
  t.after(f.cleanup);
  // EBS grants name the account root as retiring principal; the sandbox's default caller is root.
  const key = await f.gateway.describeKey('alias/ebs-data');
  const grant = (await f.gateway.listGrants(key.arn)).find(g => g.retiringPrincipal?.endsWith(':root'));
  assert.ok(grant);
  const outcome = await f.gateway.revokeGrant({key, grant});
  assert.ok(outcome.ok && outcome.operation === 'kms:RetireGrant', JSON.stringify(outcome));
  assert.ok(operations(f.sandbox).includes('RetireGrant'));
  assert.ok(!operations(f.sandbox).includes('RevokeGrant'));
});

test('cancel deletion and rotation: guarded, audited, checked by reading again', async t => {
  const f = await withSandbox();
  t.after(f.cleanup);
  const pending = await f.gateway.describeKey('alias/pending-deletion');
  const readOnly = f.makeGateway({readOnly: true});
  assert.equal((await readOnly.cancelKeyDeletion(pending)).ok, false);
  assert.ok(!operations(f.sandbox).includes('CancelKeyDeletion'));
  const cancelled = await f.gateway.cancelKeyDeletion(pending);
  assert.ok(cancelled.ok, JSON.stringify(cancelled));
  assert.equal((await f.gateway.describeKey(pending.arn)).state, 'Disabled');

  const key = await f.gateway.describeKey('alias/console-v2');
  const on = await f.gateway.setKeyRotation(key, true, 180);
  assert.ok(on.ok, JSON.stringify(on));
  assert.deepEqual(
    {...(await f.gateway.rotationStatus(key.arn)), nextRotationDate: undefined},
    {enabled: true, periodDays: 180, nextRotationDate: undefined},
  );
  assert.ok((await f.gateway.setKeyRotation(key, false)).ok);
  assert.equal((await f.gateway.rotationStatus(key.arn))?.enabled, false);
  const s3 = await f.gateway.describeKey('alias/aws/s3');
  const managed = await f.gateway.setKeyRotation(s3, false);
  assert.equal(!managed.ok && managed.refusal, 'aws-managed');
  assert.deepEqual(
    (await readAudit(f.stateDir)).map(a => `${a.operation} ${a.result}`),
    [
      'kms:CancelKeyDeletion intent',
      'kms:CancelKeyDeletion ok',
      'kms:EnableKeyRotation intent',
      'kms:EnableKeyRotation ok',
      'kms:DisableKeyRotation intent',
      'kms:DisableKeyRotation ok',
    ],
  );
});

test('nothing in source/ but key-actions.ts revokes or retires grants, cancels deletion or sets rotation', async () => {
  const root = join(import.meta.dirname, '..', '..', 'source');
  const files = (await readdir(root, {recursive: true})).filter(name => /\.tsx?$/.test(name));
  const callers = new Map<string, string[]>();
  for (const command of [
    'RevokeGrantCommand',
    'RetireGrantCommand',
    'CancelKeyDeletionCommand',
    'EnableKeyRotationCommand',
    'DisableKeyRotationCommand',
    'ScheduleKeyDeletionCommand',
  ]) {
    callers.set(command, []);
    for (const file of files) {
      if ((await readFile(join(root, file), 'utf8')).includes(command)) callers.get(command)!.push(file);
    }
  }
  const only = [join('aws', 'key-actions.ts')];
  assert.deepEqual(callers.get('RevokeGrantCommand'), only);
  assert.deepEqual(callers.get('RetireGrantCommand'), only);
  assert.deepEqual(callers.get('CancelKeyDeletionCommand'), only);
  assert.deepEqual(callers.get('EnableKeyRotationCommand'), only);
  assert.deepEqual(callers.get('DisableKeyRotationCommand'), only);
  assert.deepEqual(callers.get('ScheduleKeyDeletionCommand'), [], 'keypol never schedules a deletion');
});
