// The audit log: one JSON object per line, appended and synced, 0600, never through a link.
// A mutation logs an intent line before the call and an outcome line after it (same `attempt`),
// so a process killed in between still leaves a trace of a call that may have reached AWS.
import {constants} from 'node:fs';
import {open, readFile} from 'node:fs/promises';
import {randomBytes} from 'node:crypto';
import {auditLogPath} from './paths.js';
import {checkOwnFile, ensurePrivateDir, noFollowError} from './private-dir.js';
import type {AuditRecord} from './types.js';

const APPEND = constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW;

export async function appendAudit(stateDir: string, record: AuditRecord): Promise<void> {
  await ensurePrivateDir(stateDir, {followLink: true});
  const path = auditLogPath(stateDir);
  let file;
  try {
    file = await open(path, APPEND, 0o600);
  } catch (error) {
    throw noFollowError(path, error);
  }
  try {
    const info = await file.stat();
    checkOwnFile(path, info);
    if ((info.mode & 0o077) !== 0) await file.chmod(0o600);
    await file.appendFile(JSON.stringify(record) + '\n');
    await file.sync();
  } finally {
    await file.close();
  }
}

/** The fields every line of one attempt shares. */
export type AttemptBase = Omit<AuditRecord, 'time' | 'result' | 'attempt' | 'applied'>;

export interface Attempt {
  readonly id: string;
  /** The line before the call: written (and synced) or the call must not be made. */
  intent(fields?: Partial<AuditRecord>): Promise<void>;
  /** The line after: `applied` says whether the change took effect (null: unknown). */
  outcome(result: string, applied: boolean | null, fields?: Partial<AuditRecord>): Promise<void>;
}

export function startAttempt(stateDir: string, base: AttemptBase): Attempt {
  const id = randomBytes(6).toString('hex');
  const line = (result: string, fields: Partial<AuditRecord>): AuditRecord => ({
    time: new Date().toISOString(),
    ...base,
    ...fields,
    attempt: id,
    result,
  });
  return {
    id,
    intent: fields => appendAudit(stateDir, line('intent', fields ?? {})),
    outcome: (result, applied, fields) => appendAudit(stateDir, {...line(result, fields ?? {}), applied}),
  };
}

/** Every record; a line cut short by a crash mid-append is skipped, not fatal. */
export async function readAudit(stateDir: string): Promise<AuditRecord[]> {
  const path = auditLogPath(stateDir);
  let text: string;
  try {
    text = await readFile(path, {encoding: 'utf8', flag: constants.O_RDONLY | constants.O_NOFOLLOW});
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw noFollowError(path, error);
  }
  const records: AuditRecord[] = [];
  for (const entry of text.split('\n')) {
    if (entry.trim() === '') continue;
    try {
      records.push(JSON.parse(entry) as AuditRecord);
    } catch {
      // a torn last line: the record before it still stands
    }
  }
  return records;
}
