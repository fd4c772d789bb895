// The guarded sequence other mutations reuse (runGuardedMutation), on the sandbox over HTTP with
// EnableKeyRotation as the mutating call: refusals, audit intent + outcome, the lock, and a
// connection reset after the call was applied.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {EnableKeyRotationCommand, GetKeyRotationStatusCommand, KMSClient} from '@aws-sdk/client-kms';
import {withSandbox, operations, type SandboxFixture} from '../helpers/sandbox.js';
import {runGuardedMutation, readOnlyRefusal, type MutationSpec} from '../../source/aws/guard.js';
import {acquireKeyLock} from '../../source/store/lock.js';
import {readAudit} from '../../source/store/audit.js';
import {SANDBOX_CREDENTIALS} from '../../source/sandbox/index.js';
import type {ConnectionInfo} from '../../source/aws/types.js';

async function rotation(f: SandboxFixture, alias: string, info: Partial<ConnectionInfo> = {}) {
  // No SDK retries, as for every mutating call.
  const kms = new KMSClient({
    region: 'us-east-1',
    endpoint: f.sandbox.endpoint,
    credentials: {...SANDBOX_CREDENTIALS},
    maxAttempts: 1,
  });
  const key = await f.gateway.describeKey(alias);
  const spec: MutationSpec = {
    key,
    operation: 'kms:EnableKeyRotation',
    reason: 'enable-rotation',
    detail: {rotation: 'on'},
    call: async () => void (await kms.send(new EnableKeyRotationCommand({KeyId: key.arn}))),
    applied: async () =>
      (await kms.send(new GetKeyRotationStatusCommand({KeyId: key.arn}))).KeyRotationEnabled === true,
    describe: error => (error as Error).message,
  };
  const deps = {
    info: {region: 'us-east-1', sandbox: true, readOnly: false, ...info},
    region: 'us-east-1',
    stateDir: f.stateDir,
    identity: () => f.gateway.identity(),
    settleMs: 10,
  };
  return {kms, key, spec, deps};
}

test('read-only names its source and makes no call', async t => {
  const f = await withSandbox();
  t.after(f.cleanup);
  const {spec, deps, kms} = await rotation(f, 'alias/console-current', {
    readOnly: true,
    readOnlySource: 'KEYPOL_READ_ONLY=1',
  });
  t.after(() => kms.destroy());
  const from = f.sandbox.log.length;
  const outcome = await runGuardedMutation(deps, spec);
  assert.equal(!outcome.ok && outcome.refusal, 'read-only');
  assert.match(
    !outcome.ok ? outcome.message : '',
    /^Read-only \(from KEYPOL_READ_ONLY=1\).*Unset KEYPOL_READ_ONLY/,
  );
  assert.deepEqual(operations(f.sandbox, from), []);
  assert.equal(readOnlyRefusal({readOnly: false}), undefined);
});

test('a call is logged as intent, then outcome, under one attempt id', async t => {
  const f = await withSandbox();
  t.after(f.cleanup);
  const {spec, deps, kms} = await rotation(f, 'alias/console-current');
  t.after(() => kms.destroy());
  const outcome = await runGuardedMutation(deps, spec);
  assert.ok(outcome.ok, JSON.stringify(outcome));
  const [intent, result] = await readAudit(f.stateDir);
  assert.equal(intent?.result, 'intent');
  assert.equal(intent?.operation, 'kms:EnableKeyRotation');
  assert.deepEqual(intent?.detail, {rotation: 'on'});
  assert.equal(result?.result, 'ok');
  assert.equal(result?.applied, true);
  assert.equal(result?.attempt, intent?.attempt);
});

test('AWS managed keys are refused before any call', async t => {
  const f = await withSandbox();
  t.after(f.cleanup);
  const {spec, deps, kms} = await rotation(f, 'alias/aws/s3');
  t.after(() => kms.destroy());
  const from = f.sandbox.log.length;
  const outcome = await runGuardedMutation(deps, spec);
  assert.equal(!outcome.ok && outcome.refusal, 'aws-managed');
  assert.deepEqual(operations(f.sandbox, from), []);
});

test('a reset after the call was applied is reported as applied; a refusal as not applied', async t => {
  const f = await withSandbox({faults: {resetAfterApply: {EnableKeyRotation: 1}}});
  t.after(f.cleanup);
  const {spec, deps, kms} = await rotation(f, 'alias/console-current');
  t.after(() => kms.destroy());
  const outcome = await runGuardedMutation(deps, spec);
  assert.ok(outcome.ok, JSON.stringify(outcome));
  assert.match(outcome.warnings.join(' '), /re-reading shows it was applied/);
  assert.deepEqual(
    (await readAudit(f.stateDir)).map(r => [r.result, r.applied]),
    [
      ['intent', undefined],
      ['applied', true],
    ],
  );

  const pending = await rotation(f, 'alias/pending-deletion');
  t.after(() => pending.kms.destroy());
  const refused = await runGuardedMutation(pending.deps, pending.spec);
  assert.equal(!refused.ok && refused.refusal, 'api');
  assert.equal(!refused.ok && refused.applied, false);
});

test('another holder of the key lock: busy, no call', async t => {
  const f = await withSandbox();
  t.after(f.cleanup);
  const {spec, deps, kms, key} = await rotation(f, 'alias/console-current');
  t.after(() => kms.destroy());
  const held = await acquireKeyLock(f.stateDir, key.arn);
  t.after(held.release);
  const from = f.sandbox.log.length;
  const outcome = await runGuardedMutation({...deps, lock: {waitMs: 100}}, spec);
  assert.equal(!outcome.ok && outcome.refusal, 'busy');
  assert.ok(!operations(f.sandbox, from).includes('EnableKeyRotation'));
});
