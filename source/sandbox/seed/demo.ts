// The demo account: deterministic keys (fixed ids and dates) that exercise everything keypol does,
// each with a telling alias. Other tests rely on these alias names.
import {EXTERNAL_ACCOUNT, SANDBOX_ACCOUNT} from '../identity.js';
import {pastRotations} from '../operations/rotation.js';
import {keyArn, type Grant, type KeyRecord, type SandboxState, type Tag} from '../state.js';
import {EBS_GRANTS, REVIEW_GRANTS} from './grants.js';
import {
  apiDefault,
  awsManagedPolicy,
  consolePolicy,
  crossAccountPolicy,
  keyInfo,
  modifiedV2Policy,
  v1Policy,
} from './policies.js';
import {deletedPrincipalAdmins, HOSTILE_DESCRIPTION, HOSTILE_TAGS, nearSizeLimitPolicy} from './special.js';

interface DemoKey {
  alias: string;
  /** Further aliases of the same key (a key may have many: the detail header must still fit). */
  moreAliases?: string[];
  keyId: string;
  created: string; // ISO-8601
  description: string;
  spec?: string;
  usage?: string;
  state?: 'Enabled' | 'Disabled' | 'PendingDeletion';
  awsManaged?: boolean;
  rotation?: boolean;
  tags?: Tag[];
  grants?: Grant[];
  /** EBS-style grants made in bulk (see grant-store.ts). */
  bulkGrants?: number;
  multiRegion?: 'PRIMARY' | 'REPLICA';
  policy: (region: string) => string;
}

const MRK = 'mrk-1b0d8d94da7b296809d83e163777b7c6';
const SYMMETRIC = keyInfo('SYMMETRIC_DEFAULT', 'ENCRYPT_DECRYPT');
const epoch = (iso: string): number => Date.parse(iso) / 1000;
const byConsole =
  (version: 'v2' | 'v3' | 'current', extra: {allowDeletion?: boolean; administrators?: string[]} = {}) =>
  (): string =>
    consolePolicy({version, key: SYMMETRIC, ...extra});
const team = (value: string): Tag[] => [{TagKey: 'team', TagValue: value}];

