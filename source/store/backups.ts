// Policy backups: one JSON file per backup, 0600 in a 0700 folder, written and synced before
// any PutKeyPolicy. The file carries the exact previous policy text plus who/when/where, so an
// auditor can read it with `jq -r .policy FILE` and no keypol at all.
import {chmod, mkdir, open, readdir, readFile} from 'node:fs/promises';
import {join} from 'node:path';
import {randomBytes} from 'node:crypto';
import {backupsDir} from './paths.js';
import {sha256Hex} from './hash.js';
import type {BackupEntry, ChangeReason} from './types.js';

const FORMAT = 'keypol-backup/1';
// 20261124T021500123Z-<key id>-<4 hex>: sorts by time, names the key, never collides in practice.
const ID_PATTERN = /^(\d{8}T\d{9}Z)-([A-Za-z0-9-]{1,100})-([0-9a-f]{4})$/;

export interface NewBackup {
  keyArn: string;
  region: string;
  caller: string;
  reason: ChangeReason;
  text: string;
  time?: Date;
}

export async function writeBackup(stateDir: string, backup: NewBackup): Promise<BackupEntry> {
  const dir = backupsDir(stateDir);
  await mkdir(dir, {recursive: true, mode: 0o700});
  await chmod(dir, 0o700);
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
  const file = await open(path, 'wx', 0o600);
  try {
    await file.writeFile(JSON.stringify({format: FORMAT, ...fields, policy: text}, null, 2) + '\n');
    await file.sync();
  } finally {
    await file.close();
  }
  return entry;
}

/** Backups of one key, newest first. */
export async function listBackups(stateDir: string, keyArn: string): Promise<BackupEntry[]> {
  const dir = backupsDir(stateDir);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const keyId = keyIdOf(keyArn);
  const ids = names
    .map(name => name.replace(/\.json$/, ''))
    .filter(id => ID_PATTERN.exec(id)?.[2] === keyId)
    .sort()
    .reverse();
  const entries = await Promise.all(ids.map(id => readBackup(stateDir, id)));
  return entries.filter(entry => entry.keyArn === keyArn);
}

export async function readBackup(stateDir: string, id: string): Promise<BackupEntry> {
  if (!ID_PATTERN.test(id)) throw new Error(`"${id}" is not a keypol backup id.`);
  const path = join(backupsDir(stateDir), `${id}.json`);
  const data: unknown = JSON.parse(await readFile(path, 'utf8'));
  const entry = toEntry(id, path, data);
  if (sha256Hex(entry.text) !== entry.sha256) {
    throw new Error(`Backup ${id} does not match its SHA-256: the file was changed after keypol wrote it.`);
  }
  return entry;
}

function toEntry(id: string, path: string, data: unknown): BackupEntry {
  const record = (data ?? {}) as Record<string, unknown>;
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
    reason: text('reason') as ChangeReason,
    text: text('policy'),
  };
}

/** The key id at the end of a key ARN (or the input itself when it is already an id). */
function keyIdOf(keyArn: string): string {
  return keyArn.slice(keyArn.lastIndexOf('/') + 1);
}
