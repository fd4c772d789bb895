// The seed's key policies, stored as KMS would return them (Jackson pretty print). Console-shaped
// policies come from source/policy's template (one truth); the ones the console builder cannot
// express — v1's historic action order, a hand-edited v2, a custom cross-account policy and AWS
// managed policies — are written out here as they appear in kms-facts §2.3 and §3.2.
import {apiDefaultPolicy, consoleDefaultPolicy} from '../../policy/index.js';
import type {ConsoleVersion, KeyInfo, PolicyDocument, PolicyStatement} from '../../policy/types.js';
import {EXTERNAL_ACCOUNT, SANDBOX_ACCOUNT} from '../identity.js';
import {jacksonPolicy} from '../jackson.js';

const iam = (resource: string, account = SANDBOX_ACCOUNT): string => `arn:aws:iam::${account}:${resource}`;

export const PRINCIPALS = {
  keyAdmin: iam('role/KeyAdmin'),
  alice: iam('user/alice'),
  appServer: iam('role/AppServer'),
  batch: iam('role/Batch'),
  external: iam('root', EXTERNAL_ACCOUNT),
  /** The unique id a policy keeps after the role it named was deleted (AROA… = role). */
  deletedRole: 'AROA5EXAMPLEDELETED7Q',
};

export const ADMINS = [PRINCIPALS.keyAdmin, PRINCIPALS.alice];
export const USERS = [PRINCIPALS.appServer, PRINCIPALS.batch];

export function keyInfo(keySpec: string, keyUsage: string, multiRegion = false): KeyInfo {
  return {
    accountId: SANDBOX_ACCOUNT,
    keySpec,
    keyUsage,
    origin: 'AWS_KMS',
    multiRegion,
    keyManager: 'CUSTOMER',
  };
}

export interface ConsoleChoice {
  version: ConsoleVersion;
  key: KeyInfo;
  administrators?: string[];
  users?: string[];
  allowDeletion?: boolean;
}

export function consoleDocument(choice: ConsoleChoice): PolicyDocument {
  return consoleDefaultPolicy({
    key: choice.key,
    version: choice.version,
    administrators: choice.administrators ?? ADMINS,
    users: choice.users ?? USERS,
    ...(choice.allowDeletion === undefined ? {} : {allowDeletion: choice.allowDeletion}),
  });
}

export const consolePolicy = (choice: ConsoleChoice): string => jacksonPolicy(consoleDocument(choice));

const principal = (arns: string[]): {AWS: string | string[]} => ({AWS: arns.length === 1 ? arns[0]! : arns});

/** v1 (2014–2015) in the action order the console used then (lyft/confidant's copy). */
export function v1Policy(administrators: string[] = [PRINCIPALS.keyAdmin], users: string[] = USERS): string {
  const v1Admin = [
    'Describe*',
    'List*',
    'Create*',
    'Revoke*',
    'Enable*',
    'Get*',
    'Disable*',
    'Delete*',
    'Put*',
    'Update*',
  ];
  return jacksonPolicy({
    Version: '2012-10-17',
    Id: 'key-consolepolicy-1',
    Statement: [
      rootStatement(),
      {
        Sid: 'Allow access for Key Administrators',
        Effect: 'Allow',
        Principal: principal(administrators),
        Action: v1Admin.map(a => `kms:${a}`),
        Resource: '*',
      },
      {
        Sid: 'Allow use of the key',
        Effect: 'Allow',
        Principal: principal(users),
        Action: ['kms:Decrypt', 'kms:GenerateDataKey*', 'kms:ReEncrypt*', 'kms:DescribeKey', 'kms:Encrypt'],
        Resource: '*',
      },
      {
        Sid: 'Allow attachment of persistent resources',
        Effect: 'Allow',
        Principal: principal(users),
        Action: ['kms:ListGrants', 'kms:CreateGrant', 'kms:RevokeGrant'],
        Resource: '*',
        Condition: {Bool: {'kms:GrantIsForAWSResource': 'true'}},
      },
    ],
  });
}

function rootStatement(): PolicyStatement {
  return {
    Sid: 'Enable IAM User Permissions',
    Effect: 'Allow',
    Principal: {AWS: iam('root')},
    Action: 'kms:*',
    Resource: '*',
  };
}

/** A console v2 policy someone extended by hand: the console would no longer offer its upgrade. */
export function modifiedV2Policy(key: KeyInfo): string {
  const document = consoleDocument({version: 'v2', key});
  document.Statement.push({
    Sid: 'Allow CloudTrail to describe the key',
    Effect: 'Allow',
    Principal: {Service: 'cloudtrail.amazonaws.com'},
    Action: 'kms:DescribeKey',
    Resource: '*',
  });
  return jacksonPolicy(document);
}

export const apiDefault = (): string => jacksonPolicy(apiDefaultPolicy(SANDBOX_ACCOUNT));

/** A hand-written policy that lets another account use the key (no console Sids, no Id). */
export function crossAccountPolicy(): string {
  return jacksonPolicy({
    Version: '2012-10-17',
    Id: 'cross-account-sharing',
    Statement: [
      rootStatement(),
      {
        Sid: `Allow account ${EXTERNAL_ACCOUNT} to use the key`,
        Effect: 'Allow',
        Principal: {AWS: iam('root', EXTERNAL_ACCOUNT)},
        Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
        Resource: '*',
      },
      {
        Sid: `Allow account ${EXTERNAL_ACCOUNT} to create grants for AWS resources`,
        Effect: 'Allow',
        Principal: {AWS: iam('root', EXTERNAL_ACCOUNT)},
        Action: ['kms:CreateGrant', 'kms:ListGrants', 'kms:RevokeGrant'],
        Resource: '*',
        Condition: {Bool: {'kms:GrantIsForAWSResource': true}},
      },
    ],
  });
}

const SERVICE_NAMES: {[service: string]: string} = {s3: 'S3', ebs: 'EBS'};

/** An AWS managed key's policy (`auto-<service>-<n>`), fenced by kms:CallerAccount and kms:ViaService. */
export function awsManagedPolicy(service: 's3' | 'ebs', region: string): string {
  const name = SERVICE_NAMES[service] ?? service;
  const ebs = service === 'ebs';
  return jacksonPolicy({
    Version: '2012-10-17',
    Id: ebs ? 'auto-ebs-2' : 'auto-s3-2',
    Statement: [
      {
        Sid: `Allow access through ${name} for all principals in the account that are authorized to use ${name}`,
        Effect: 'Allow',
        Principal: {AWS: '*'},
        Action: [
          'kms:Encrypt',
          'kms:Decrypt',
          'kms:ReEncrypt*',
          'kms:GenerateDataKey*',
          ...(ebs ? ['kms:CreateGrant'] : []),
          'kms:DescribeKey',
        ],
        Resource: '*',
        Condition: {
          StringEquals: {
            'kms:CallerAccount': SANDBOX_ACCOUNT,
            'kms:ViaService': `${ebs ? 'ec2' : 's3'}.${region}.amazonaws.com`,
          },
        },
      },
      {
        Sid: 'Allow direct access to key metadata to the account',
        Effect: 'Allow',
        Principal: {AWS: iam('root')},
        Action: ['kms:Describe*', 'kms:Get*', 'kms:List*', ...(ebs ? ['kms:RevokeGrant'] : [])],
        Resource: '*',
      },
    ],
  });
}
