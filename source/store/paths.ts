// Where keypol keeps local state. Backups and the audit log go under the XDG state dir
// (they are history, not configuration); settings under the XDG config dir.
// KEYPOL_STATE_DIR / KEYPOL_CONFIG_DIR override both (tests, or an auditor's shared folder).
import {homedir} from 'node:os';
import {join} from 'node:path';

type Env = Record<string, string | undefined>;

export function stateDir(env: Env = process.env): string {
  if (env.KEYPOL_STATE_DIR) return env.KEYPOL_STATE_DIR;
  return join(env.XDG_STATE_HOME || join(homedir(), '.local', 'state'), 'keypol');
}

export function configDir(env: Env = process.env): string {
  if (env.KEYPOL_CONFIG_DIR) return env.KEYPOL_CONFIG_DIR;
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'keypol');
}

export function backupsDir(state: string): string {
  return join(state, 'backups');
}

export function auditLogPath(state: string): string {
  return join(state, 'audit.jsonl');
}
