import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readdir, readFile, stat, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {KMSClient, PutKeyPolicyCommand} from '@aws-sdk/client-kms';
import {withSandbox, operations, type SandboxFixture} from '../helpers/sandbox.js';
import {startKmsProxy} from '../helpers/kms-proxy.js';
import {createKmsGateway} from '../../source/aws/gateway.js';
import {readAudit} from '../../source/store/audit.js';
import {backupsDir} from '../../source/store/paths.js';
import {SANDBOX_CREDENTIALS} from '../../source/sandbox/index.js';
import type {PolicyDocument} from '../../source/policy/index.js';

const ROLE = 'arn:aws:iam::111122223333:role/Auditor';

/** The live policy of `alias` plus a new statement that lets ROLE describe the key. */
async function proposal(f: SandboxFixture, alias: string) {
  const key = await f.gateway.describeKey(alias);
  const before = await f.gateway.getPolicy(key.arn);
  const doc = JSON.parse(before.text) as PolicyDocument;
  doc.Statement.push({
    Sid: 'Auditors',
    Effect: 'Allow',
    Principal: {AWS: ROLE},
    Action: 'kms:DescribeKey',
    Resource: '*',
  });
  return {key, before, afterText: JSON.stringify(doc, null, 2)};
}

async function backupFiles(stateDir: string): Promise<string[]> {
  return readdir(backupsDir(stateDir)).catch(() => []);
}

test('a change is backed up, put, verified and audited', async t => {
  const f = await withSandbox();
  t.after(f.cleanup);
  const {key, before, afterText} = await proposal(f, 'alias/console-v2');
  const from = f.sandbox.log.length;
  const outcome = await f.gateway.writePolicy({key, before, afterText, reason: 'raw-edit'});
  assert.ok(outcome.ok, JSON.stringify(outcome));
  // The one principal the change adds is checked with IAM first (the rest were in the live policy);
  // then re-read (conflict check), re-read right before the put, put, verify, verify after the delay.
  assert.deepEqual(
    operations(f.sandbox, from).filter(op => op !== 'GetCallerIdentity'),
    ['GetRole', 'GetKeyPolicy', 'GetKeyPolicy', 'PutKeyPolicy', 'GetKeyPolicy', 'GetKeyPolicy'],
  );

  const backup = JSON.parse(await readFile(outcome.backupPath, 'utf8'));
  assert.equal(backup.policy, before.text);
  assert.equal(backup.sha256, before.sha256);
  assert.equal(backup.keyArn, key.arn);
  assert.equal(backup.region, 'us-east-1');
  assert.equal(backup.caller, 'arn:aws:iam::111122223333:root');
  assert.equal(backup.reason, 'raw-edit');
  assert.equal((await stat(outcome.backupPath)).mode & 0o777, 0o600);

  assert.match((await f.gateway.getPolicy(key.arn)).text, /role\/Auditor/);
  assert.equal(outcome.after.sha256, (await f.gateway.getPolicy(key.arn)).sha256);
  assert.ok(
    outcome.diff.summary.some(line => line.includes('Auditors')),
    outcome.diff.summary.join('\n'),
  );

  const [intent, audit] = await readAudit(f.stateDir);
  // The intent line before the put, the outcome after it, one attempt.
  assert.equal(intent?.result, 'intent');
  assert.equal(intent?.backupId, outcome.backupId);
  assert.equal(intent?.attempt, audit?.attempt);
  assert.equal(audit?.result, 'ok');
  assert.equal(audit?.applied, true);
  assert.equal(audit?.operation, 'kms:PutKeyPolicy');
  assert.equal(audit?.keyArn, key.arn);
  assert.equal(audit?.beforeSha256, before.sha256);
  assert.equal(audit?.afterSha256, outcome.after.sha256);
  assert.equal(audit?.backupId, outcome.backupId);
  assert.equal(audit?.caller, 'arn:aws:iam::111122223333:root');
});

