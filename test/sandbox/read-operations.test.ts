// The read operations over real HTTP with @aws-sdk/client-kms against the demo account.
import {
  DescribeKeyCommand,
  GetKeyPolicyCommand,
  GetKeyRotationStatusCommand,
  ListAliasesCommand,
  ListGrantsCommand,
  ListKeyPoliciesCommand,
  ListKeysCommand,
  ListResourceTagsCommand,
} from '@aws-sdk/client-kms';
import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {fileSandbox, keyIdOf, kmsClient, rawPost, rejectsWith} from './helpers.js';

const shared = fileSandbox();

describe('ListKeys and ListAliases', () => {
  it('lists every key of the Region with its ARN', async () => {
    const {Keys = [], Truncated} = await shared.kms.send(new ListKeysCommand({}));
    assert.equal(Truncated, false);
    assert.equal(Keys.length, 22);
    for (const key of Keys) assert.equal(key.KeyArn, `arn:aws:kms:us-east-1:111122223333:key/${key.KeyId}`);
  });

  it('lists aliases with ARNs and dates, and filters them by key', async () => {
    const {Aliases = []} = await shared.kms.send(new ListAliasesCommand({Limit: 100}));
    const v2 = Aliases.find(a => a.AliasName === 'alias/console-v2');
    assert.equal(v2?.AliasArn, 'arn:aws:kms:us-east-1:111122223333:alias/console-v2');
    assert.ok(v2?.CreationDate instanceof Date && v2.CreationDate.getUTCFullYear() === 2016);
    const keyId = await keyIdOf(shared.kms, 'alias/console-v2');
    const filtered = await shared.kms.send(new ListAliasesCommand({KeyId: keyId}));
    assert.deepEqual(
      filtered.Aliases?.map(a => a.AliasName),
      ['alias/console-v2'],
    );
  });

  it('keeps Regions apart: eu-west-1 has its own keys, other Regions are empty', async () => {
    const eu = kmsClient(shared.sandbox.endpoint, {region: 'eu-west-1'});
    const ap = kmsClient(shared.sandbox.endpoint, {region: 'ap-south-1'});
    const {Aliases = []} = await eu.send(new ListAliasesCommand({}));
    assert.deepEqual(Aliases.map(a => a.AliasName).sort(), [
      'alias/console-v2',
      'alias/eu-current',
      'alias/multi-region',
    ]);
    assert.notEqual(await keyIdOf(eu, 'alias/console-v2'), await keyIdOf(shared.kms, 'alias/console-v2'));
    assert.deepEqual((await ap.send(new ListKeysCommand({}))).Keys, []);
    eu.destroy();
    ap.destroy();
  });
});

describe('DescribeKey', () => {
  it('finds a key by key id, key ARN, alias name and alias ARN', async () => {
    const keyId = await keyIdOf(shared.kms, 'alias/console-v3');
    const names = [
      keyId,
      `arn:aws:kms:us-east-1:111122223333:key/${keyId}`,
      'alias/console-v3',
      'arn:aws:kms:us-east-1:111122223333:alias/console-v3',
    ];
    for (const name of names) {
      const {KeyMetadata} = await shared.kms.send(new DescribeKeyCommand({KeyId: name}));
      assert.equal(KeyMetadata?.KeyId, keyId, name);
    }
  });

  it('returns KMS-shaped metadata for each kind of key', async () => {
    const describe = async (alias: string) =>
      (await shared.kms.send(new DescribeKeyCommand({KeyId: alias}))).KeyMetadata!;
    const symmetric = await describe('alias/console-current');
    assert.equal(symmetric.AWSAccountId, '111122223333');
    assert.deepEqual(symmetric.EncryptionAlgorithms, ['SYMMETRIC_DEFAULT']);
    assert.equal(symmetric.KeyManager, 'CUSTOMER');
    assert.equal(symmetric.Enabled, true);
    assert.equal(symmetric.CreationDate?.toISOString(), '2025-02-11T08:03:17.254Z');
    const signing = await describe('alias/signing');
    assert.equal(signing.KeySpec, 'ECC_NIST_P256');
    assert.deepEqual(signing.SigningAlgorithms, ['ECDSA_SHA_256']);
    assert.equal(signing.EncryptionAlgorithms, undefined);
    assert.deepEqual((await describe('alias/hmac')).MacAlgorithms, ['HMAC_SHA_256']);
    const mrk = await describe('alias/multi-region');
    assert.match(mrk.KeyId!, /^mrk-[0-9a-f]{32}$/);
    assert.equal(mrk.MultiRegionConfiguration?.MultiRegionKeyType, 'PRIMARY');
    assert.equal(mrk.MultiRegionConfiguration?.ReplicaKeys?.[0]?.Region, 'eu-west-1');
    const pending = await describe('alias/pending-deletion');
    assert.equal(pending.KeyState, 'PendingDeletion');
    assert.ok(pending.DeletionDate && pending.DeletionDate.getTime() > Date.now());
    assert.equal((await describe('alias/disabled')).Enabled, false);
    assert.equal((await describe('alias/aws/ebs')).KeyManager, 'AWS');
  });

  it('answers NotFoundException for an unknown key or alias', async () => {
    await rejectsWith(
      shared.kms.send(new DescribeKeyCommand({KeyId: '00000000-0000-4000-8000-000000000000'})),
      'NotFoundException',
      "Key 'arn:aws:kms:us-east-1:111122223333:key/00000000-0000-4000-8000-000000000000' does not exist",
    );
    await rejectsWith(
      shared.kms.send(new DescribeKeyCommand({KeyId: 'alias/nope'})),
      'NotFoundException',
      /alias\/nope is not found/,
    );
  });
});

