// A key's history as the operator sees it: its backups, each marked with whether the change it
// was taken for took effect (the audit log knows), so a write AWS refused never reads as if it
// happened.
import {readAudit} from './audit.js';
import {listBackups} from './backups.js';
import type {AuditRecord, BackupListing} from './types.js';

export async function keyHistory(stateDir: string, keyArn: string): Promise<BackupListing> {
  const listing = await listBackups(stateDir, keyArn);
  const last = new Map<string, AuditRecord>();
  // An unreadable audit log (refused link, no permission) leaves every change "unknown", not an error.
  const records = await readAudit(stateDir).catch(() => []);
  for (const record of records) {
    if (record.backupId && record.keyArn === keyArn) last.set(record.backupId, record);
  }
  return {
    ...listing,
    backups: listing.backups.map(entry => {
      const record = last.get(entry.id);
      // No line at all: the audit log was moved away, or keypol stopped before its intent line.
      return {...entry, applied: record ? appliedOf(record) : null};
    }),
  };
}

function appliedOf(record: AuditRecord): boolean | null {
  if (record.applied !== undefined) return record.applied;
  // Lines from before outcome lines said so: 'ok' was a change, anything else was not.
  if (record.result === 'intent') return null;
  return record.result === 'ok' || record.result === 'unverified' ? true : false;
}