test('read-only mode refuses without any API call', async t => {
  const f = await withSandbox();
  t.after(f.cleanup);
  const {key, before, afterText} = await proposal(f, 'alias/console-v2');
  const readOnly = f.makeGateway({readOnly: true});
  const from = f.sandbox.log.length;
  const outcome = await readOnly.writePolicy({key, before, afterText, reason: 'raw-edit'});
  assert.equal(outcome.ok, false);
  assert.equal(!outcome.ok && outcome.refusal, 'read-only');
  assert.deepEqual(operations(f.sandbox, from), []);
  assert.deepEqual(await backupFiles(f.stateDir), []);
});

test('AWS managed keys are refused without any API call', async t => {
  const f = await withSandbox();
  t.after(f.cleanup);
  const {key, before, afterText} = await proposal(f, 'alias/aws/s3');
  const from = f.sandbox.log.length;
  const outcome = await f.gateway.writePolicy({key, before, afterText, reason: 'raw-edit'});
  assert.equal(!outcome.ok && outcome.refusal, 'aws-managed');
  assert.deepEqual(operations(f.sandbox, from), []);
});

test('invalid and oversized policies are refused before any API call', async t => {
  const f = await withSandbox();
  t.after(f.cleanup);
  const {key, before} = await proposal(f, 'alias/console-current');
  const from = f.sandbox.log.length;
  const broken = await f.gateway.writePolicy({key, before, afterText: '{"Statement": [', reason: 'raw-edit'});
  assert.equal(!broken.ok && broken.refusal, 'invalid');
  assert.ok(!broken.ok && (broken.findings ?? []).length > 0);
  const doc = JSON.parse(before.text) as PolicyDocument;
  doc.Statement.push({
    Sid: 'x'.repeat(33_000),
    Effect: 'Allow',
    Principal: {AWS: ROLE},
    Action: 'kms:DescribeKey',
    Resource: '*',
  });
  const huge = await f.gateway.writePolicy({key, before, afterText: JSON.stringify(doc), reason: 'raw-edit'});
  assert.equal(!huge.ok && huge.refusal, 'invalid');
  assert.match(!huge.ok ? huge.message : '', /The new policy is [\d,]+ bytes; KMS allows at most 32,768/);
  assert.deepEqual(operations(f.sandbox, from), []);
});

test('a lockout edit is refused locally: no PutKeyPolicy, no KMS call at all', async t => {
  const f = await withSandbox();
  t.after(f.cleanup);
  const key = await f.gateway.describeKey('alias/console-current');
  const before = await f.gateway.getPolicy(key.arn);
  // Only a user may use the key: nobody keeps kms:PutKeyPolicy.
  const afterText = JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'Use',
        Effect: 'Allow',
        Principal: {AWS: ROLE},
        Action: ['kms:Encrypt', 'kms:Decrypt'],
        Resource: '*',
      },
    ],
  });
  const from = f.sandbox.log.length;
  const outcome = await f.gateway.writePolicy({key, before, afterText, reason: 'raw-edit'});
  assert.equal(!outcome.ok && outcome.refusal, 'lockout');
  assert.ok(!outcome.ok && outcome.findings?.some(x => x.code === 'lockout'));
  assert.deepEqual(
    operations(f.sandbox, from).filter(op => op !== 'GetCallerIdentity'),
    [],
  );
  assert.deepEqual(await backupFiles(f.stateDir), []);
});

