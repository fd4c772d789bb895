// The audit log: one JSON object per line, appended, 0600. Every write that reached AWS leaves
// a line, whether it succeeded or was refused, so "who changed this key and when" has an answer.
import {appendFile, chmod, mkdir, readFile} from 'node:fs/promises';
import {dirname} from 'node:path';
import {auditLogPath} from './paths.js';
import type {AuditRecord} from './types.js';

export async function appendAudit(stateDir: string, record: AuditRecord): Promise<void> {
  const path = auditLogPath(stateDir);
  await mkdir(dirname(path), {recursive: true, mode: 0o700});
  await appendFile(path, JSON.stringify(record) + '\n', {mode: 0o600});
  await chmod(path, 0o600);
}

export async function readAudit(stateDir: string): Promise<AuditRecord[]> {
  let text: string;
  try {
    text = await readFile(auditLogPath(stateDir), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return text
    .split('\n')
    .filter(line => line.trim() !== '')
    .map(line => JSON.parse(line) as AuditRecord);
}
