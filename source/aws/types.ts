// The gateway's contract: what the commands and the UI may ask of KMS. The UI imports only
// these types (never the SDK); it receives a KmsGateway through a React context.
import type {GrantConstraints, KeyGrant} from '../policy/grant-types.js';
import type {Finding, KeyInfo, PolicyDiff} from '../policy/types.js';
import type {IamPrincipal} from '../policy/index.js';
import type {BackupEntry, BackupListing, ChangeReason, DamagedBackup} from '../store/types.js';

export type {
  BackupEntry,
  BackupListing,
  ChangeReason,
  DamagedBackup,
  GrantConstraints,
  IamPrincipal,
  KeyGrant,
};

/** One principal checked against IAM. */
export type PrincipalLookup =
  | {state: 'live'; principal: IamPrincipal}
  /** IAM has no such role or user (`suggestion`: the same name under another path). */
  | {state: 'missing'; suggestion?: string}
  /** IAM could not be asked (denied, unreachable): nothing is known. */
  | {state: 'unverifiable'; reason: string};

/** The account's IAM roles and users, read once per run. */
export interface PrincipalDirectory {
  /** ListRoles + ListUsers, every page; kept for the run, asked again with `refresh`. Rejects with an AwsError. */
  list(options?: {refresh?: boolean}): Promise<IamPrincipal[]>;
  /** The listing if it has arrived, without asking. */
  cached(): IamPrincipal[] | undefined;
  /** When the listing that `cached()` returns arrived (ISO 8601), if it has. */
  loadedAt(): string | undefined;
  /** An ARN of this account (from the listing, else GetRole/GetUser) or an AROA…/AIDA… unique id. */
  lookup(arnOrUniqueId: string): Promise<PrincipalLookup>;
}

export interface ConnectionInfo {
  region: string;
  profile?: string;
  endpoint?: string;
  sandbox: boolean;
  /** The sandbox's state was changed since the demo was seeded, at this time (ISO): not fresh. */
  sandboxChangedAt?: string;
  readOnly: boolean;
  /** Where read-only came from, for every refusal: "--read-only", "KEYPOL_READ_ONLY=1", "settings …". */
  readOnlySource?: string;
}

export interface Identity {
  account: string;
  arn: string;
  userId?: string;
}

/** A row of the key list as ListKeys + ListAliases give it, before DescribeKey. */
export interface KeySummary {
  keyId: string;
  arn: string;
  aliases: string[];
}

/** DescribeKey's metadata, flattened. Strings are as KMS sent them (sanitise before display). */
export interface KeyDetails extends KeySummary {
  accountId: string;
  state: string;
  enabled: boolean;
  keySpec: string;
  keyUsage: string;
  keyManager: 'AWS' | 'CUSTOMER';
  origin: string;
  description: string;
  multiRegion: boolean;
  creationDate?: string; // ISO-8601
  deletionDate?: string; // ISO-8601
  /** Multi-Region keys: which one this is, the primary and its replicas. */
  multiRegionConfig?: MultiRegionConfig;
}

export interface RegionalKey {
  arn: string;
  region: string;
}

export interface MultiRegionConfig {
  type: 'PRIMARY' | 'REPLICA';
  primary?: RegionalKey;
  replicas: RegionalKey[];
}

/** GetKeyRotationStatus. */
export interface RotationStatus {
  enabled: boolean;
  periodDays?: number;
  nextRotationDate?: string; // ISO-8601
  /** An on-demand rotation in progress since then. */
  onDemandStartDate?: string; // ISO-8601
}

/** One entry of ListKeyRotations. */
export interface KeyRotation {
  date: string; // ISO-8601
  type: 'AUTOMATIC' | 'ON_DEMAND';
}

export interface KeyTag {
  key: string;
  value: string;
}

export interface ListGrantsOptions {
  signal?: AbortSignal;
  /** Each page as it arrives, with every grant so far: the Grants tab shows the first rows at once. */
  onPage?: (grantsSoFar: readonly KeyGrant[], done: boolean) => void;
}

export interface PolicySnapshot {
  keyId: string;
  arn: string;
  /** The exact text GetKeyPolicy returned. */
  text: string;
  sha256: string;
  fetchedAt: string; // ISO-8601
}

export interface WriteRequest {
  key: KeyDetails;
  /** The live policy the operator reviewed: the conflict check compares against it. */
  before: PolicySnapshot;
  afterText: string;
  reason: ChangeReason;
  /** Only after the operator typed an explicit override for a lockout finding. */
  bypassLockout?: boolean;
}

/**
 * 'busy': another keypol holds the key's lock; 'backup' / 'audit': the backup or the audit intent
 * line could not be written, so nothing was put; 'conflict': another writer changed the policy,
 * before keypol's put (nothing written) or right after it (see `applied`).
 */
export type WriteRefusal =
  | 'read-only'
  | 'aws-managed'
  | 'invalid'
  | 'lockout'
  | 'conflict'
  | 'busy'
  | 'backup'
  | 'audit'
  | 'api'
  | 'unverified';

