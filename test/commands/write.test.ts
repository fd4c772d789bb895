// The changing subcommands against the sandbox over HTTP: put, upgrade, grant-access,
// deletion, history, restore — confirmations, refusals and their exit codes.
import {test, type TestContext} from 'node:test';
import assert from 'node:assert/strict';
import {readdir, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {KMSClient, PutKeyPolicyCommand} from '@aws-sdk/client-kms';
import {withSandbox, operations, type SandboxFixture} from '../helpers/sandbox.js';
import {runKeypol, startKeypol, type CliTarget} from '../helpers/cli.js';
import {MUTATING_OPERATIONS, SANDBOX_CREDENTIALS} from '../../source/sandbox/index.js';
import {backupsDir} from '../../source/store/paths.js';
import type {PolicyDocument} from '../../source/policy/index.js';

const ROLE = 'arn:aws:iam::111122223333:role/Auditor';

async function setup(t: TestContext): Promise<{f: SandboxFixture; target: CliTarget}> {
  const f = await withSandbox();
  t.after(f.cleanup);
  return {f, target: {endpoint: f.sandbox.endpoint, stateDir: f.stateDir}};
}

/** Writes the live policy of `alias` plus an Auditors statement to a file; returns its path. */
async function editedPolicyFile(
  f: SandboxFixture,
  alias: string,
): Promise<{file: string; beforeText: string}> {
  const key = await f.gateway.describeKey(alias);
  const beforeText = (await f.gateway.getPolicy(key.arn)).text;
  const doc = JSON.parse(beforeText) as PolicyDocument;
  doc.Statement.push({
    Sid: 'Auditors',
    Effect: 'Allow',
    Principal: {AWS: ROLE},
    Action: 'kms:DescribeKey',
    Resource: '*',
  });
  const file = join(f.stateDir, `${alias.replace(/\W/g, '_')}.json`);
  await writeFile(file, JSON.stringify(doc, null, 2));
  return {file, beforeText};
}

const backups = (f: SandboxFixture) => readdir(backupsDir(f.stateDir)).catch(() => [] as string[]);
const policyOf = async (f: SandboxFixture, alias: string) =>
  (await f.gateway.getPolicy((await f.gateway.describeKey(alias)).arn)).text;

test('put --yes writes through the guarded path; history and restore undo it byte for byte', async t => {
  const {f, target} = await setup(t);
  const {file, beforeText} = await editedPolicyFile(f, 'alias/console-v3');
  const put = await runKeypol(target, ['put', 'alias/console-v3', file, '--yes']);
  assert.equal(put.code, 0, put.stderr);
  assert.match(put.stdout, /adds statement|Auditors/);
  assert.match(put.stdout, /^Backup written: .*\.json$/m);
  assert.match(put.stdout, /Policy written and verified/);
  assert.match(await policyOf(f, 'alias/console-v3'), /role\/Auditor/);

  const history = JSON.parse((await runKeypol(target, ['history', 'alias/console-v3', '--json'])).stdout);
  assert.equal(history.length, 1);
  assert.deepEqual(Object.keys(history[0]), [
    'id',
    'time',
    'reason',
    'caller',
    'region',
    'keyArn',
    'sha256',
    'path',
    'applied',
  ]);
  assert.equal(history[0].reason, 'raw-edit');
  assert.equal(history[0].applied, true);

  const restore = await runKeypol(target, ['restore', 'alias/console-v3', '--yes']);
  assert.equal(restore.code, 0, restore.stderr);
  assert.match(restore.stdout, new RegExp(`Restoring backup ${history[0].id}`));
  assert.equal(await policyOf(f, 'alias/console-v3'), beforeText);
  const again = await runKeypol(target, ['restore', 'alias/console-v3', history[0].id, '--yes']);
  assert.equal(again.code, 0);
  assert.match(again.stdout, /^No changes/);
  const textHistory = await runKeypol(target, ['history', 'alias/console-v3']);
  assert.match(
    textHistory.stdout,
    /^BACKUP\s+TIME\s+REASON\s+CHANGE\s+CALLER\s+SHA-256\n.*restore\s+applied.*\n.*raw-edit\s+applied/,
  );
});

test('without a terminal and without --yes nothing is written: exit 5', async t => {
  const {f, target} = await setup(t);
  const {file} = await editedPolicyFile(f, 'alias/console-current');
  const from = f.sandbox.log.length;
  const result = await runKeypol(target, ['put', 'alias/console-current', file]);
  assert.equal(result.code, 5);
  assert.match(result.stderr, /stdin is not a terminal.*pass --yes/);
  assert.ok(!operations(f.sandbox, from).includes('PutKeyPolicy'));
  assert.deepEqual(await backups(f), []);
});

test('at a terminal the prompt decides: "n" keeps the policy (exit 5), "y" writes it', async t => {
  const {f, target} = await setup(t);
  const {file, beforeText} = await editedPolicyFile(f, 'alias/console-current');
  const declined = startKeypol(target, ['put', 'alias/console-current', file]);
  await declined.waitForPrompt();
  declined.answer('n\n');
  assert.equal((await declined.done).code, 5);
  assert.equal(await policyOf(f, 'alias/console-current'), beforeText);

  const accepted = startKeypol(target, ['put', 'alias/console-current', file]);
  await accepted.waitForPrompt();
  accepted.answer('y\n');
  const result = await accepted.done;
  assert.equal(result.code, 0, result.stderr);
  assert.match(await policyOf(f, 'alias/console-current'), /role\/Auditor/);
});

test('another writer between the preview and the answer: exit 4, nothing written', async t => {
  const {f, target} = await setup(t);
  const {file} = await editedPolicyFile(f, 'alias/console-v2');
  const run = startKeypol(target, ['put', 'alias/console-v2', file]);
  await run.waitForPrompt();
  const key = await f.gateway.describeKey('alias/console-v2');
  const theirs = JSON.parse(await policyOf(f, 'alias/console-v2')) as PolicyDocument;
  theirs.Statement.push({
    Sid: 'Theirs',
    Effect: 'Allow',
    Principal: {AWS: 'arn:aws:iam::111122223333:role/Editor'},
    Action: 'kms:Encrypt',
    Resource: '*',
  });
  const other = new KMSClient({
    region: 'us-east-1',
    endpoint: f.sandbox.endpoint,
    credentials: {...SANDBOX_CREDENTIALS},
  });
  t.after(() => other.destroy());
  await other.send(new PutKeyPolicyCommand({KeyId: key.keyId, Policy: JSON.stringify(theirs)}));
  const theirText = await policyOf(f, 'alias/console-v2');
  const from = f.sandbox.log.length;
  run.answer('y\n');
  const result = await run.done;
  assert.equal(result.code, 4);
  assert.match(result.stderr, /changed since you read it/);
  assert.ok(!operations(f.sandbox, from).includes('PutKeyPolicy'));
  assert.equal(await policyOf(f, 'alias/console-v2'), theirText);
  assert.deepEqual(await backups(f), []);
});

test('--read-only: the preview is shown, nothing mutating reaches KMS, exit 3', async t => {
  const {f, target} = await setup(t);
  const {file} = await editedPolicyFile(f, 'alias/console-v2');
  const from = f.sandbox.log.length;
  const runs = [
    await runKeypol(target, ['--read-only', 'put', 'alias/console-v2', file]),
    await runKeypol(target, ['upgrade', 'alias/console-v2', '--read-only', '--yes']),
    await runKeypol(target, ['grant-access', 'alias/console-v2', '--user', ROLE, '--read-only', '--yes']),
    await runKeypol(target, ['deletion', 'alias/console-v2', '--deny', '--yes'], {
      env: {KEYPOL_READ_ONLY: '1'},
    }),
  ];
  for (const [i, run] of runs.entries()) {
    assert.equal(run.code, 3, run.stderr);
    // Each refusal names where read-only came from.
    assert.match(
      run.stderr,
      i === 3 ? /Read-only \(from KEYPOL_READ_ONLY=1\)/ : /Read-only \(from --read-only\)/,
    );
    assert.match(run.stdout, /^Changes to /m);
  }
  const mutating = operations(f.sandbox, from).filter(op => MUTATING_OPERATIONS.has(op));
  assert.deepEqual(mutating, []);
  assert.deepEqual(await backups(f), []);
});

test('AWS managed keys and lockout edits are refused with exit 3, before any PutKeyPolicy', async t => {
  const {f, target} = await setup(t);
  const {file} = await editedPolicyFile(f, 'alias/aws/s3');
  const from = f.sandbox.log.length;
  const managed = await runKeypol(target, ['put', 'alias/aws/s3', file, '--yes']);
  assert.equal(managed.code, 3);
  assert.match(managed.stderr, /AWS managed key/);

  const lockout = join(f.stateDir, 'lockout.json');
  await writeFile(
    lockout,
    JSON.stringify({
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
    }),
  );
  const locked = await runKeypol(target, ['put', 'alias/console-current', lockout, '--yes', '--json']);
  assert.equal(locked.code, 3);
  const refusal = JSON.parse(locked.stdout);
  assert.equal(refusal.ok, false);
  assert.equal(refusal.refusal, 'lockout');
  assert.ok(refusal.findings.some((x: {code: string}) => x.code === 'lockout'));
  assert.ok(!operations(f.sandbox, from).includes('PutKeyPolicy'));

  const broken = join(f.stateDir, 'broken.json');
  await writeFile(broken, '{"Version": "2012-10-17", "Statement": [}');
  const invalid = await runKeypol(target, ['put', 'alias/console-current', broken, '--yes']);
  assert.equal(invalid.code, 3);
  assert.match(invalid.stderr, /not valid/);
});

test('a policy AWS recommends, with conditional data-perimeter Denies, is written: conditional is no lockout', async t => {
  const {f, target} = await setup(t);
  const key = await f.gateway.describeKey('alias/console-current');
  const doc = JSON.parse((await f.gateway.getPolicy(key.arn)).text) as PolicyDocument;
  doc.Statement.push({
    Sid: 'EnforceIdentityPerimeter',
    Effect: 'Deny',
    Principal: '*',
    Action: 'kms:*',
    Resource: '*',
    Condition: {
      StringNotEqualsIfExists: {'aws:PrincipalOrgID': 'o-exampleorgid'},
      BoolIfExists: {'aws:PrincipalIsAWSService': 'false'},
    },
  });
  const file = join(f.stateDir, 'perimeter.json');
  await writeFile(file, JSON.stringify(doc, null, 2));
  const from = f.sandbox.log.length;
  const put = await runKeypol(target, ['put', 'alias/console-current', file, '--yes', '--json']);
  assert.equal(put.code, 0, put.stdout + put.stderr);
  assert.ok(operations(f.sandbox, from).includes('PutKeyPolicy'));
  const written = JSON.parse((await f.gateway.getPolicy(key.arn)).text) as PolicyDocument;
  assert.ok(written.Statement.some(st => st.Sid === 'EnforceIdentityPerimeter'));
});

test('upgrade adds exactly the missing actions, and only to the administrators', async t => {
  const {f, target} = await setup(t);
  const before = JSON.parse((await runKeypol(target, ['show', 'alias/console-v2', '--json'])).stdout);
  const missing: string[] = before.classification.missingActions;
  assert.ok(missing.length > 0);
  const result = await runKeypol(target, ['upgrade', 'alias/console-v2', '--yes', '--json']);
  assert.equal(result.code, 0, result.stderr);
  const outcome = JSON.parse(result.stdout);
  assert.equal(outcome.ok, true);
  assert.equal(outcome.reason, 'upgrade');

  const after = JSON.parse((await runKeypol(target, ['show', 'alias/console-v2', '--json'])).stdout);
  assert.equal(after.classification.outdated, false);
  assert.deepEqual(after.classification.missingActions, []);
  const statements = (text: string) => (JSON.parse(text) as PolicyDocument).Statement;
  const [old, now] = [statements(before.policy), statements(after.policy)];
  assert.equal(now.length, old.length);
  now.forEach((statement, i) => {
    const was = old[i]!;
    const added = [statement.Action].flat().filter(a => ![was.Action].flat().includes(a));
    const removed = [was.Action].flat().filter(a => ![statement.Action].flat().includes(a));
    assert.deepEqual(removed, []);
    assert.deepEqual(
      added.sort(),
      statement.Sid === 'Allow access for Key Administrators' ? [...missing].sort() : [],
    );
  });

  const again = await runKeypol(target, ['upgrade', 'alias/console-v2', '--yes']);
  assert.equal(again.code, 0);
  assert.match(again.stdout, /already the current console default/);
});

test('upgrade refuses policies that are not console defaults, with the reason', async t => {
  const {target} = await setup(t);
  for (const alias of ['alias/api-default', 'alias/cross-account']) {
    const result = await runKeypol(target, ['upgrade', alias, '--yes']);
    assert.equal(result.code, 3);
    assert.match(result.stderr, /not a console default policy/);
  }
  const both = await runKeypol(target, [
    'upgrade',
    'alias/console-v1',
    '--allow-delete',
    '--no-allow-delete',
  ]);
  assert.equal(both.code, 2);
});

test('upgrade of a v1 policy asks for the deletion choice, then keeps it', async t => {
  const {target} = await setup(t);
  const unknown = await runKeypol(target, ['upgrade', 'alias/console-v1', '--yes']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /--allow-delete or --no-allow-delete/);
  const denied = await runKeypol(target, ['upgrade', 'alias/console-v1', '--no-allow-delete', '--yes']);
  assert.equal(denied.code, 0, denied.stderr);
  const shown = JSON.parse((await runKeypol(target, ['show', 'alias/console-v1', '--json'])).stdout);
  assert.equal(shown.access.administratorsCanDelete, false);
  assert.equal(shown.classification.outdated, false);
});

test('grant-access and deletion edit the console statements', async t => {
  const {target} = await setup(t);
  const show = async () =>
    JSON.parse((await runKeypol(target, ['show', 'alias/console-current', '--json'])).stdout);
  const add = await runKeypol(target, [
    'grant-access',
    'alias/console-current',
    '--admin',
    ROLE,
    '--account',
    '444455556666',
    '--yes',
  ]);
  assert.equal(add.code, 0, add.stderr);
  let shown = await show();
  assert.ok(shown.access.administrators.includes(ROLE));
  assert.deepEqual(shown.access.externalAccounts, ['444455556666']);

  const remove = await runKeypol(target, [
    'grant-access',
    'alias/console-current',
    '--admin',
    ROLE,
    '--remove',
    '--yes',
  ]);
  assert.equal(remove.code, 0, remove.stderr);
  assert.match(remove.stdout, /Warning: this change removes permissions/);
  shown = await show();
  assert.ok(!shown.access.administrators.includes(ROLE));

  const deny = await runKeypol(target, ['deletion', 'alias/console-current', '--deny', '--yes']);
  assert.equal(deny.code, 0, deny.stderr);
  assert.equal((await show()).access.administratorsCanDelete, false);
  const allow = await runKeypol(target, ['deletion', 'alias/console-current', '--allow', '--yes']);
  assert.equal(allow.code, 0, allow.stderr);
  assert.equal((await show()).access.administratorsCanDelete, true);

  assert.equal((await runKeypol(target, ['grant-access', 'alias/console-current', '--yes'])).code, 2);
  assert.equal((await runKeypol(target, ['deletion', 'alias/console-current', '--allow', '--deny'])).code, 2);
  const history = JSON.parse(
    (await runKeypol(target, ['history', 'alias/console-current', '--json'])).stdout,
  );
  assert.deepEqual(
    history.map((b: {reason: string}) => b.reason),
    // Newest first; deletion --allow/--deny are logged as what they are, not as an access edit.
    ['deletion', 'deletion', 'access-edit', 'access-edit'],
  );
});

test('restore refuses a backup of another key and says when there is none', async t => {
  const {f, target} = await setup(t);
  const none = await runKeypol(target, ['restore', 'alias/hmac', '--yes']);
  assert.equal(none.code, 1);
  assert.match(none.stderr, /no backups of/);
  const {file} = await editedPolicyFile(f, 'alias/console-v3');
  assert.equal((await runKeypol(target, ['put', 'alias/console-v3', file, '--yes'])).code, 0);
  const [backup] = JSON.parse((await runKeypol(target, ['history', 'alias/console-v3', '--json'])).stdout);
  const wrongKey = await runKeypol(target, ['restore', 'alias/hmac', backup.id, '--yes']);
  assert.equal(wrongKey.code, 2);
  assert.match(wrongKey.stderr, /is not a backup of/);
});
