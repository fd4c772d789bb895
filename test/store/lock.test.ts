import {test} from 'node:test';
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {mkdtemp, readFile, rm, symlink, utimes, writeFile, mkdir} from 'node:fs/promises';
import {hostname, tmpdir} from 'node:os';
import {join} from 'node:path';
import {acquireKeyLock, lockPath, LockBusyError} from '../../source/store/lock.js';

const ARN = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';

async function tempDir(t: {after(fn: () => Promise<void>): void}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'keypol-lock-'));
  t.after(() => rm(dir, {recursive: true, force: true}));
  return dir;
}

/** The pid of a process that has exited (not reused within a test, in practice). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(child.stdout.toString());
}

async function plantLock(dir: string, holder: object): Promise<string> {
  const path = lockPath(dir, ARN);
  await mkdir(join(dir, 'locks'), {recursive: true, mode: 0o700});
  await writeFile(path, JSON.stringify(holder));
  return path;
}

test('one holder at a time: a second waiter gives up with who holds it', async t => {
  const dir = await tempDir(t);
  const lock = await acquireKeyLock(dir, ARN);
  const holder = JSON.parse(await readFile(lock.path, 'utf8'));
  assert.equal(holder.pid, process.pid);
  await assert.rejects(acquireKeyLock(dir, ARN, {waitMs: 150}), (error: unknown) => {
    assert.ok(error instanceof LockBusyError);
    assert.match(error.message, new RegExp(`process ${process.pid} on `));
    return true;
  });
  await lock.release();
  const again = await acquireKeyLock(dir, ARN, {waitMs: 150});
  await again.release();
});

test('a waiter gets the lock as soon as the holder releases it', async t => {
  const dir = await tempDir(t);
  const first = await acquireKeyLock(dir, ARN);
  const second = acquireKeyLock(dir, ARN, {waitMs: 20_000});
  setTimeout(() => void first.release(), 100);
  await (await second).release();
});

test('many waiters at once: never two holders', async t => {
  const dir = await tempDir(t);
  let holding = 0;
  let most = 0;
  await Promise.all(
    Array.from({length: 12}, async () => {
      const lock = await acquireKeyLock(dir, ARN, {waitMs: 60_000});
      holding++;
      most = Math.max(most, holding);
      await new Promise(resolve => setTimeout(resolve, 5));
      holding--;
      await lock.release();
    }),
  );
  assert.equal(most, 1);
});

test('a lock left by a process that died is taken over', async t => {
  const dir = await tempDir(t);
  await plantLock(dir, {pid: deadPid(), host: hostname(), time: new Date().toISOString(), token: 'dead'});
  const lock = await acquireKeyLock(dir, ARN, {waitMs: 500});
  assert.equal(JSON.parse(await readFile(lock.path, 'utf8')).pid, process.pid);
  await lock.release();
});

test('a lock older than staleMs is taken over even when its holder looks alive', async t => {
  const dir = await tempDir(t);
  const path = await plantLock(dir, {
    pid: process.ppid,
    host: 'elsewhere',
    time: '2020-01-01T00:00:00.000Z',
    token: 'old',
  });
  await assert.rejects(acquireKeyLock(dir, ARN, {waitMs: 100, staleMs: 60_000}), LockBusyError);
  const old = new Date(Date.now() - 120_000);
  await utimes(path, old, old);
  const lock = await acquireKeyLock(dir, ARN, {waitMs: 500, staleMs: 60_000});
  await lock.release();
});

test('an empty lock file (holder killed before writing it) is stale after a grace period', async t => {
  const dir = await tempDir(t);
  const path = await plantLock(dir, {});
  await writeFile(path, '');
  const old = new Date(Date.now() - 60_000);
  await utimes(path, old, old);
  const lock = await acquireKeyLock(dir, ARN, {waitMs: 500});
  await lock.release();
});

test('a symbolic link in place of the locks folder is refused', async t => {
  const dir = await tempDir(t);
  const elsewhere = await tempDir(t);
  await symlink(elsewhere, join(dir, 'locks'));
  await assert.rejects(acquireKeyLock(dir, ARN), /symbolic link/);
});
