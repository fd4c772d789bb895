// The console's default key policy, version by version (kms-facts §1–§2). Only actions whose verb is
// not covered by a wildcard ever had to be added: tags, deletion, on-demand rotation.
import type {ConsoleVersion, KeyInfo, KeyKind, PolicyDocument, PolicyStatement} from './types.js';
import {keyKindOf} from './keytype.js';
import {stringOrList} from './lists.js';
import {rootArn} from './principal.js';

export const ROOT_SID = 'Enable IAM User Permissions';
/** Docs from ~2021–2023 printed the root Sid this way; accept both when classifying. */
export const ROOT_SIDS = [ROOT_SID, 'Enable IAM policies'];
export const ADMIN_SID = 'Allow access for Key Administrators';
export const USE_SID = 'Allow use of the key';
export const GRANT_SID = 'Allow attachment of persistent resources';
export const CONSOLE_SIDS = [ADMIN_SID, USE_SID, GRANT_SID];

export const ADMIN_BASE = [
  'kms:Create*',
  'kms:Describe*',
  'kms:Enable*',
  'kms:List*',
  'kms:Put*',
  'kms:Update*',
  'kms:Revoke*',
  'kms:Disable*',
  'kms:Get*',
  'kms:Delete*',
];
export const TAG_ACTIONS = ['kms:TagResource', 'kms:UntagResource'];
export const DELETION_ACTIONS = ['kms:ScheduleKeyDeletion', 'kms:CancelKeyDeletion'];
export const ROTATE_ACTION = 'kms:RotateKeyOnDemand';
export const IMPORT_ACTION = 'kms:ImportKeyMaterial';
export const MULTI_REGION_ACTIONS = ['kms:ReplicateKey', 'kms:UpdatePrimaryRegion'];

export const CONSOLE_IDS: Record<ConsoleVersion, string> = {
  v1: 'key-consolepolicy-1',
  v2: 'key-consolepolicy-2',
  v3: 'key-consolepolicy-3',
  current: 'key-consolepolicy-3', // RotateKeyOnDemand was added in 2024 without a new Id
};

export const USER_ACTIONS: Record<KeyKind, string[]> = {
  symmetric: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
  'asymmetric-encrypt': [
    'kms:Encrypt',
    'kms:Decrypt',
    'kms:ReEncrypt*',
    'kms:DescribeKey',
    'kms:GetPublicKey',
  ],
  sign: ['kms:DescribeKey', 'kms:GetPublicKey', 'kms:Sign', 'kms:Verify'],
  hmac: ['kms:DescribeKey', 'kms:GenerateMac', 'kms:VerifyMac'],
  'key-agreement': ['kms:DescribeKey', 'kms:GetPublicKey', 'kms:DeriveSharedSecret'],
};
export const GRANT_ACTIONS = ['kms:CreateGrant', 'kms:ListGrants', 'kms:RevokeGrant'];
export const GRANT_CONDITION = {Bool: {'kms:GrantIsForAWSResource': 'true'}};
/**
 * The docs add the grant statement "for most key types" without naming the exceptions; it is seen for
 * symmetric and signing keys. keypol emits it for every kind but accepts its absence for these two.
 */
export const GRANT_STATEMENT_OPTIONAL: KeyKind[] = ['hmac', 'key-agreement'];

/** Admin actions special keys get on top of the version's set: imported material, multi-Region. */
export function keyAdminExtras(key: KeyInfo): string[] {
  return [
    ...(key.origin === 'EXTERNAL' ? [IMPORT_ACTION] : []),
    ...(key.multiRegion ? MULTI_REGION_ACTIONS : []),
  ];
}

/** The administrators' actions in console order. v1 predates key deletion, so it never has them. */
export function adminActions(version: ConsoleVersion, key: KeyInfo, allowDeletion = true): string[] {
  const deletion = allowDeletion && version !== 'v1' ? DELETION_ACTIONS : [];
  const tags = version === 'v3' || version === 'current' ? TAG_ACTIONS : [];
  const rotate = version === 'current' ? [ROTATE_ACTION] : [];
  return [...ADMIN_BASE, ...tags, ...deletion, ...rotate, ...keyAdminExtras(key)];
}

export function userActions(key: KeyInfo): string[] {
  return USER_ACTIONS[keyKindOf(key)];
}

function allow(sid: string, principals: string[], actions: string | string[]): PolicyStatement {
  return {
    Sid: sid,
    Effect: 'Allow',
    Principal: {AWS: stringOrList(principals)},
    Action: actions,
    Resource: '*',
  };
}

export function rootStatement(accountId: string, partition = 'aws'): PolicyStatement {
  return allow(ROOT_SID, [rootArn(accountId, partition)], 'kms:*');
}

export function adminStatement(principals: string[], actions: string[]): PolicyStatement {
  return allow(ADMIN_SID, principals, actions);
}

export function useStatement(principals: string[], key: KeyInfo): PolicyStatement {
  return allow(USE_SID, principals, [...userActions(key)]);
}

export function grantStatement(principals: string[]): PolicyStatement {
  return {...allow(GRANT_SID, principals, [...GRANT_ACTIONS]), Condition: structuredClone(GRANT_CONDITION)};
}

export interface ConsoleDefaultOptions {
  key: KeyInfo;
  version: ConsoleVersion;
  administrators: string[];
  users: string[];
  allowDeletion?: boolean;
}

/** What the console writes; with no administrators / users it leaves those statements out. */
export function consoleDefaultPolicy(opts: ConsoleDefaultOptions): PolicyDocument {
  const {key, version, administrators, users} = opts;
  const statements = [rootStatement(key.accountId)];
  if (administrators.length > 0) {
    statements.push(
      adminStatement([...administrators], adminActions(version, key, opts.allowDeletion ?? true)),
    );
  }
  if (users.length > 0) statements.push(useStatement([...users], key), grantStatement([...users]));
  return {Id: CONSOLE_IDS[version], Version: '2012-10-17', Statement: statements};
}

/** The policy KMS attaches when CreateKey gets no Policy (in aws-cn / aws-us-gov, with that partition). */
export function apiDefaultPolicy(accountId: string, partition = 'aws'): PolicyDocument {
  return {Version: '2012-10-17', Id: 'key-default-1', Statement: [rootStatement(accountId, partition)]};
}