describe('policies, tags, grants, rotation', () => {
  it('returns the key-default-1 policy byte for byte as KMS documents it (kms-facts §3.1)', async () => {
    const keyId = await keyIdOf(shared.kms, 'alias/api-default');
    const result = await shared.kms.send(new GetKeyPolicyCommand({KeyId: keyId}));
    assert.equal(result.PolicyName, 'default');
    assert.equal(
      result.Policy,
      '{\n  "Version" : "2012-10-17",\n  "Id" : "key-default-1",\n  "Statement" : [ {\n    "Sid" : "Enable IAM User Permissions",\n    "Effect" : "Allow",\n    "Principal" : {\n      "AWS" : "arn:aws:iam::111122223333:root"\n    },\n    "Action" : "kms:*",\n    "Resource" : "*"\n  } ]\n}',
    );
  });

  it('lists the one policy name, tags and grants', async () => {
    const keyId = await keyIdOf(shared.kms, 'alias/console-current');
    const policies = await shared.kms.send(new ListKeyPoliciesCommand({KeyId: keyId}));
    assert.deepEqual(policies.PolicyNames, ['default']);
    assert.equal(policies.Truncated, false);
    const tags = await shared.kms.send(new ListResourceTagsCommand({KeyId: keyId}));
    assert.deepEqual(tags.Tags, [{TagKey: 'team', TagValue: 'platform'}]);
    const grants = await shared.kms.send(new ListGrantsCommand({KeyId: keyId}));
    assert.equal(grants.Grants?.length, 1);
    assert.equal(grants.Grants?.[0]?.GranteePrincipal, 'arn:aws:iam::111122223333:role/Batch');
    assert.equal(grants.Grants?.[0]?.KeyId, `arn:aws:kms:us-east-1:111122223333:key/${keyId}`);
    assert.deepEqual(grants.Grants?.[0]?.Operations, ['Decrypt', 'GenerateDataKey']);
  });

  it('reports rotation for symmetric keys and refuses it for others', async () => {
    const current = await shared.kms.send(
      new GetKeyRotationStatusCommand({KeyId: await keyIdOf(shared.kms, 'alias/console-current')}),
    );
    assert.equal(current.KeyRotationEnabled, true);
    assert.equal(current.RotationPeriodInDays, 365);
    const v2 = await shared.kms.send(
      new GetKeyRotationStatusCommand({KeyId: await keyIdOf(shared.kms, 'alias/console-v2')}),
    );
    assert.equal(v2.KeyRotationEnabled, false);
    await rejectsWith(
      shared.kms.send(new GetKeyRotationStatusCommand({KeyId: await keyIdOf(shared.kms, 'alias/signing')})),
      'UnsupportedOperationException',
    );
  });
});

describe('the wire', () => {
  it('answers UnknownOperationException, with a request id, for operations it does not know', async () => {
    const response = await rawPost(
      shared.sandbox.endpoint,
      {'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'TrentService.Frobnicate'},
      '{}',
    );
    assert.equal(response.status, 400);
    assert.equal(JSON.parse(response.text).__type, 'UnknownOperationException');
    assert.match(response.headers.get('x-amzn-requestid') ?? '', /^[0-9a-f-]{36}$/);
    assert.equal(response.headers.get('content-type'), 'application/x-amz-json-1.1');
  });

  it('answers SerializationException for a body that is not JSON', async () => {
    const response = await rawPost(
      shared.sandbox.endpoint,
      {'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'TrentService.ListKeys'},
      '{not json',
    );
    assert.equal(response.status, 400);
    assert.equal(JSON.parse(response.text).__type, 'SerializationException');
  });

  it('logs every request with operation, key, Region, caller and result', async () => {
    const before = shared.sandbox.log.length;
    const keyId = await keyIdOf(shared.kms, 'alias/hmac');
    await rejectsWith(shared.kms.send(new GetKeyPolicyCommand({KeyId: 'alias/hmac'})), 'NotFoundException');
    const [describe, failed] = shared.sandbox.log.slice(before);
    assert.equal(describe?.operation, 'DescribeKey');
    assert.equal(describe?.keyId, keyId);
    assert.equal(describe?.status, 200);
    assert.equal(describe?.caller, 'arn:aws:iam::111122223333:root');
    assert.equal(describe?.region, 'us-east-1');
    assert.equal(failed?.operation, 'GetKeyPolicy');
    assert.equal(failed?.status, 400);
    assert.equal(failed?.error, 'NotFoundException');
  });
});
