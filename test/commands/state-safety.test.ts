// keypol's files never go through a symbolic link, a state dir others can write to is tightened
// (or refused when it is not ours), and `get --output` does not overwrite without --force.
import {test, type TestContext} from 'node:test';
import assert from 'node:assert/strict';
import {chmod, chown, lstat, mkdir, readFile, readdir, stat, symlink, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {withSandbox, operations, type SandboxFixture} from '../helpers/sandbox.js';
import {runKeypol, type CliTarget} from '../helpers/cli.js';
import {auditLogPath, backupsDir} from '../../source/store/paths.js';

const USER = ['--user', 'arn:aws:iam::111122223333:role/Auditor', '--yes'];

async function setup(t: TestContext): Promise<{f: SandboxFixture; target: CliTarget}> {
  const f = await withSandbox();
  t.after(f.cleanup);
  return {f, target: {endpoint: f.sandbox.endpoint, stateDir: f.stateDir}};
}

test('get --output refuses an existing file unless --force, and a symbolic link always', async t => {
  const {f, target} = await setup(t);
  const file = join(f.stateDir, 'policy.json');
  await writeFile(file, 'keep me');
  const refused = await runKeypol(target, ['get', 'alias/console-v2', '--output', file]);
  assert.equal(refused.code, 3, refused.stderr);
  assert.match(refused.stderr, /exists: keypol does not overwrite it; pass --force/);
  assert.equal(await readFile(file, 'utf8'), 'keep me');

  const forced = await runKeypol(target, ['get', 'alias/console-v2', '--output', file, '--force']);
  assert.equal(forced.code, 0, forced.stderr);
  assert.match(await readFile(file, 'utf8'), /"Statement"/);

  const victim = join(f.stateDir, 'victim.txt');
  await writeFile(victim, 'untouched');
  const link = join(f.stateDir, 'link.json');
  await symlink(victim, link);
  for (const extra of [[], ['--force']]) {
    const run = await runKeypol(target, ['get', 'alias/console-v2', '--output', link, ...extra]);
    assert.equal(run.code, 3, run.stderr);
    assert.match(run.stderr, /is a symbolic link: keypol does not write through links/);
  }
  assert.equal(await readFile(victim, 'utf8'), 'untouched');
  assert.equal((await stat(victim)).mode & 0o777, 0o644);
});

test('audit.jsonl as a symbolic link: refused before the put, the link target untouched', async t => {
  const {f, target} = await setup(t);
  const victim = join(f.stateDir, 'victim.log');
  await writeFile(victim, 'original\n');
  await chmod(victim, 0o644);
  await symlink(victim, auditLogPath(f.stateDir));
  const from = f.sandbox.log.length;
  const run = await runKeypol(target, ['grant-access', 'alias/console-v2', ...USER]);
  assert.equal(run.code, 1, run.stderr);
  assert.match(run.stderr, /audit\.jsonl is a symbolic link: keypol does not follow links/);
  assert.ok(!operations(f.sandbox, from).includes('PutKeyPolicy'));
  assert.equal(await readFile(victim, 'utf8'), 'original\n');
  assert.equal((await stat(victim)).mode & 0o777, 0o644);
  // History still works (every change "unknown": the audit log cannot be read).
  const history = await runKeypol(target, ['history', 'alias/console-v2']);
  assert.equal(history.code, 0, history.stderr);
});

test('the backups folder as a symbolic link: refused, nothing put', async t => {
  const {f, target} = await setup(t);
  const elsewhere = join(f.stateDir, 'elsewhere');
  await mkdir(elsewhere);
  await symlink(elsewhere, backupsDir(f.stateDir));
  const from = f.sandbox.log.length;
  const run = await runKeypol(target, ['grant-access', 'alias/console-v2', ...USER]);
  assert.equal(run.code, 1, run.stderr);
  assert.match(run.stderr, /backups is a symbolic link/);
  assert.ok(!operations(f.sandbox, from).includes('PutKeyPolicy'));
  assert.deepEqual(await readdir(elsewhere), []);
});

test('a state dir others can write to is tightened, and keypol says so', async t => {
  const {f, target} = await setup(t);
  await chmod(f.stateDir, 0o777);
  const run = await runKeypol(target, ['grant-access', 'alias/console-v2', ...USER]);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stderr, /was writable by other users \(mode 0777\); keypol changed it to 0755/);
  assert.equal((await lstat(f.stateDir)).mode & 0o777, 0o755);
  assert.equal((await stat(auditLogPath(f.stateDir))).mode & 0o777, 0o600);
});

test('a shared sticky folder (like /tmp) is refused, not tightened', async t => {
  const {f, target} = await setup(t);
  await chmod(f.stateDir, 0o1777);
  const run = await runKeypol(target, ['grant-access', 'alias/console-v2', ...USER]);
  assert.equal(run.code, 1, run.stderr);
  assert.match(run.stderr, /is a shared folder \(mode 01777, writable by everyone\)/);
  assert.equal((await lstat(f.stateDir)).mode & 0o7777, 0o1777);
});

test(
  'a state dir that belongs to another user is refused',
  {skip: process.getuid?.() !== 0 && 'needs root to chown'},
  async t => {
    const {f, target} = await setup(t);
    await chown(f.stateDir, 65534, 65534);
    const from = f.sandbox.log.length;
    const run = await runKeypol(target, ['grant-access', 'alias/console-v2', ...USER]);
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stderr, /belongs to user id 65534, not to you.*KEYPOL_STATE_DIR/);
    assert.ok(!operations(f.sandbox, from).includes('PutKeyPolicy'));
  },
);
