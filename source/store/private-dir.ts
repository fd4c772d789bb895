// keypol's folders under the state dir hold backups (restored on request) and the audit log
// (read by auditors): another user who can write there could plant a policy for a later restore
// or rewrite history. So a folder keypol uses must be owned by this user and not writable by
// others; keypol tightens what it owns and refuses what it does not, and says which.
import {constants} from 'node:fs';
import {chmod, lstat, mkdir, stat} from 'node:fs/promises';

/** A state folder or file keypol must not use: the message says why and what to do. */
export class UnsafeStateError extends Error {
  override readonly name = 'UnsafeStateError';
}

const OTHERS_WRITE = constants.S_IWGRP | constants.S_IWOTH;
const STICKY = 0o1000;

/**
 * Creates `dir` (0700) or checks the one there. `followLink` is for the root the operator named
 * (KEYPOL_STATE_DIR may well be a link); folders keypol creates inside it must be real folders.
 * Returns notices for the operator (a folder whose permissions were tightened).
 */
export async function ensurePrivateDir(dir: string, options: {followLink?: boolean} = {}): Promise<string[]> {
  await mkdir(dir, {recursive: true, mode: 0o700});
  const info = options.followLink ? await stat(dir) : await lstat(dir);
  if (info.isSymbolicLink()) {
    throw new UnsafeStateError(
      `${dir} is a symbolic link: keypol does not follow links inside its state folder; remove the link.`,
    );
  }
  if (!info.isDirectory()) throw new UnsafeStateError(`${dir} is not a folder: move it away and retry.`);
  const uid = process.getuid?.();
  if (uid !== undefined && info.uid !== uid) {
    throw new UnsafeStateError(
      `${dir} belongs to user id ${info.uid}, not to you (${uid}): keypol keeps backups and its audit ` +
        'log only in a folder of your own; set KEYPOL_STATE_DIR to one.',
    );
  }
  if ((info.mode & OTHERS_WRITE) === 0) return [];
  const mode = info.mode & 0o7777;
  if (mode & STICKY) {
    // A shared folder like /tmp: tightening it would break everyone else's use of it.
    throw new UnsafeStateError(
      `${dir} is a shared folder (mode ${octal(mode)}, writable by everyone): keypol will not keep backups ` +
        'or its audit log there; set KEYPOL_STATE_DIR to a folder of your own.',
    );
  }
  const tightened = mode & ~OTHERS_WRITE;
  await chmod(dir, tightened);
  return [
    `${dir} was writable by other users (mode ${octal(mode)}); keypol changed it to ${octal(tightened)}.`,
  ];
}

/** Checks a file keypol opened (by descriptor, so no link can swap in between). */
export function checkOwnFile(path: string, info: {uid: number; isFile(): boolean}): void {
  if (!info.isFile()) throw new UnsafeStateError(`${path} is not a regular file: move it away and retry.`);
  const uid = process.getuid?.();
  if (uid !== undefined && info.uid !== uid) {
    throw new UnsafeStateError(`${path} belongs to user id ${info.uid}, not to you: move it away and retry.`);
  }
}

/** O_NOFOLLOW refusals (ELOOP) in words; other errors unchanged. */
export function noFollowError(path: string, error: unknown): unknown {
  if ((error as NodeJS.ErrnoException).code === 'ELOOP') {
    return new UnsafeStateError(
      `${path} is a symbolic link: keypol does not follow links in its state folder; remove the link.`,
    );
  }
  return error;
}

function octal(mode: number): string {
  return '0' + mode.toString(8).padStart(3, '0');
}
