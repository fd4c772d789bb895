// Where KMS says no, the sandbox says no with the same error name (kms-facts §4, issue 4).
import {
  CancelKeyDeletionCommand,
  CreateAliasCommand,
  CreateKeyCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  GetKeyPolicyCommand,
  PutKeyPolicyCommand,
  ScheduleKeyDeletionCommand,
  TagResourceCommand,
  type KMSClient,
} from '@aws-sdk/client-kms';
import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import {startSandbox, type Sandbox} from '../../source/sandbox/index.js';
import {IAM, keyIdOf, kmsClient, policyFor, rejectsWith} from './helpers.js';

let sandbox: Sandbox;
let kms: KMSClient;
let keyAdmin: KMSClient;
let alice: KMSClient;

const LOCKOUT = 'The new key policy will not allow you to update the key policy in the future.';

before(async () => {
  sandbox = await startSandbox();
  kms = kmsClient(sandbox.endpoint);
  keyAdmin = kmsClient(sandbox.endpoint, {accessKeyId: 'AKIASANDBOXKEYADMIN0'});
  alice = kmsClient(sandbox.endpoint, {accessKeyId: 'AKIASANDBOXALICE0000'});
});
after(async () => {
  for (const client of [kms, keyAdmin, alice]) client.destroy();
  await sandbox.close();
});