test('another writer in between: refused as a conflict, nothing written', async t => {
  const f = await withSandbox();
  t.after(f.cleanup);
  const {key, before, afterText} = await proposal(f, 'alias/console-v3');
  // Someone else changes the policy after our read (raw SDK: a different tool).
  const other = new KMSClient({
    region: 'us-east-1',
    endpoint: f.sandbox.endpoint,
    credentials: {...SANDBOX_CREDENTIALS},
  });
  t.after(() => other.destroy());
  const theirs = JSON.parse(before.text) as PolicyDocument;
  theirs.Statement.push({
    Sid: 'Theirs',
    Effect: 'Allow',
    Principal: {AWS: 'arn:aws:iam::111122223333:role/Editor'},
    Action: 'kms:Encrypt',
    Resource: '*',
  });
  await other.send(new PutKeyPolicyCommand({KeyId: key.keyId, Policy: JSON.stringify(theirs)}));
  const theirText = (await f.gateway.getPolicy(key.arn)).text;

  const from = f.sandbox.log.length;
  const outcome = await f.gateway.writePolicy({key, before, afterText, reason: 'raw-edit'});
  assert.equal(!outcome.ok && outcome.refusal, 'conflict');
  assert.equal(!outcome.ok && outcome.live?.text, theirText);
  assert.ok(!operations(f.sandbox, from).includes('PutKeyPolicy'));
  assert.equal((await f.gateway.getPolicy(key.arn)).text, theirText);
  assert.deepEqual(await backupFiles(f.stateDir), []);
  const audit = await readAudit(f.stateDir);
  assert.deepEqual(
    audit.map(a => a.result),
    ['conflict'],
  );
});

test('KMS refusing the put is reported and audited; history marks the change as not applied', async t => {
  const f = await withSandbox();
  t.after(f.cleanup);
  const {key, before, afterText} = await proposal(f, 'alias/pending-deletion');
  const outcome = await f.gateway.writePolicy({key, before, afterText, reason: 'raw-edit'});
  assert.equal(!outcome.ok && outcome.refusal, 'api');
  assert.equal(!outcome.ok && outcome.applied, false);
  assert.match(
    !outcome.ok ? outcome.message : '',
    /state does not allow kms:PutKeyPolicy.*Nothing was changed/,
  );
  const audit = await readAudit(f.stateDir);
  assert.deepEqual(
    audit.map(a => [a.result, a.applied]),
    [
      ['intent', undefined],
      ['api', false],
    ],
  );
  assert.equal((await backupFiles(f.stateDir)).length, 1);
  // The backup is kept (it is what the key held), but it does not read as a change that happened.
  const {backups} = await f.gateway.history(key.arn);
  assert.deepEqual(
    backups.map(b => b.applied),
    [false],
  );
});

test('backup then restore gives back the byte-identical previous policy', async t => {
  const f = await withSandbox();
  t.after(f.cleanup);
  const {key, before, afterText} = await proposal(f, 'alias/modified-v2');
  const written = await f.gateway.writePolicy({key, before, afterText, reason: 'raw-edit'});
  assert.ok(written.ok);
  const {
    backups: [backup],
  } = await f.gateway.history(key.arn);
  assert.equal(backup?.text, before.text);
  const current = await f.gateway.getPolicy(key.arn);
  const restored = await f.gateway.writePolicy({
    key,
    before: current,
    afterText: backup?.text ?? '',
    reason: 'restore',
  });
  assert.ok(restored.ok, JSON.stringify(restored));
  assert.equal((await f.gateway.getPolicy(key.arn)).text, before.text);
  assert.deepEqual(
    (await f.gateway.history(key.arn)).backups.map(b => b.reason),
    ['restore', 'raw-edit'],
  );
});

test('nothing in source/ but the write path calls PutKeyPolicy', async () => {
  const root = join(import.meta.dirname, '..', '..', 'source');
  const files = (await readdir(root, {recursive: true})).filter(name => /\.tsx?$/.test(name));
  const callers: string[] = [];
  for (const file of files) {
    if ((await readFile(join(root, file), 'utf8')).includes('PutKeyPolicyCommand')) callers.push(file);
  }
  assert.deepEqual(callers, [join('aws', 'write-path.ts')]);
});

test('no backup, no put: a state dir that cannot take the backup stops the write', async t => {
  const f = await withSandbox();
  t.after(f.cleanup);
  await writeFile(backupsDir(f.stateDir), 'a file where the backups folder should be');
  const {key, before, afterText} = await proposal(f, 'alias/console-current');
  const from = f.sandbox.log.length;
  const outcome = await f.gateway.writePolicy({key, before, afterText, reason: 'raw-edit'});
  assert.equal(!outcome.ok && outcome.refusal, 'backup');
  assert.match(!outcome.ok ? outcome.message : '', /nothing was changed/);
  assert.ok(!operations(f.sandbox, from).includes('PutKeyPolicy'));
  assert.equal((await f.gateway.getPolicy(key.arn)).text, before.text);
  assert.deepEqual(
    (await readAudit(f.stateDir)).map(a => a.result),
    ['backup'],
  );
});