const US_EAST_1: DemoKey[] = [
  {
    alias: 'alias/console-v1',
    keyId: 'a141ef36-e38b-4e56-94d9-1dc472659b2e',
    created: '2015-04-14T09:12:33.417Z',
    description: 'Legacy billing exports (console, 2015)',
    policy: () => v1Policy(),
  },
  {
    alias: 'alias/console-v2',
    keyId: '2ef1196b-dad5-4ce9-ae03-c80183dab674',
    created: '2016-08-02T14:55:10.102Z',
    description: 'Customer documents (console, 2016)',
    tags: team('documents'),
    policy: byConsole('v2'),
  },
  {
    alias: 'alias/console-v3',
    keyId: 'bf9b2d11-701b-4c73-88e2-2b38faa1cc34',
    created: '2019-03-07T11:20:45.880Z',
    description: 'Order database (console, 2019)',
    rotation: true,
    tags: team('orders'),
    policy: byConsole('v3'),
  },
  {
    alias: 'alias/console-current',
    keyId: '0673623f-7e44-4dd6-95d8-0e27aebd1839',
    created: '2025-02-11T08:03:17.254Z',
    description: 'Application secrets (console, 2025)',
    rotation: true,
    tags: team('platform'),
    grants: [
      {
        GrantId: 'c53047370f04a6cbdd4bf82056fd68b002b3657bd4b7d54e5e5f80e3b7ec186d',
        Name: 'batch-decrypt',
        CreationDate: epoch('2025-03-01T10:00:00.000Z'),
        GranteePrincipal: `arn:aws:iam::${SANDBOX_ACCOUNT}:role/Batch`,
        IssuingAccount: `arn:aws:iam::${SANDBOX_ACCOUNT}:root`,
        Operations: ['Decrypt', 'GenerateDataKey'],
      },
    ],
    policy: byConsole('current'),
  },
  {
    alias: 'alias/current-no-delete',
    keyId: 'bc158ee4-2560-4971-8c5d-1fb557c14771',
    created: '2025-03-04T16:41:02.930Z',
    description: 'Audit trail (administrators may not delete)',
    rotation: true,
    policy: byConsole('current', {allowDeletion: false}),
  },
  {
    alias: 'alias/modified-v2',
    keyId: '8da9ec86-5d9e-4761-bd1a-afc69ae29894',
    created: '2016-11-21T10:07:59.611Z',
    description: 'Log archive (console v2, edited by hand)',
    policy: () => modifiedV2Policy(SYMMETRIC),
  },
  {
    alias: 'alias/api-default',
    keyId: '07031940-f92d-48e2-920e-b60a43e63d37',
    created: '2018-10-09T13:30:00.005Z',
    description: 'Created by a deployment script (no policy given)',
    policy: () => apiDefault(),
  },
  {
    alias: 'alias/cross-account',
    keyId: '91c1b180-4244-4143-ac86-7a2eb49a7115',
    created: '2020-01-28T19:45:12.777Z',
    description: `Shared with account ${EXTERNAL_ACCOUNT}`,
    policy: () => crossAccountPolicy(),
  },
  {
    alias: 'alias/aws/s3',
    keyId: '46ec2a39-24d3-4cd6-b0e5-b85bf4e0587c',
    created: '2017-03-01T07:00:41.310Z',
    description: 'Default key that protects my S3 objects when no other key is defined',
    awsManaged: true,
    rotation: true,
    policy: region => awsManagedPolicy('s3', region),
  },
  {
    alias: 'alias/aws/ebs',
    keyId: 'b0836e32-8021-4e27-ac12-241062806591',
    created: '2017-05-12T12:18:09.064Z',
    description: 'Default key that protects my EBS volumes when no other key is defined',
    awsManaged: true,
    rotation: true,
    grants: [
      {
        GrantId: '4ef8a183450e03896aed32f6bd679d71a3311573b213666667b2eeb6a3719a13',
        CreationDate: epoch('2024-11-05T09:14:00.000Z'),
        GranteePrincipal: `arn:aws:sts::${SANDBOX_ACCOUNT}:assumed-role/aws:ec2-infrastructure/i-0a1b2c3d4e5f67890`,
        IssuingAccount: `arn:aws:iam::${SANDBOX_ACCOUNT}:root`,
        Operations: ['Decrypt'],
        Constraints: {EncryptionContextSubset: {'aws:ebs:id': 'vol-0123456789abcdef0'}},
      },
    ],
    policy: region => awsManagedPolicy('ebs', region),
  },
  {
    alias: 'alias/signing',
    keyId: '1e770964-77fa-4a33-b5f6-8ae141c65d05',
    created: '2025-05-20T09:09:09.909Z',
    description: 'Release artefact signing',
    spec: 'ECC_NIST_P256',
    usage: 'SIGN_VERIFY',
    policy: () => consolePolicy({version: 'current', key: keyInfo('ECC_NIST_P256', 'SIGN_VERIFY')}),
  },
  {
    alias: 'alias/ebs-data',
    keyId: '5d2f7a90-3c1e-4b8a-9e6f-0a4b7c2d1e35',
    created: '2025-04-01T10:20:30.400Z',
    description: 'EBS volumes of the web fleet (grants made by EBS)',
    rotation: true,
    grants: EBS_GRANTS,
    policy: byConsole('current'),
  },
  {
    alias: 'alias/shared-grants',
    keyId: 'c8e1b3f4-6a2d-4f09-8b7e-3d5c9a1f2e60',
    created: '2021-02-25T15:05:00.250Z',
    description: 'Data exchange (grants made by hand over the years)',
    grants: REVIEW_GRANTS,
    policy: byConsole('current'),
  },
  {
    alias: 'alias/many-grants',
    keyId: 'e7a4c2d9-1f6b-4e3a-a5c8-9b0d2f4e6a71',
    created: '2022-11-08T06:40:12.120Z',
    description: 'Fleet volumes (2,000 EBS grants)',
    bulkGrants: 2_000,
    policy: byConsole('current'),
  },
  {
    alias: 'alias/grant-limit',
    keyId: '9f0b8e7d-2c4a-4d6e-b1f3-5a7c9e0d2b84',
    created: '2020-07-07T07:07:07.707Z',
    description: 'Volumes of a fleet nobody cleans up (close to the 50,000-grant limit)',
    bulkGrants: 45_500,
    policy: byConsole('current'),
  },
  {
    alias: 'alias/hmac',
    keyId: '8b17e52a-2b2d-4809-9086-583ed07adfe4',
    created: '2022-06-01T15:22:48.120Z',
    description: 'Webhook signatures',
    spec: 'HMAC_256',
    usage: 'GENERATE_VERIFY_MAC',
    policy: () => consolePolicy({version: 'v3', key: keyInfo('HMAC_256', 'GENERATE_VERIFY_MAC')}),
  },
  {
    alias: 'alias/multi-region',
    keyId: MRK,
    created: '2021-09-14T06:30:27.402Z',
    description: 'Global session tokens (multi-Region primary)',
    multiRegion: 'PRIMARY',
    policy: () => consolePolicy({version: 'v2', key: keyInfo('SYMMETRIC_DEFAULT', 'ENCRYPT_DECRYPT', true)}),
  },
  {
    alias: 'alias/pending-deletion',
    moreAliases: ['alias/reporting-2021', 'alias/reporting-exports-legacy'],
    keyId: '7603faca-340b-4c79-b113-177187181336',
    created: '2021-02-03T17:58:31.559Z',
    description: 'Retired reporting key (three aliases from its years of service)',
    state: 'PendingDeletion',
    policy: byConsole('v3'),
  },
  {
    alias: 'alias/disabled',
    keyId: '4f7b2946-a5b7-4d77-bcdb-762fdc189ce8',
    created: '2024-08-19T12:00:55.000Z',
    description: 'Paused migration key',
    state: 'Disabled',
    policy: byConsole('current'),
  },
  {
    alias: 'alias/deleted-principal',
    keyId: '70db9c17-ec85-41ee-9a65-3d6f2da04b00',
    created: '2020-05-19T08:47:13.338Z',
    description: 'Analytics exports (an administrator role was deleted)',
    policy: byConsole('v3', {administrators: deletedPrincipalAdmins}),
  },
  {
    alias: 'alias/near-size-limit',
    keyId: '13963ca0-446a-4267-b100-06127f9f587f',
    created: '2025-06-30T23:59:01.001Z',
    description: 'Batch fleet (policy close to 32 KB)',
    policy: () => nearSizeLimitPolicy(),
  },
  {
    alias: 'alias/hostile',
    keyId: 'e4063ac0-084a-455b-b91b-37bf875499aa',
    created: '2025-07-15T04:04:04.404Z',
    description: HOSTILE_DESCRIPTION,
    tags: HOSTILE_TAGS,
    policy: byConsole('current'),
  },
];