export type WriteOutcome =
  | {
      ok: true;
      backupId: string;
      backupPath: string;
      after: PolicySnapshot;
      diff: PolicyDiff;
      /** Problems after a successful put that the operator should hear about (audit log not written). */
      warnings?: string[];
      /** Present (false) when an audit line could not be appended. */
      auditLogged?: false;
    }
  | {
      ok: false;
      refusal: WriteRefusal;
      /** One sentence: the cause and the next step. */
      message: string;
      findings?: Finding[];
      /** On conflict: the policy as it is now, for a fresh review. */
      live?: PolicySnapshot;
      /** Whether keypol's put took effect (absent: no put was made; null: unknown). */
      applied?: boolean | null;
      /** Backups that keep the versions involved (the previous policy; keypol's, when overwritten). */
      backupPaths?: string[];
      warnings?: string[];
      auditLogged?: false;
    };

/** A key list before ListAliases has answered every page: rows to show while aliases fill in. */
export interface ListKeysProgress {
  /** Every key, with the aliases known so far; unchanged summaries keep their identity between calls. */
  keys: readonly KeySummary[];
  /** Aliases received so far (the total is unknown until the last page). */
  aliasesLoaded: number;
}

export interface ListKeysOptions {
  signal?: AbortSignal;
  /** Early rows: once ListKeys is done while ListAliases still pages, then after each alias page. */
  onPartial?: (progress: ListKeysProgress) => void;
}

export interface KmsGateway {
  readonly info: ConnectionInfo;
  identity(): Promise<Identity>;
  /** ListKeys + ListAliases, all pages, joined on key id. */
  listKeys(options?: ListKeysOptions): Promise<KeySummary[]>;
  /** DescribeKey by key id, key ARN, alias name or alias ARN. */
  describeKey(ref: string): Promise<KeyDetails>;
  /**
   * DescribeKey for many keys with bounded concurrency; `onKey` fires as each arrives.
   * Ids earlier in the list are fetched first (the UI passes visible rows first).
   */
  describeKeys(
    keyIds: string[],
    onKey: (details: KeyDetails) => void,
    options?: {
      signal?: AbortSignal;
      /** Per-key failures go here and the rest continue; without it the first failure rejects. */
      onError?: (keyId: string, error: Error) => void;
    },
  ): Promise<void>;
  getPolicy(keyId: string, options?: {signal?: AbortSignal}): Promise<PolicySnapshot>;
  /** The one guarded write path: every PutKeyPolicy in keypol goes through here. */
  writePolicy(request: WriteRequest): Promise<WriteOutcome>;
  /** The key's local backups (newest first), each marked applied or not, and any damaged files. */
  history(keyArn: string): Promise<BackupListing>;
  /** ListGrants, every page (the key ARN, so keys in other accounts work too). */
  listGrants(keyArn: string, options?: ListGrantsOptions): Promise<KeyGrant[]>;
  /** GetKeyRotationStatus; undefined for keys that cannot rotate (asymmetric, HMAC, imported material). */
  rotationStatus(keyArn: string, options?: {signal?: AbortSignal}): Promise<RotationStatus | undefined>;
  /** ListKeyRotations, every page, oldest first; empty for keys that cannot rotate. */
  listKeyRotations(keyArn: string, options?: {signal?: AbortSignal}): Promise<KeyRotation[]>;
  /** ListResourceTags, every page. */
  listTags(keyArn: string, options?: {signal?: AbortSignal}): Promise<KeyTag[]>;
  /**
   * The one guarded path for removing a grant: every RevokeGrant and RetireGrant in keypol goes
   * through here (RetireGrant when the caller is the grant's retiring principal).
   */
  revokeGrant(request: {key: KeyDetails; grant: KeyGrant}): Promise<KeyActionOutcome>;
  /** CancelKeyDeletion, guarded the same way; the key comes back Disabled. */
  cancelKeyDeletion(key: KeyDetails): Promise<KeyActionOutcome>;
  /** EnableKeyRotation (with a period in days) or DisableKeyRotation, guarded the same way. */
  setKeyRotation(key: KeyDetails, enabled: boolean, periodDays?: number): Promise<KeyActionOutcome>;
  /** The account's IAM principals (loaded on first use, never by the key list). */
  readonly principals: PrincipalDirectory;
  /** Aborts every request in flight or queued (they reject promptly) and frees the connections. */
  close(): void;
}

export function keyInfoOf(key: KeyDetails): KeyInfo {
  return {
    accountId: key.accountId,
    keySpec: key.keySpec,
    keyUsage: key.keyUsage,
    origin: key.origin,
    multiRegion: key.multiRegion,
    keyManager: key.keyManager,
    arn: key.arn,
  };
}

/** How a guarded key action ended (revoke a grant, cancel deletion, rotation). */
export type KeyActionOutcome =
  | {
      ok: true;
      /** The API call made, e.g. "kms:RetireGrant". */
      operation: string;
      /** One sentence for the operator: what was done and how it was verified. */
      message: string;
      /** Revoking a grant: where its definition was saved first. */
      savedPath?: string;
      warnings: string[];
    }
  | {
      ok: false;
      refusal: 'read-only' | 'aws-managed' | 'busy' | 'backup' | 'audit' | 'api' | 'unverified';
      message: string;
      /** Whether the change took effect anyway (null: unknown). */
      applied: boolean | null;
      warnings: string[];
    };
