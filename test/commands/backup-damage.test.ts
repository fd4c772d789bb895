// A backup write that fails half-way (a full disk) leaves no torn file, and a damaged backup
// file — empty, cut short, not keypol's — is listed as damaged and skipped: history and restore
// keep working with every good backup.
import {test, type TestContext} from 'node:test';
import assert from 'node:assert/strict';
import {readdir, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {createKmsGateway} from '../../source/aws/gateway.js';
import {SANDBOX_CREDENTIALS} from '../../source/sandbox/index.js';
import {backupsDir} from '../../source/store/paths.js';
import {withSandbox, operations, type SandboxFixture} from '../helpers/sandbox.js';
import {runKeypol, type CliTarget} from '../helpers/cli.js';

const ALIAS = 'alias/console-v2';
const grant = (role: string) => [
  'grant-access',
  ALIAS,
  '--user',
  `arn:aws:iam::111122223333:role/${role}`,
  '--yes',
];

async function setup(t: TestContext): Promise<{f: SandboxFixture; target: CliTarget}> {
  const f = await withSandbox();
  t.after(f.cleanup);
  return {f, target: {endpoint: f.sandbox.endpoint, stateDir: f.stateDir}};
}

async function history(target: CliTarget) {
  const run = await runKeypol(target, ['history', ALIAS, '--json']);
  assert.equal(run.code, 0, run.stderr);
  return {
    rows: JSON.parse(run.stdout) as {id: string; reason: string; applied: boolean | null}[],
    stderr: run.stderr,
  };
}

test('a full disk during the backup: nothing put, no torn file, history and restore still work', async t => {
  const {f, target} = await setup(t);
  assert.equal((await runKeypol(target, grant('Reporting'))).code, 0);
  const good = await readdir(backupsDir(f.stateDir));

  const from = f.sandbox.log.length;
  const full = await runKeypol(target, grant('Editor'), {env: {KEYPOL_TEST_FAULT: 'enospc:backup'}});
  assert.equal(full.code, 1, full.stderr);
  assert.match(full.stderr, /Could not write the backup \(ENOSPC.*so nothing was changed/);
  assert.ok(!operations(f.sandbox, from).includes('PutKeyPolicy'));
  assert.deepEqual(await readdir(backupsDir(f.stateDir)), good, 'no half-written or temporary file left');

  const {rows} = await history(target);
  assert.equal(rows.length, 1);
  const restore = await runKeypol(target, ['restore', ALIAS, '--yes']);
  assert.equal(restore.code, 0, restore.stderr);
  assert.doesNotMatch(await policyText(f), /role\/Reporting/);
});

test('empty, cut-short and foreign backup files are listed as damaged and skipped', async t => {
  const {f, target} = await setup(t);
  assert.equal((await runKeypol(target, grant('Reporting'))).code, 0);
  const key = await f.gateway.describeKey(ALIAS);
  const dir = backupsDir(f.stateDir);
  // Named like newer backups of this key, so they sort first.
  const names = ['20991231T235959000Z', '20991231T235959001Z', '20991231T235959002Z'].map(
    time => `${time}-${key.keyId}-abcd.json`,
  );
  await writeFile(join(dir, names[0] as string), '');
  await writeFile(join(dir, names[1] as string), '{"format": "keypol-backup/1", "policy": "{\\"Ver');
  await writeFile(join(dir, names[2] as string), JSON.stringify({hello: 'world'}));

  const {rows, stderr} = await history(target);
  assert.equal(rows.length, 1, 'the good backup is still there');
  assert.match(stderr, /Skipped damaged backup .*is empty/);
  assert.match(stderr, /Skipped damaged backup .*not valid JSON/);
  assert.match(stderr, /Skipped damaged backup .*unknown format/);
  const text = await runKeypol(target, ['history', ALIAS]);
  assert.equal(text.code, 0);
  assert.match(text.stdout, /access-edit\s+applied/);

  const restore = await runKeypol(target, ['restore', ALIAS, '--yes']);
  assert.equal(restore.code, 0, restore.stderr);
  assert.match(restore.stdout, new RegExp(`Restoring backup ${rows[0]?.id}`));
  assert.doesNotMatch(await policyText(f), /role\/Reporting/);

  // The TUI reads the same listing.
  const gateway = createKmsGateway({
    region: 'us-east-1',
    endpoint: f.sandbox.endpoint,
    credentials: {...SANDBOX_CREDENTIALS},
    stateDir: f.stateDir,
  });
  t.after(() => gateway.close());
  const listing = await gateway.history(key.arn);
  assert.equal(listing.damaged.length, 3);
  assert.equal(listing.backups.length, 2);
});

test('a write AWS refused stays in history marked "not applied", and restore skips it', async t => {
  const {target} = await setup(t);
  // KMS refuses PutKeyPolicy on a key pending deletion (KMSInvalidStateException, HTTP 400):
  // keypol has already saved the backup by then.
  const args = [
    'grant-access',
    'alias/pending-deletion',
    '--user',
    'arn:aws:iam::111122223333:role/Editor',
    '--yes',
  ];
  const refused = await runKeypol(target, args);
  assert.equal(refused.code, 1, refused.stderr);
  assert.match(refused.stderr, /Nothing was changed/);

  const json = await runKeypol(target, ['history', 'alias/pending-deletion', '--json']);
  const rows = JSON.parse(json.stdout) as {applied: boolean | null}[];
  assert.deepEqual(
    rows.map(r => r.applied),
    [false],
  );
  const text = await runKeypol(target, ['history', 'alias/pending-deletion']);
  assert.match(text.stdout, /access-edit\s+not applied/);
  const restore = await runKeypol(target, ['restore', 'alias/pending-deletion', '--yes']);
  assert.equal(restore.code, 1);
  assert.match(restore.stderr, /There are no backups of .* to restore/);
});

async function policyText(f: SandboxFixture): Promise<string> {
  return (await f.gateway.getPolicy((await f.gateway.describeKey(ALIAS)).arn)).text;
}
