// The write path's knobs from the environment: the delay before the second verification, how
// long to wait for another keypol's lock, and — for tests only — faults at named points of the
// write path (KEYPOL_TEST_FAULT=kill:after-put makes the process die right after its put, like
// kill -9 would; enospc:backup makes the backup write fail half-way, like a full disk).
import type {GatewayOptions} from '../aws/gateway.js';
import type {WriteHooks, WritePoint} from '../aws/write-path.js';
import {UsageError} from './exit.js';

type Env = Record<string, string | undefined>;

const POINTS = new Set<string>(['after-backup', 'before-put', 'after-put', 'after-verify']);

export function writeOptions(env: Env): Pick<GatewayOptions, 'verifyDelayMs' | 'lock' | 'writeHooks'> {
  const delay = milliseconds(env, 'KEYPOL_VERIFY_DELAY_MS');
  const wait = milliseconds(env, 'KEYPOL_LOCK_WAIT_MS');
  const hooks = testFaults(env.KEYPOL_TEST_FAULT);
  return {
    ...(delay === undefined ? {} : {verifyDelayMs: delay}),
    ...(wait === undefined ? {} : {lock: {waitMs: wait}}),
    ...(hooks ? {writeHooks: hooks} : {}),
  };
}

function milliseconds(env: Env, name: string): number | undefined {
  const text = env[name];
  if (text === undefined || text === '') return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0)
    throw new UsageError(`${name} must be a whole number of milliseconds`);
  return value;
}

function testFaults(spec: string | undefined): WriteHooks | undefined {
  if (!spec) return undefined;
  const kills = new Set<WritePoint>();
  let fullDisk = false;
  for (const item of spec.split(',')) {
    const [kind, point = ''] = item.trim().split(':');
    if (kind === 'kill' && POINTS.has(point)) kills.add(point as WritePoint);
    else if (kind === 'enospc' && point === 'backup') fullDisk = true;
    else throw new UsageError(`KEYPOL_TEST_FAULT: unknown fault ${JSON.stringify(item)}`);
  }
  return {
    at(point) {
      if (kills.has(point)) process.kill(process.pid, 'SIGKILL');
    },
    ...(fullDisk ? {failWriteAfter: 100} : {}),
  };
}
