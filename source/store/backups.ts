// Policy backups: one JSON file per backup, 0600 in a 0700 folder, written before any change.
// The file carries the exact previous policy text plus who/when/where, so an auditor can read it
// with `jq -r .policy FILE` and no keypol at all. Written atomically (temporary file, fsync,
// rename, fsync of the folder): a full disk or a crash leaves the old set of backups, never a
// torn file. Read without following links; a damaged file is listed as damaged, never fatal.
import {constants} from 'node:fs';
import {open, readdir} from 'node:fs/promises';
import {join} from 'node:path';
import {randomBytes} from 'node:crypto';
import {backupsDir} from './paths.js';
import {sha256Hex} from './hash.js';
import {writeJsonFileAtomically, type WriteFaults} from './atomic-write.js';
import {checkOwnFile, ensurePrivateDir, noFollowError} from './private-dir.js';
import type {BackupEntry, BackupListing, BackupReason, DamagedBackup} from './types.js';

const FORMAT = 'keypol-backup/1';
// 20261124T021500123Z-<key id>-<4 hex>: sorts by time, names the key, never collides in practice.
const ID_PATTERN = /^(\d{8}T\d{9}Z)-([A-Za-z0-9-]{1,100})-([0-9a-f]{4})$/;
const READ = constants.O_RDONLY | constants.O_NOFOLLOW;

export interface NewBackup {
  keyArn: string;
  region: string;
  caller: string;
  reason: BackupReason;
  text: string;
  time?: Date;
}

export type BackupFaults = WriteFaults;

export async function writeBackup(
  stateDir: string,
  backup: NewBackup,
  faults: BackupFaults = {},
): Promise<BackupEntry> {
  await ensurePrivateDir(stateDir, {followLink: true});
  const dir = backupsDir(stateDir);
  await ensurePrivateDir(dir);
  const time = (backup.time ?? new Date()).toISOString();
  const id = `${time.replace(/[-:.]/g, '')}-${keyIdOf(backup.keyArn)}-${randomBytes(2).toString('hex')}`;
  const path = join(dir, `${id}.json`);
  const entry: BackupEntry = {
    id,
    path,
    keyArn: backup.keyArn,
    region: backup.region,
    caller: backup.caller,
    time,
    sha256: sha256Hex(backup.text),
    reason: backup.reason,
    text: backup.text,
  };
  const {path: _path, text, ...fields} = entry;
  const bytes = Buffer.from(JSON.stringify({format: FORMAT, ...fields, policy: text}, null, 2) + '\n');
  // The temporary name does not match ID_PATTERN: listings never see a half-written backup.
  await writeJsonFileAtomically(dir, id, bytes, faults);
  return entry;
}

/** Backups of one key, newest first, and the files named for it that cannot be read as one. */
export async function listBackups(stateDir: string, keyArn: string): Promise<BackupListing> {
  const dir = backupsDir(stateDir);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {backups: [], damaged: []};
    throw error;
  }
  const keyId = keyIdOf(keyArn);
  const ids = names
    .filter(name => name.endsWith('.json'))
    .map(name => name.slice(0, -'.json'.length))
    .filter(id => ID_PATTERN.exec(id)?.[2] === keyId)
    .sort()
    .reverse();
  const backups: BackupEntry[] = [];
  const damaged: DamagedBackup[] = [];
  for (const id of ids) {
    try {
      const entry = await readBackup(stateDir, id);
      if (entry.keyArn === keyArn) backups.push(entry);
    } catch (error) {
      damaged.push({id, path: join(dir, `${id}.json`), problem: (error as Error).message});
    }
  }
  return {backups, damaged};
}

export async function readBackup(stateDir: string, id: string): Promise<BackupEntry> {
  if (!ID_PATTERN.test(id)) throw new Error(`"${id}" is not a keypol backup id.`);
  const path = join(backupsDir(stateDir), `${id}.json`);
  let raw: string;
  try {
    const file = await open(path, READ);
    try {
      checkOwnFile(path, await file.stat());
      raw = await file.readFile('utf8');
    } finally {
      await file.close();
    }
  } catch (error) {
    throw noFollowError(path, error);
  }
  if (raw.trim() === '') throw new Error(`Backup ${id} is empty (a write that did not finish).`);
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    throw new Error(`Backup ${id} is not valid JSON (damaged or cut short).`);
  }
  const entry = toEntry(id, path, data);
  if (sha256Hex(entry.text) !== entry.sha256) {
    throw new Error(`Backup ${id} does not match its SHA-256: the file was changed after keypol wrote it.`);
  }
  return entry;
}

function toEntry(id: string, path: string, data: unknown): BackupEntry {
  const record = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
  const text = (name: string): string => {
    const value = record[name];
    if (typeof value !== 'string')
      throw new Error(`Backup ${id} has no "${name}" field; it is not a keypol backup.`);
    return value;
  };
  if (record.format !== FORMAT) throw new Error(`Backup ${id} has an unknown format.`);
  return {
    id,
    path,
    keyArn: text('keyArn'),
    region: text('region'),
    caller: text('caller'),
    time: text('time'),
    sha256: text('sha256'),
    reason: text('reason') as BackupReason,
    text: text('policy'),
  };
}

/** The key id at the end of a key ARN (or the input itself when it is already an id). */
function keyIdOf(keyArn: string): string {
  return keyArn.slice(keyArn.lastIndexOf('/') + 1);
}