test('an explicit lockout override is passed to KMS as BypassPolicyLockoutSafetyCheck', async t => {
  const f = await withSandbox();
  t.after(f.cleanup);
  const key = await f.gateway.describeKey('alias/console-current');
  const before = await f.gateway.getPolicy(key.arn);
  const afterText = JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'Use',
        Effect: 'Allow',
        Principal: {AWS: ROLE},
        Action: ['kms:Encrypt', 'kms:Decrypt'],
        Resource: '*',
      },
    ],
  });
  // The sandbox, like KMS, refuses this policy unless the request carries the bypass flag...
  const raw = new KMSClient({
    region: 'us-east-1',
    endpoint: f.sandbox.endpoint,
    credentials: {...SANDBOX_CREDENTIALS},
  });
  t.after(() => raw.destroy());
  await assert.rejects(raw.send(new PutKeyPolicyCommand({KeyId: key.keyId, Policy: afterText})), {
    name: 'MalformedPolicyDocumentException',
  });
  // ...so the write path's success shows that it sent the flag.
  const outcome = await f.gateway.writePolicy({
    key,
    before,
    afterText,
    reason: 'raw-edit',
    bypassLockout: true,
  });
  assert.ok(outcome.ok, JSON.stringify(outcome));
  assert.equal(JSON.parse((await f.gateway.getPolicy(key.arn)).text).Statement.length, 1);
});

test("a policy that reads back different from what was put is a conflict; keypol's version is kept", async t => {
  const f = await withSandbox();
  t.after(f.cleanup);
  let putSeen = false;
  // Another writer slips in right after our put: the re-read shows their policy, not ours.
  const proxy = await startKmsProxy(f.sandbox.endpoint, (operation, _request, upstream) => {
    if (operation === 'PutKeyPolicy') putSeen = true;
    if (operation !== 'GetKeyPolicy' || !putSeen) return undefined;
    const answer = JSON.parse(upstream.body) as {Policy: string};
    const doc = JSON.parse(answer.Policy) as PolicyDocument;
    doc.Statement = doc.Statement.filter(s => s.Sid !== 'Auditors');
    return {status: 200, body: JSON.stringify({...answer, Policy: JSON.stringify(doc)})};
  });
  t.after(proxy.close);
  const gateway = createKmsGateway({
    region: 'us-east-1',
    endpoint: proxy.endpoint,
    credentials: {...SANDBOX_CREDENTIALS},
    stateDir: f.stateDir,
  });
  t.after(() => gateway.close());
  const key = await gateway.describeKey('alias/console-current');
  const before = await gateway.getPolicy(key.arn);
  const doc = JSON.parse(before.text) as PolicyDocument;
  doc.Statement.push({
    Sid: 'Auditors',
    Effect: 'Allow',
    Principal: {AWS: ROLE},
    Action: 'kms:DescribeKey',
    Resource: '*',
  });
  const outcome = await gateway.writePolicy({
    key,
    before,
    afterText: JSON.stringify(doc),
    reason: 'raw-edit',
  });
  assert.equal(!outcome.ok && outcome.refusal, 'conflict');
  assert.equal(!outcome.ok && outcome.applied, true);
  assert.ok(!outcome.ok && outcome.live && !outcome.live.text.includes('Auditors'));
  const audit = (await readAudit(f.stateDir)).at(-1);
  assert.equal(audit?.result, 'conflict');
  assert.ok(audit?.backupId);
  // Both versions kept: the previous policy, and the one keypol wrote that was replaced.
  const {backups} = await gateway.history(key.arn);
  assert.deepEqual(
    backups.map(b => b.reason),
    ['conflict', 'raw-edit'],
  );
  assert.equal(backups[0]?.text, JSON.stringify(doc));
  assert.equal(backups[1]?.text, before.text);
});
