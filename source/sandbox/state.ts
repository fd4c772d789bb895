// The sandbox's data: per Region, the keys and aliases of one account. Plain records, so the whole
// state serialises to JSON for `--state FILE`.
import {KmsError, notFound} from './errors.js';
import {IamIndex, type IamDirectory} from './iam/directory.js';
import {templatePolicy} from './seed/templates.js';

export interface Tag {
  TagKey: string;
  TagValue: string;
}

export interface Grant {
  GrantId: string;
  Name?: string;
  CreationDate: number;
  GranteePrincipal: string;
  RetiringPrincipal?: string;
  IssuingAccount: string;
  Operations: string[];
  Constraints?: {[key: string]: {[key: string]: string}};
}

/** Grants the seed makes in bulk: a count, built on first read (see grant-store.ts), so a key with
 * tens of thousands of grants costs a few bytes in the state file. */
export interface GeneratedGrants {
  count: number;
  /** Makes the grant ids of one key differ from another's. */
  seed: string;
  /** When the first grant was made; the rest follow a few minutes apart. */
  from: number;
  /** Indexes of generated grants that were revoked or retired since. */
  removed: number[];
}

export interface Rotation {
  RotationDate: number;
  RotationType: 'AUTOMATIC' | 'ON_DEMAND';
}

export interface MultiRegionConfiguration {
  MultiRegionKeyType: 'PRIMARY' | 'REPLICA';
  PrimaryKey: {Arn: string; Region: string};
  ReplicaKeys: {Arn: string; Region: string}[];
}

export interface KeyRecord {
  keyId: string;
  creationDate: number; // epoch seconds
  description: string;
  keyUsage: string;
  keySpec: string;
  origin: string;
  keyManager: 'AWS' | 'CUSTOMER';
  keyState: string; // Enabled | Disabled | PendingDeletion | PendingImport
  deletionDate?: number;
  multiRegionConfiguration?: MultiRegionConfiguration;
  rotationEnabled: boolean;
  /** Days between automatic rotations (EnableKeyRotation's RotationPeriodInDays; default 365). */
  rotationPeriodDays?: number;
  /** When automatic rotation was last turned on: the next rotation counts from here. */
  rotationEnabledAt?: number;
  /** Past rotations, oldest first (ListKeyRotations). */
  rotations?: Rotation[];
  tags: Tag[];
  grants: Grant[];
  generatedGrants?: GeneratedGrants;
  /** The policy as GetKeyPolicy returns it, or a shared template built on first read (generated keys). */
  policy: string | {template: string};
}

export interface AliasRecord {
  aliasName: string;
  targetKeyId?: string;
  creationDate: number;
  lastUpdatedDate: number;
}

export interface RegionState {
  keys: Map<string, KeyRecord>;
  aliases: Map<string, AliasRecord>;
}

export interface StateFile {
  format: 'keypol-sandbox-state';
  version: 1;
  accountId: string;
  regions: {[region: string]: {keys: KeyRecord[]; aliases: AliasRecord[]}};
  /** When the first change since the demo was seeded was made (ISO); absent while it is fresh. */
  changedAt?: string;
  /** Absent in files written before the sandbox spoke IAM: those get the demo principals. */
  iam?: IamDirectory;
}

export class SandboxState {
  readonly regions = new Map<string, RegionState>();
  /** The first change since seeding (see StateFile.changedAt). */
  changedAt: string | undefined;
  /** The account's IAM roles and users (global, like IAM itself). */
  readonly principals: IamIndex;

  constructor(
    readonly accountId: string,
    iam: IamDirectory = {roles: [], users: []},
  ) {
    this.principals = new IamIndex(iam);
  }

  /** A Region's state; Regions nobody seeded start empty, as a fresh account's do. */
  region(name: string): RegionState {
    let state = this.regions.get(name);
    if (!state) {
      state = {keys: new Map(), aliases: new Map()};
      this.regions.set(name, state);
    }
    return state;
  }

  toFile(): StateFile {
    const regions: StateFile['regions'] = {};
    for (const [name, {keys, aliases}] of this.regions) {
      regions[name] = {keys: [...keys.values()], aliases: [...aliases.values()]};
    }
    return {
      format: 'keypol-sandbox-state',
      version: 1,
      accountId: this.accountId,
      regions,
      ...(this.changedAt ? {changedAt: this.changedAt} : {}),
      iam: this.principals.directory,
    };
  }

  static fromFile(file: StateFile): SandboxState {
    if (file.format !== 'keypol-sandbox-state' || file.version !== 1) {
      throw new Error('not a keypol sandbox state file (format/version mismatch)');
    }
    const state = new SandboxState(file.accountId, file.iam);
    if (typeof file.changedAt === 'string') state.changedAt = file.changedAt;
    for (const [name, {keys, aliases}] of Object.entries(file.regions)) {
      const region = state.region(name);
      for (const key of keys) region.keys.set(key.keyId, key);
      for (const alias of aliases) region.aliases.set(alias.aliasName, alias);
    }
    return state;
  }
}

export const keyArn = (region: string, account: string, keyId: string): string =>
  `arn:aws:kms:${region}:${account}:key/${keyId}`;

export const aliasArn = (region: string, account: string, aliasName: string): string =>
  `arn:aws:kms:${region}:${account}:${aliasName}`;

export function policyText(key: KeyRecord): string {
  return typeof key.policy === 'string' ? key.policy : templatePolicy(key.policy.template);
}

const ARN = /^arn:aws[a-z-]*:kms:([a-z0-9-]+):(\d{12}):(key\/.+|alias\/.+)$/;

/**
 * Finds the key a request names. Key id and key ARN always work; alias names and alias ARNs only
 * where KMS accepts them (DescribeKey and friends), elsewhere KMS answers "Invalid keyId".
 */
export function findKey(
  state: SandboxState,
  regionName: string,
  keyId: string,
  options: {allowAlias: boolean},
): KeyRecord {
  const region = state.region(regionName);
  let id = keyId;
  if (keyId.startsWith('arn:')) {
    const match = ARN.exec(keyId);
    if (!match) throw new KmsError('InvalidArnException', `Invalid arn ${keyId}`);
    const [, arnRegion, account, resource = ''] = match;
    if (arnRegion !== regionName || account !== state.accountId) {
      throw notFound(
        resource.startsWith('alias/') ? `Alias ${keyId} is not found.` : `Key '${keyId}' does not exist`,
      );
    }
    id = resource.startsWith('key/') ? resource.slice(4) : resource;
  }
  if (id.startsWith('alias/')) {
    if (!options.allowAlias) throw notFound(`Invalid keyId ${keyId}`);
    const target = region.aliases.get(id)?.targetKeyId;
    const key = target === undefined ? undefined : region.keys.get(target);
    if (!key) throw notFound(`Alias ${aliasArn(regionName, state.accountId, id)} is not found.`);
    return key;
  }
  const key = region.keys.get(id);
  if (!key) throw notFound(`Key '${keyArn(regionName, state.accountId, id)}' does not exist`);
  return key;
}
