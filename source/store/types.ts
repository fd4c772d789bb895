// What the store keeps, as plain data. The UI and the gateway import these types; the
// store itself knows nothing about AWS beyond the strings it is given.

export type ChangeReason = 'upgrade' | 'access-edit' | 'deletion' | 'raw-edit' | 'restore' | 'copy';
/** 'conflict': the policy keypol wrote that another writer replaced right after (kept, not lost). */
export type BackupReason = ChangeReason | 'conflict';

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
  reason: BackupReason;
  text: string;
  /**
   * Whether the change this backup was taken for took effect, from the audit log (keyHistory):
   * false when AWS refused it or another writer came first, null when unknown.
   */
  applied?: boolean | null;
}

/** A file named like a backup of the key that cannot be read as one: listed, then skipped. */
export interface DamagedBackup {
  id: string;
  path: string;
  problem: string;
}

export interface BackupListing {
  /** Newest first. */
  backups: BackupEntry[];
  damaged: DamagedBackup[];
}

/**
 * One line of the audit log: every mutation that reached AWS, and how it ended. A call is logged
 * twice under one `attempt` id: `result: 'intent'` before it, its outcome after it.
 */
export interface AuditRecord {
  time: string; // ISO-8601
  caller: string;
  account: string;
  keyArn: string;
  region: string;
  /** Why the change was made: a ChangeReason for policies, the operation's own word otherwise. */
  reason: string;
  /** The API call, e.g. "kms:PutKeyPolicy" (lines written before attempts existed have none). */
  operation?: string;
  attempt?: string;
  /** 'intent', 'ok', or what stopped or confused the call ('conflict', 'api', 'unverified', ...). */
  result: string;
  /** On outcome lines: whether the change took effect (null: keypol could not tell). */
  applied?: boolean | null;
  message?: string;
  beforeSha256?: string;
  afterSha256?: string;
  /** What KMS held when a conflict was found, when it is neither before nor after. */
  liveSha256?: string;
  backupId?: string;
  /** Anything else the operation needs to record (e.g. a grant id). */
  detail?: Record<string, string>;
}

export interface Settings {
  region?: string;
  profile?: string;
  readOnly: boolean;
  /** Seconds to wait for a connection and for each answer (below --timeout and KEYPOL_TIMEOUT). */
  timeout?: number;
}
