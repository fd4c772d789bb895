// The demo account's grants, as AWS services and people leave them on keys: EBS volume grants
// with encryption-context constraints (clean), and a key whose grants each need a second look —
// a role that was deleted, another account, unconstrained decryption, re-delegation, duplicates.
import {createHash} from 'node:crypto';
import {EXTERNAL_ACCOUNT, SANDBOX_ACCOUNT} from '../identity.js';
import type {Grant} from '../state.js';
import {PRINCIPALS} from './policies.js';

const epoch = (iso: string): number => Date.parse(iso) / 1000;
const id = (name: string): string => createHash('sha256').update(`keypol-demo-grant:${name}`).digest('hex');
const ROOT = `arn:aws:iam::${SANDBOX_ACCOUNT}:root`;
const ec2 = (instance: string): string =>
  `arn:aws:sts::${SANDBOX_ACCOUNT}:assumed-role/aws:ec2-infrastructure/${instance}`;

function ebs(n: number, instance: string, volume: string, at: string): Grant {
  return {
    GrantId: id(`ebs-${n}`),
    CreationDate: epoch(at),
    GranteePrincipal: ec2(instance),
    RetiringPrincipal: ROOT,
    IssuingAccount: ROOT,
    Operations: ['Decrypt'],
    Constraints: {EncryptionContextSubset: {'aws:ebs:id': volume}},
  };
}

/** alias/ebs-data: what EBS leaves on a customer managed key — nothing to worry about. */
export const EBS_GRANTS: Grant[] = [
  ebs(1, 'i-0a1b2c3d4e5f60001', 'vol-0f3a9c2e7b1d40001', '2025-04-02T08:15:00.000Z'),
  ebs(2, 'i-0a1b2c3d4e5f60002', 'vol-0f3a9c2e7b1d40002', '2025-04-02T08:15:04.000Z'),
  ebs(3, 'i-0a1b2c3d4e5f60003', 'vol-0f3a9c2e7b1d40003', '2025-05-19T13:40:11.000Z'),
  ebs(4, 'i-0a1b2c3d4e5f60004', 'vol-0f3a9c2e7b1d40004', '2025-06-30T22:02:47.000Z'),
  {
    GrantId: id('ebs-volume-creation'),
    Name: 'ebs-create-volume',
    CreationDate: epoch('2025-04-02T08:14:58.000Z'),
    GranteePrincipal: PRINCIPALS.appServer,
    RetiringPrincipal: PRINCIPALS.appServer,
    IssuingAccount: ROOT,
    Operations: ['GenerateDataKeyWithoutPlaintext', 'ReEncryptFrom', 'ReEncryptTo'],
    Constraints: {EncryptionContextEquals: {'aws:ebs:id': 'vol-0f3a9c2e7b1d40001'}},
  },
];

/** alias/shared-grants: one grant for each thing keypol's grant findings look for. */
export const REVIEW_GRANTS: Grant[] = [
  {
    GrantId: id('deleted-role'),
    Name: 'nightly-report',
    CreationDate: epoch('2021-03-14T02:00:00.000Z'),
    // The role was deleted: like a key policy, the grant now names it by its unique id.
    GranteePrincipal: PRINCIPALS.deletedRole,
    IssuingAccount: ROOT,
    Operations: ['Decrypt'],
    Constraints: {EncryptionContextEquals: {report: 'nightly'}},
  },
  {
    GrantId: id('partner'),
    Name: 'partner-exchange',
    CreationDate: epoch('2023-09-01T12:30:00.000Z'),
    GranteePrincipal: `arn:aws:iam::${EXTERNAL_ACCOUNT}:role/DataExchange`,
    RetiringPrincipal: PRINCIPALS.keyAdmin,
    IssuingAccount: ROOT,
    Operations: ['Encrypt', 'GenerateDataKey'],
    Constraints: {EncryptionContextSubset: {partner: EXTERNAL_ACCOUNT}},
  },
  {
    GrantId: id('unconstrained'),
    Name: 'batch-all-data',
    CreationDate: epoch('2024-02-20T09:45:10.000Z'),
    GranteePrincipal: PRINCIPALS.batch,
    RetiringPrincipal: PRINCIPALS.keyAdmin,
    IssuingAccount: ROOT,
    Operations: ['Decrypt', 'ReEncryptFrom', 'ReEncryptTo', 'GenerateDataKey'],
  },
  {
    GrantId: id('redelegation'),
    Name: 'app-delegate',
    CreationDate: epoch('2024-06-11T16:20:33.000Z'),
    GranteePrincipal: PRINCIPALS.appServer,
    RetiringPrincipal: PRINCIPALS.keyAdmin,
    IssuingAccount: ROOT,
    Operations: ['Encrypt', 'CreateGrant', 'DescribeKey'],
  },
  ...[1, 2, 3].map((n): Grant => ({
    GrantId: id(`duplicate-${n}`),
    CreationDate: epoch(`2025-01-0${n}T07:00:00.000Z`),
    GranteePrincipal: PRINCIPALS.alice,
    IssuingAccount: ROOT,
    Operations: ['Encrypt', 'Decrypt'],
    Constraints: {EncryptionContextSubset: {app: 'invoices'}},
  })),
];