const EU_WEST_1: DemoKey[] = [
  {
    alias: 'alias/console-v2',
    keyId: 'fddd8696-11e6-4958-bbc1-f7379060f04a',
    created: '2016-09-12T10:10:10.100Z',
    description: 'EU customer documents (console, 2016)',
    policy: byConsole('v2'),
  },
  {
    alias: 'alias/multi-region',
    keyId: MRK,
    created: '2023-04-18T14:02:36.090Z',
    description: 'Global session tokens (replica)',
    multiRegion: 'REPLICA',
    policy: () => consolePolicy({version: 'v3', key: keyInfo('SYMMETRIC_DEFAULT', 'ENCRYPT_DECRYPT', true)}),
  },
  {
    alias: 'alias/eu-current',
    keyId: 'fd01d2da-ce72-4391-b36c-ca8d47890e93',
    created: '2025-01-20T09:30:00.500Z',
    description: 'EU application secrets (console, 2025)',
    rotation: true,
    policy: byConsole('current'),
  },
];

const DAY = 86_400;

function record(spec: DemoKey, region: string, now: number): KeyRecord {
  const primary = {Arn: keyArn('us-east-1', SANDBOX_ACCOUNT, MRK), Region: 'us-east-1'};
  const replica = {Arn: keyArn('eu-west-1', SANDBOX_ACCOUNT, MRK), Region: 'eu-west-1'};
  return {
    keyId: spec.keyId,
    creationDate: epoch(spec.created),
    description: spec.description,
    keyUsage: spec.usage ?? 'ENCRYPT_DECRYPT',
    keySpec: spec.spec ?? 'SYMMETRIC_DEFAULT',
    origin: 'AWS_KMS',
    keyManager: spec.awsManaged ? 'AWS' : 'CUSTOMER',
    keyState: spec.state ?? 'Enabled',
    // Seven days from the day the sandbox was seeded, at midnight UTC, like a recent ScheduleKeyDeletion.
    ...(spec.state === 'PendingDeletion' ? {deletionDate: (Math.floor(now / DAY) + 7) * DAY} : {}),
    ...(spec.multiRegion
      ? {
          multiRegionConfiguration: {
            MultiRegionKeyType: spec.multiRegion,
            PrimaryKey: primary,
            ReplicaKeys: [replica],
          },
        }
      : {}),
    rotationEnabled: spec.rotation ?? false,
    // Keys that rotate have done so yearly since they were made.
    ...(spec.rotation ? {rotationPeriodDays: 365, rotations: pastRotations(epoch(spec.created), now)} : {}),
    tags: spec.tags ?? [],
    grants: spec.grants ?? [],
    ...(spec.bulkGrants
      ? {
          generatedGrants: {
            count: spec.bulkGrants,
            seed: spec.keyId,
            from: epoch(spec.created) + DAY,
            removed: [],
          },
        }
      : {}),
    policy: spec.policy(region),
  };
}

export function seedDemo(state: SandboxState, now: number): void {
  for (const [region, keys] of [
    ['us-east-1', US_EAST_1],
    ['eu-west-1', EU_WEST_1],
  ] as const) {
    const target = state.region(region);
    for (const spec of keys) {
      const key = record(spec, region, now);
      target.keys.set(key.keyId, key);
      for (const alias of [spec.alias, ...(spec.moreAliases ?? [])]) {
        target.aliases.set(alias, {
          aliasName: alias,
          targetKeyId: key.keyId,
          creationDate: key.creationDate,
          lastUpdatedDate: key.creationDate,
        });
      }
    }
  }
}
