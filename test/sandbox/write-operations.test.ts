// The state-changing operations, each observed through the read operations afterwards.
import {
  CancelKeyDeletionCommand,
  CreateAliasCommand,
  CreateKeyCommand,
  DeleteAliasCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  DisableKeyRotationCommand,
  EnableKeyCommand,
  EnableKeyRotationCommand,
  GetKeyPolicyCommand,
  GetKeyRotationStatusCommand,
  ListAliasesCommand,
  ListResourceTagsCommand,
  PutKeyPolicyCommand,
  ScheduleKeyDeletionCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateAliasCommand,
} from '@aws-sdk/client-kms';
import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {MUTATING_OPERATIONS} from '../../source/sandbox/index.js';
import {fileSandbox, IAM, keyIdOf, kmsClient, policyFor} from './helpers.js';

const shared = fileSandbox();

const createKey = async (input: ConstructorParameters<typeof CreateKeyCommand>[0] = {}) =>
  (await shared.kms.send(new CreateKeyCommand(input))).KeyMetadata!;
const state = async (keyId: string) =>
  (await shared.kms.send(new DescribeKeyCommand({KeyId: keyId}))).KeyMetadata!;

describe('CreateKey', () => {
  it('without a policy gets key-default-1 and KMS defaults', async () => {
    const key = await createKey({Description: 'made by a test'});
    assert.match(key.KeyId!, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    assert.equal(key.KeySpec, 'SYMMETRIC_DEFAULT');
    assert.equal(key.KeyUsage, 'ENCRYPT_DECRYPT');
    assert.equal(key.KeyState, 'Enabled');
    assert.equal(key.Origin, 'AWS_KMS');
    assert.equal(key.MultiRegion, false);
    assert.ok(Math.abs(key.CreationDate!.getTime() - Date.now()) < 60_000);
    const {Policy} = await shared.kms.send(new GetKeyPolicyCommand({KeyId: key.KeyId!}));
    assert.match(Policy!, /"Id" : "key-default-1"/);
    assert.match(Policy!, /"AWS" : "arn:aws:iam::111122223333:root"/);
  });

  it('with a policy stores it re-serialised the way KMS prints it', async () => {
    const policy = policyFor([IAM('root'), IAM('role/KeyAdmin')]);
    const key = await createKey({Policy: policy});
    const {Policy} = await shared.kms.send(new GetKeyPolicyCommand({KeyId: key.KeyId!}));
    assert.notEqual(Policy, policy);
    assert.deepEqual(JSON.parse(Policy!), JSON.parse(policy));
    assert.match(Policy!, /^\{\n {2}"Version" : "2012-10-17",\n {2}"Statement" : \[ \{\n/);
    assert.match(
      Policy!,
      /"AWS" : \[ "arn:aws:iam::111122223333:root", "arn:aws:iam::111122223333:role\/KeyAdmin" \]/,
    );
  });

  it('honours KeySpec, KeyUsage, MultiRegion, Origin and Tags', async () => {
    const hmac = await createKey({KeySpec: 'HMAC_384', KeyUsage: 'GENERATE_VERIFY_MAC'});
    assert.deepEqual(hmac.MacAlgorithms, ['HMAC_SHA_384']);
    const rsa = await createKey({KeySpec: 'RSA_2048', KeyUsage: 'SIGN_VERIFY'});
    assert.ok(rsa.SigningAlgorithms?.includes('RSASSA_PSS_SHA_256'));
    const mrk = await createKey({MultiRegion: true});
    assert.match(mrk.KeyId!, /^mrk-[0-9a-f]{32}$/);
    assert.equal(mrk.MultiRegionConfiguration?.MultiRegionKeyType, 'PRIMARY');
    assert.deepEqual(mrk.MultiRegionConfiguration?.ReplicaKeys, []);
    const external = await createKey({Origin: 'EXTERNAL'});
    assert.equal(external.KeyState, 'PendingImport');
    assert.equal(external.Enabled, false);
    const tagged = await createKey({Tags: [{TagKey: 'env', TagValue: 'test'}]});
    const {Tags} = await shared.kms.send(new ListResourceTagsCommand({KeyId: tagged.KeyId!}));
    assert.deepEqual(Tags, [{TagKey: 'env', TagValue: 'test'}]);
  });
});

describe('PutKeyPolicy', () => {
  it('replaces the policy and answers with an empty body', async () => {
    const keyId = await keyIdOf(shared.kms, 'alias/console-v2');
    const policy = policyFor(
      [IAM('root')],
      [
        {
          Sid: 'Readers',
          Effect: 'Allow',
          Principal: {AWS: IAM('role/AppServer')},
          Action: 'kms:Decrypt',
          Resource: '*',
        },
      ],
    );
    const result = await shared.kms.send(
      new PutKeyPolicyCommand({KeyId: keyId, Policy: policy, PolicyName: 'default'}),
    );
    assert.equal(result.$metadata.httpStatusCode, 200);
    const {Policy} = await shared.kms.send(new GetKeyPolicyCommand({KeyId: keyId}));
    assert.deepEqual(JSON.parse(Policy!), JSON.parse(policy));
    assert.match(Policy!, /"Sid" : "Readers"/);
  });

  it('prints nested conditions, scalar arrays and Latin-1 text in KMS’s style', async () => {
    const keyId = (await createKey()).KeyId!;
    const statement = {
      Sid: 'Café readers',
      Effect: 'Allow',
      Principal: {AWS: IAM('role/AppServer')},
      Action: ['kms:Decrypt'],
      Resource: '*',
      Condition: {'ForAnyValue:StringEquals': {'kms:EncryptionContextKeys': ['tenant', 'app']}},
    };
    await shared.kms.send(
      new PutKeyPolicyCommand({KeyId: keyId, Policy: policyFor([IAM('root')], [statement])}),
    );
    const {Policy} = await shared.kms.send(new GetKeyPolicyCommand({KeyId: keyId}));
    assert.ok(
      Policy!.includes(
        '    "Sid" : "Café readers",\n' +
          '    "Effect" : "Allow",\n' +
          '    "Principal" : {\n      "AWS" : "arn:aws:iam::111122223333:role/AppServer"\n    },\n' +
          '    "Action" : [ "kms:Decrypt" ],\n' +
          '    "Resource" : "*",\n' +
          '    "Condition" : {\n      "ForAnyValue:StringEquals" : {\n' +
          '        "kms:EncryptionContextKeys" : [ "tenant", "app" ]\n      }\n    }\n  } ]\n}',
      ),
      Policy,
    );
  });

  it('works without a PolicyName and keeps a deleted principal’s unique id, as KMS does', async () => {
    const keyId = await keyIdOf(shared.kms, 'alias/console-v3');
    const policy = policyFor([IAM('root'), 'AROA5EXAMPLEDELETED7Q']);
    await shared.kms.send(new PutKeyPolicyCommand({KeyId: keyId, Policy: policy}));
    const {Policy} = await shared.kms.send(new GetKeyPolicyCommand({KeyId: keyId}));
    assert.match(Policy!, /AROA5EXAMPLEDELETED7Q/);
  });
});

describe('aliases', () => {
  it('creates, updates and deletes an alias', async () => {
    const first = (await createKey()).KeyId!;
    const second = (await createKey()).KeyId!;
    await shared.kms.send(new CreateAliasCommand({AliasName: 'alias/test/created', TargetKeyId: first}));
    assert.equal(await keyIdOf(shared.kms, 'alias/test/created'), first);
    await shared.kms.send(new UpdateAliasCommand({AliasName: 'alias/test/created', TargetKeyId: second}));
    assert.equal(await keyIdOf(shared.kms, 'alias/test/created'), second);
    const listed = await shared.kms.send(new ListAliasesCommand({KeyId: second}));
    assert.deepEqual(
      listed.Aliases?.map(a => a.AliasName),
      ['alias/test/created'],
    );
    await shared.kms.send(new DeleteAliasCommand({AliasName: 'alias/test/created'}));
    const after = await shared.kms.send(new ListAliasesCommand({KeyId: second}));
    assert.deepEqual(after.Aliases, []);
  });
});

describe('tags', () => {
  it('adds, overwrites and removes tags', async () => {
    const keyId = (await createKey({Tags: [{TagKey: 'a', TagValue: '1'}]})).KeyId!;
    await shared.kms.send(
      new TagResourceCommand({
        KeyId: keyId,
        Tags: [
          {TagKey: 'a', TagValue: '2'},
          {TagKey: 'b', TagValue: ''},
        ],
      }),
    );
    const tagged = await shared.kms.send(new ListResourceTagsCommand({KeyId: keyId}));
    assert.deepEqual(tagged.Tags, [
      {TagKey: 'a', TagValue: '2'},
      {TagKey: 'b', TagValue: ''},
    ]);
    await shared.kms.send(new UntagResourceCommand({KeyId: keyId, TagKeys: ['a']}));
    const untagged = await shared.kms.send(new ListResourceTagsCommand({KeyId: keyId}));
    assert.deepEqual(untagged.Tags, [{TagKey: 'b', TagValue: ''}]);
  });
});

describe('key state', () => {
  it('disables and enables a key', async () => {
    const keyId = (await createKey()).KeyId!;
    await shared.kms.send(new DisableKeyCommand({KeyId: keyId}));
    assert.equal((await state(keyId)).KeyState, 'Disabled');
    assert.equal((await state(keyId)).Enabled, false);
    await shared.kms.send(new EnableKeyCommand({KeyId: keyId}));
    assert.equal((await state(keyId)).KeyState, 'Enabled');
  });

  it('schedules deletion for 7–30 days and cancels it (the key comes back disabled)', async () => {
    const keyId = (await createKey()).KeyId!;
    const scheduled = await shared.kms.send(
      new ScheduleKeyDeletionCommand({KeyId: keyId, PendingWindowInDays: 7}),
    );
    assert.equal(scheduled.KeyState, 'PendingDeletion');
    assert.equal(scheduled.PendingWindowInDays, 7);
    const days = (scheduled.DeletionDate!.getTime() - Date.now()) / 86_400_000;
    assert.ok(days > 7 && days <= 8, `deletion in ${days} days`);
    assert.equal((await state(keyId)).KeyState, 'PendingDeletion');
    const cancelled = await shared.kms.send(new CancelKeyDeletionCommand({KeyId: keyId}));
    assert.equal(cancelled.KeyId, `arn:aws:kms:us-east-1:111122223333:key/${keyId}`);
    const after = await state(keyId);
    assert.equal(after.KeyState, 'Disabled');
    assert.equal(after.DeletionDate, undefined);
  });

  it('turns automatic rotation on and off', async () => {
    const keyId = (await createKey()).KeyId!;
    await shared.kms.send(new EnableKeyRotationCommand({KeyId: keyId}));
    assert.equal(
      (await shared.kms.send(new GetKeyRotationStatusCommand({KeyId: keyId}))).KeyRotationEnabled,
      true,
    );
    await shared.kms.send(new DisableKeyRotationCommand({KeyId: keyId}));
    assert.equal(
      (await shared.kms.send(new GetKeyRotationStatusCommand({KeyId: keyId}))).KeyRotationEnabled,
      false,
    );
  });
});

describe('request log', () => {
  it('marks every operation this file used that changes state as mutating', () => {
    const used = new Set(shared.sandbox.log.map(e => e.operation));
    const mutating = [...used].filter(op => MUTATING_OPERATIONS.has(op)).sort();
    assert.deepEqual(mutating, [
      'CancelKeyDeletion',
      'CreateAlias',
      'CreateKey',
      'DeleteAlias',
      'DisableKey',
      'DisableKeyRotation',
      'EnableKey',
      'EnableKeyRotation',
      'PutKeyPolicy',
      'ScheduleKeyDeletion',
      'TagResource',
      'UntagResource',
      'UpdateAlias',
    ]);
    for (const op of [
      'DescribeKey',
      'GetKeyPolicy',
      'ListAliases',
      'ListResourceTags',
      'GetKeyRotationStatus',
    ]) {
      assert.ok(used.has(op) && !MUTATING_OPERATIONS.has(op), op);
    }
  });
});
