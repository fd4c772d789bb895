// One state file written atomically: a temporary file (0600, never through a link, named so that
// no listing takes it for a finished file), written and fsynced, renamed to its name, then the
// folder fsynced so the rename itself survives a crash. A full disk or a crash leaves the files as
// they were, never a torn one.
import {constants} from 'node:fs';
import {open, rename, unlink} from 'node:fs/promises';
import {join} from 'node:path';
import {randomBytes} from 'node:crypto';
import {noFollowError} from './private-dir.js';

const CREATE = constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY | constants.O_NOFOLLOW;

export interface WriteFaults {
  /** Test seam: write this many bytes, then fail as a full disk does (ENOSPC). */
  failWriteAfter?: number;
}

/** Writes `dir/id.json` atomically and returns its path. */
export async function writeJsonFileAtomically(
  dir: string,
  id: string,
  bytes: Buffer,
  faults: WriteFaults = {},
): Promise<string> {
  const path = join(dir, `${id}.json`);
  const temporary = join(dir, `.${id}.${randomBytes(4).toString('hex')}.tmp`);
  let file;
  try {
    file = await open(temporary, CREATE, 0o600);
  } catch (error) {
    throw noFollowError(temporary, error);
  }
  try {
    if (faults.failWriteAfter !== undefined) {
      await file.write(bytes.subarray(0, faults.failWriteAfter));
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), {code: 'ENOSPC'});
    }
    await file.writeFile(bytes);
    await file.sync();
    await file.close();
    file = undefined;
    await rename(temporary, path);
  } catch (error) {
    await file?.close().catch(() => undefined);
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
  await syncDir(dir);
  return path;
}

async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, constants.O_RDONLY | constants.O_DIRECTORY);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