const newKey = async (): Promise<string> => (await kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
const put = (client: KMSClient, KeyId: string, Policy: string, bypass?: boolean) =>
  client.send(
    new PutKeyPolicyCommand({KeyId, Policy, ...(bypass ? {BypassPolicyLockoutSafetyCheck: true} : {})}),
  );

describe('PutKeyPolicy refusals', () => {
  it('malformed JSON → MalformedPolicyDocumentException', async () => {
    await rejectsWith(
      put(kms, await newKey(), '{"Version": "2012-10-17", "Statement": ['),
      'MalformedPolicyDocumentException',
    );
  });

  it('more than 32,768 bytes → LimitExceededException', async () => {
    const padding = Array.from({length: 700}, (_, i) => IAM(`role/padding-role-number-${i}`));
    const policy = policyFor([IAM('root'), ...padding]);
    assert.ok(Buffer.byteLength(policy) > 32_768);
    await rejectsWith(put(kms, await newKey(), policy), 'LimitExceededException');
  });

  it('an IAM group principal → MalformedPolicyDocumentException about invalid principals', async () => {
    const policy = policyFor([IAM('root'), IAM('group/Admins')]);
    await rejectsWith(
      put(kms, await newKey(), policy),
      'MalformedPolicyDocumentException',
      'Policy contains a statement with one or more invalid principals.',
    );
  });

  it('a policy that locks the caller out → refused with KMS’s message, unless bypassed', async () => {
    const keyId = await newKey();
    const lockout = policyFor([IAM('role/AppServer')]);
    await rejectsWith(put(kms, keyId, lockout), 'MalformedPolicyDocumentException', LOCKOUT);
    await put(kms, keyId, lockout, true);
    const {Policy} = await kms.send(new GetKeyPolicyCommand({KeyId: keyId}));
    assert.match(Policy!, /role\/AppServer/);
    // Now the root may no longer change it: the key has become unmanageable, as in KMS.
    await rejectsWith(put(kms, keyId, policyFor([IAM('root')])), 'AccessDeniedException', /kms:PutKeyPolicy/);
  });

  it('checks the lockout for the caller the access key id names', async () => {
    const keyId = await newKey();
    const onlyAlice = policyFor([IAM('user/alice')]);
    await rejectsWith(put(keyAdmin, keyId, onlyAlice), 'MalformedPolicyDocumentException', LOCKOUT);
    await put(alice, keyId, onlyAlice);
    const {Policy} = await kms.send(new GetKeyPolicyCommand({KeyId: keyId}));
    assert.match(Policy!, /user\/alice/);
  });

  it('an AWS managed key → AccessDeniedException, even with the bypass flag', async () => {
    const keyId = await keyIdOf(kms, 'alias/aws/s3');
    await rejectsWith(
      put(kms, keyId, policyFor([IAM('root')]), true),
      'AccessDeniedException',
      /is not authorized to perform: kms:PutKeyPolicy/,
    );
  });

  it('a key pending deletion → KMSInvalidStateException', async () => {
    const keyId = await keyIdOf(kms, 'alias/pending-deletion');
    await rejectsWith(
      put(kms, keyId, policyFor([IAM('root')])),
      'KMSInvalidStateException',
      /is pending deletion/,
    );
  });

  it('a missing key → NotFoundException', async () => {
    await rejectsWith(
      put(kms, '11111111-2222-4333-8444-555555555555', policyFor([IAM('root')])),
      'NotFoundException',
    );
  });

  it('an alias where only key ids and ARNs are accepted → NotFoundException', async () => {
    await rejectsWith(
      kms.send(new GetKeyPolicyCommand({KeyId: 'alias/console-v1'})),
      'NotFoundException',
      /Invalid keyId/,
    );
  });

  it('a policy name other than default → NotFoundException', async () => {
    const keyId = await keyIdOf(kms, 'alias/console-v1');
    await rejectsWith(
      kms.send(new GetKeyPolicyCommand({KeyId: keyId, PolicyName: 'other'})),
      'NotFoundException',
    );
  });

  it('a missing KeyId → ValidationException', async () => {
    await rejectsWith(kms.send(new DescribeKeyCommand({KeyId: ''})), 'ValidationException', /keyId/);
  });
});

describe('CreateKey refusals', () => {
  it('applies the same policy checks', async () => {
    await rejectsWith(
      kms.send(new CreateKeyCommand({Policy: policyFor([IAM('role/AppServer')])})),
      'MalformedPolicyDocumentException',
      LOCKOUT,
    );
    await rejectsWith(kms.send(new CreateKeyCommand({Policy: '{'})), 'MalformedPolicyDocumentException');
    const made = await kms.send(
      new CreateKeyCommand({
        Policy: policyFor([IAM('role/AppServer')]),
        BypassPolicyLockoutSafetyCheck: true,
      }),
    );
    assert.equal(made.KeyMetadata?.KeyState, 'Enabled');
  });

  it('refuses a key spec that does not fit the usage', async () => {
    await rejectsWith(
      kms.send(new CreateKeyCommand({KeySpec: 'HMAC_256', KeyUsage: 'ENCRYPT_DECRYPT'})),
      'ValidationException',
    );
  });
});

describe('other refusals', () => {
  it('aliases: duplicates, reserved and malformed names', async () => {
    const keyId = await newKey();
    await rejectsWith(
      kms.send(new CreateAliasCommand({AliasName: 'alias/console-v1', TargetKeyId: keyId})),
      'AlreadyExistsException',
    );
    await rejectsWith(
      kms.send(new CreateAliasCommand({AliasName: 'alias/aws/mine', TargetKeyId: keyId})),
      'NotAuthorizedException',
    );
    await rejectsWith(
      kms.send(new CreateAliasCommand({AliasName: 'no-prefix', TargetKeyId: keyId})),
      'ValidationException',
      /prefix "alias\/"/,
    );
  });

  it('deletion windows outside 7–30 days, and cancelling what is not pending', async () => {
    const keyId = await newKey();
    await rejectsWith(
      kms.send(new ScheduleKeyDeletionCommand({KeyId: keyId, PendingWindowInDays: 6})),
      'ValidationException',
    );
    await rejectsWith(
      kms.send(new ScheduleKeyDeletionCommand({KeyId: keyId, PendingWindowInDays: 31})),
      'ValidationException',
    );
    await rejectsWith(
      kms.send(new CancelKeyDeletionCommand({KeyId: keyId})),
      'KMSInvalidStateException',
      /is not pending deletion/,
    );
  });

  it('state changes on AWS managed keys and keys pending deletion', async () => {
    await rejectsWith(
      kms.send(new DisableKeyCommand({KeyId: await keyIdOf(kms, 'alias/aws/ebs')})),
      'AccessDeniedException',
    );
    await rejectsWith(
      kms.send(
        new TagResourceCommand({
          KeyId: await keyIdOf(kms, 'alias/pending-deletion'),
          Tags: [{TagKey: 'a', TagValue: 'b'}],
        }),
      ),
      'KMSInvalidStateException',
    );
    await rejectsWith(
      kms.send(
        new TagResourceCommand({KeyId: await newKey(), Tags: [{TagKey: 'aws:reserved', TagValue: 'x'}]}),
      ),
      'TagException',
    );
  });

  it('records refusals in the request log with their error names', () => {
    const refused = sandbox.log
      .filter(e => e.operation === 'PutKeyPolicy' && e.status === 400)
      .map(e => e.error);
    for (const name of [
      'MalformedPolicyDocumentException',
      'LimitExceededException',
      'AccessDeniedException',
      'KMSInvalidStateException',
      'NotFoundException',
    ]) {
      assert.ok(refused.includes(name), name);
    }
  });
});
