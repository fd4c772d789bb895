// What the store keeps, as plain data. The UI and the gateway import these types; the
// store itself knows nothing about AWS beyond the strings it is given.

export type ChangeReason = 'upgrade' | 'access-edit' | 'raw-edit' | 'restore' | 'copy';

/** One saved policy: the exact text a key had just before keypol changed it. */
export interface BackupEntry {
  id: string;
  /** Absolute path of the backup file (plain JSON, readable without keypol). */
  path: string;
  keyArn: string;
  region: string;
  /** ARN of the principal that made the change. */
  caller: string;
  time: string; // ISO-8601
  /** SHA-256 (hex) of `text` as UTF-8. */
  sha256: string;
  reason: ChangeReason;
  text: string;
}

/** One line of the audit log: every write attempt that reached AWS, and how it ended. */
export interface AuditRecord {
  time: string; // ISO-8601
  caller: string;
  account: string;
  keyArn: string;
  region: string;
  reason: ChangeReason;
  /** 'ok', or the refusal that stopped the write. */
  result: string;
  message?: string;
  beforeSha256: string;
  afterSha256?: string;
  backupId?: string;
}

export interface Settings {
  region?: string;
  profile?: string;
  readOnly: boolean;
}
