// One keypol writer per key at a time. KMS has no conditional put, so two keypol processes that
// read, then write, the same key would silently lose one change; a lock file per key in the
// state dir serialises them (the second then sees the first's change and reports a conflict).
// Created with O_EXCL, so exactly one process wins; a lock whose holder died (kill -9, a crash)
// is taken over: on this host when its process is gone, anywhere once it is older than staleMs.
import {constants} from 'node:fs';
import {link, open, readFile, rename, stat, unlink} from 'node:fs/promises';
import {randomBytes} from 'node:crypto';
import {hostname} from 'node:os';
import {join} from 'node:path';
import {ensurePrivateDir, noFollowError} from './private-dir.js';

export interface LockOptions {
  /** How long to wait for another holder before giving up (default 30 s). */
  waitMs?: number;
  /** A lock older than this is stale whoever holds it (default 5 min; keypol holds one for seconds). */
  staleMs?: number;
}

export interface LockHolder {
  pid: number;
  host: string;
  time: string; // ISO-8601
  token: string;
}

export interface KeyLock {
  path: string;
  release(): Promise<void>;
}

/** Another live keypol holds the key's lock; `holder` says who. */
export class LockBusyError extends Error {
  override readonly name = 'LockBusyError';
  constructor(
    readonly path: string,
    readonly holder: LockHolder | undefined,
  ) {
    const who = holder ? `process ${holder.pid} on ${holder.host} since ${holder.time}` : 'another process';
    super(`Another keypol (${who}) is changing this key: wait for it to finish and try again.`);
  }
}

const CREATE = constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY | constants.O_NOFOLLOW;
// A holder writes its details right after creating the file; an empty one older than this was
// left by a process killed in between.
const EMPTY_GRACE_MS = 5_000;

export function lockPath(stateDir: string, keyArn: string): string {
  return join(stateDir, 'locks', `${keyArn.replace(/[^A-Za-z0-9-]/g, '_')}.lock`);
}

export async function acquireKeyLock(
  stateDir: string,
  keyArn: string,
  options: LockOptions = {},
): Promise<KeyLock> {
  const {waitMs = 30_000, staleMs = 5 * 60_000} = options;
  const path = lockPath(stateDir, keyArn);
  await ensurePrivateDir(join(stateDir, 'locks'));
  const me: LockHolder = {
    pid: process.pid,
    host: hostname(),
    time: new Date().toISOString(),
    token: randomBytes(8).toString('hex'),
  };
  const deadline = Date.now() + waitMs;
  for (let attempt = 0; ; attempt++) {
    if (await tryCreate(path, me)) return {path, release: () => release(path, me.token)};
    const seen = await readHolder(path);
    if (seen && (await isStale(path, seen.holder, staleMs))) {
      await takeOver(path, seen.raw);
      continue;
    }
    if (Date.now() >= deadline) throw new LockBusyError(path, seen?.holder);
    // Jittered back-off: two waiters do not retry in lock-step.
    const pause = Math.min(200, 20 + attempt * 10) * (0.5 + Math.random());
    await new Promise(resolve => setTimeout(resolve, pause));
  }
}

async function tryCreate(path: string, me: LockHolder): Promise<boolean> {
  let file;
  try {
    file = await open(path, CREATE, 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw noFollowError(path, error);
  }
  try {
    await file.writeFile(JSON.stringify(me) + '\n');
  } finally {
    await file.close();
  }
  return true;
}

async function readHolder(path: string): Promise<{raw: string; holder?: LockHolder} | undefined> {
  let raw: string;
  try {
    raw = await readFile(path, {encoding: 'utf8', flag: constants.O_RDONLY | constants.O_NOFOLLOW});
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined; // released meanwhile
    throw noFollowError(path, error);
  }
  try {
    const holder = JSON.parse(raw) as LockHolder;
    return typeof holder.pid === 'number' ? {raw, holder} : {raw};
  } catch {
    return {raw};
  }
}

async function isStale(path: string, holder: LockHolder | undefined, staleMs: number): Promise<boolean> {
  let age: number;
  try {
    age = Date.now() - (await stat(path)).mtimeMs;
  } catch {
    return false; // gone: the next create attempt decides
  }
  if (!holder) return age > EMPTY_GRACE_MS;
  if (age > staleMs) return true;
  return holder.host === hostname() && !alive(holder.pid);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes a stale lock without removing a fresh one another waiter created meanwhile: move it
 * aside first, then check that what was moved is what was judged stale (else put it back).
 */
async function takeOver(path: string, staleRaw: string): Promise<void> {
  const aside = `${path}.stale-${randomBytes(4).toString('hex')}`;
  try {
    await rename(path, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  const moved = await readFile(aside, 'utf8').catch(() => staleRaw);
  if (moved !== staleRaw) await link(aside, path).catch(() => undefined);
  await unlink(aside).catch(() => undefined);
}

async function release(path: string, token: string): Promise<void> {
  const seen = await readHolder(path).catch(() => undefined);
  // Taken over as stale meanwhile (a very slow holder): the file is someone else's now.
  if (seen?.holder?.token !== token) return;
  await unlink(path).catch(() => undefined);
}
