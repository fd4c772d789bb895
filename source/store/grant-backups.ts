// Saved grant definitions: before keypol revokes or retires a grant, the whole grant goes to a
// JSON file (0600, in a 0700 folder, written atomically) with the CreateGrant request that would
// make it again. A recreated grant gets a new grant id: KMS never reuses one.
import {constants} from 'node:fs';
import {readdir, readFile} from 'node:fs/promises';
import {join} from 'node:path';
import {randomBytes} from 'node:crypto';
import type {KeyGrant} from '../policy/grant-types.js';
import {writeJsonFileAtomically} from './atomic-write.js';
import {ensurePrivateDir} from './private-dir.js';

const FORMAT = 'keypol-grant/1';

export const grantBackupsDir = (stateDir: string): string => join(stateDir, 'grants');

export interface SavedGrant {
  format: typeof FORMAT;
  id: string;
  savedAt: string; // ISO-8601
  keyArn: string;
  region: string;
  caller: string;
  grant: KeyGrant;
  /** The CreateGrant request that makes an equivalent grant (with a new grant id). */
  createGrant: Record<string, unknown>;
  note: string;
}

/** CreateGrant's input for an equivalent grant: same grantee, operations, constraints, name. */
export function createGrantInput(grant: KeyGrant): Record<string, unknown> {
  const c = grant.constraints;
  return {
    KeyId: grant.keyArn,
    GranteePrincipal: grant.granteePrincipal,
    ...(grant.retiringPrincipal ? {RetiringPrincipal: grant.retiringPrincipal} : {}),
    Operations: grant.operations,
    ...(c
      ? {
          Constraints: {
            ...(c.encryptionContextSubset ? {EncryptionContextSubset: c.encryptionContextSubset} : {}),
            ...(c.encryptionContextEquals ? {EncryptionContextEquals: c.encryptionContextEquals} : {}),
          },
        }
      : {}),
    ...(grant.name ? {Name: grant.name} : {}),
  };
}

export async function saveGrant(
  stateDir: string,
  entry: {keyArn: string; region: string; caller: string; grant: KeyGrant},
): Promise<{id: string; path: string; savedAt: string}> {
  await ensurePrivateDir(stateDir, {followLink: true});
  const dir = grantBackupsDir(stateDir);
  await ensurePrivateDir(dir);
  const savedAt = new Date().toISOString();
  const id = `${savedAt.replace(/[-:.]/g, '')}-${entry.grant.grantId.slice(0, 16)}-${randomBytes(2).toString('hex')}`;
  const saved: SavedGrant = {
    format: FORMAT,
    id,
    savedAt,
    ...entry,
    createGrant: createGrantInput(entry.grant),
    note:
      'Saved before keypol revoked or retired this grant. `aws kms create-grant --cli-input-json` with ' +
      '.createGrant makes an equivalent grant; it gets a new grant id, and grant tokens of the old one stop working.',
  };
  const path = await writeJsonFileAtomically(dir, id, Buffer.from(JSON.stringify(saved, null, 2) + '\n'));
  return {id, path, savedAt};
}

/** Every saved grant of a key (all keys when not given), oldest first. */
export async function savedGrants(stateDir: string, keyArn?: string): Promise<SavedGrant[]> {
  let names: string[];
  try {
    names = (await readdir(grantBackupsDir(stateDir))).filter(n => n.endsWith('.json') && !n.startsWith('.'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const all: SavedGrant[] = [];
  for (const name of names.sort()) {
    try {
      const saved = JSON.parse(
        await readFile(join(grantBackupsDir(stateDir), name), {
          encoding: 'utf8',
          flag: constants.O_RDONLY | constants.O_NOFOLLOW,
        }),
      ) as SavedGrant;
      if (saved.format === FORMAT && (keyArn === undefined || saved.keyArn === keyArn)) all.push(saved);
    } catch {
      // a damaged file is skipped: the others still stand
    }
  }
  return all;
}
