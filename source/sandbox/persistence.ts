// `--state FILE`: the whole state as one JSON file, replaced atomically (temp file + rename) after
// every change, so a crash mid-write never leaves a half-written file behind.
import {existsSync, mkdirSync, readFileSync, renameSync, writeFileSync} from 'node:fs';
import {dirname} from 'node:path';
import {seedDemoPrincipals} from './iam/seed.js';
import {SandboxState, type StateFile} from './state.js';

export function loadState(file: string): SandboxState | undefined {
  if (!existsSync(file)) return undefined;
  const contents = JSON.parse(readFileSync(file, 'utf8')) as StateFile;
  const state = SandboxState.fromFile(contents);
  // A file from before the sandbox spoke IAM: give its account the demo principals (and every
  // role or user its policies name), so its keys stay writable under the existence check.
  if (contents.iam === undefined) seedDemoPrincipals(state);
  return state;
}

export function saveState(file: string, state: SandboxState): void {
  // 0700 like keypol's own state: the file holds policies, which are nobody else's business.
  mkdirSync(dirname(file), {recursive: true, mode: 0o700});
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(state.toFile()), {mode: 0o600});
  renameSync(temp, file);
}
