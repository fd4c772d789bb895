// Key rotation over real HTTP: status with period and next date, the period's bounds, key-state
// and key-type rules, on-demand rotations and their history.
import {
  CreateKeyCommand,
  DisableKeyCommand,
  EnableKeyRotationCommand,
  GetKeyRotationStatusCommand,
  ListKeyRotationsCommand,
  RotateKeyOnDemandCommand,
} from '@aws-sdk/client-kms';
import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {fileSandbox, keyIdOf, kmsClient, rejectsWith} from './helpers.js';

const shared = fileSandbox();

const DAY_MS = 86_400_000;

describe('automatic rotation', () => {
  it('reports the period and the next date of a seeded key, and its yearly history', async () => {
    const keyId = await keyIdOf(shared.kms, 'alias/console-v3');
    const status = await shared.kms.send(new GetKeyRotationStatusCommand({KeyId: keyId}));
    assert.equal(status.KeyRotationEnabled, true);
    assert.equal(status.RotationPeriodInDays, 365);
    const next = status.NextRotationDate!.getTime();
    assert.ok(next > Date.now() && next <= Date.now() + 366 * DAY_MS, status.NextRotationDate!.toISOString());
    const {Rotations = []} = await shared.kms.send(new ListKeyRotationsCommand({KeyId: keyId}));
    assert.ok(Rotations.length >= 5, `${Rotations.length} rotations since 2019`);
    assert.ok(Rotations.every(r => r.RotationType === 'AUTOMATIC'));
  });

  it('takes a period of 90–2560 days', async () => {
    const keyId = (await shared.kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
    await rejectsWith(
      shared.kms.send(new EnableKeyRotationCommand({KeyId: keyId, RotationPeriodInDays: 89})),
      'ValidationException',
    );
    await rejectsWith(
      shared.kms.send(new EnableKeyRotationCommand({KeyId: keyId, RotationPeriodInDays: 2561})),
      'ValidationException',
    );
    await shared.kms.send(new EnableKeyRotationCommand({KeyId: keyId, RotationPeriodInDays: 90}));
    const status = await shared.kms.send(new GetKeyRotationStatusCommand({KeyId: keyId}));
    assert.equal(status.RotationPeriodInDays, 90);
    const days = (status.NextRotationDate!.getTime() - Date.now()) / DAY_MS;
    assert.ok(days > 89 && days <= 90, `${days}`);
  });

  it('refuses disabled keys, AWS managed keys, replicas and keys that cannot rotate', async () => {
    await rejectsWith(
      shared.kms.send(new EnableKeyRotationCommand({KeyId: await keyIdOf(shared.kms, 'alias/disabled')})),
      'DisabledException',
    );
    await rejectsWith(
      shared.kms.send(new EnableKeyRotationCommand({KeyId: await keyIdOf(shared.kms, 'alias/aws/s3')})),
      'AccessDeniedException',
    );
    await rejectsWith(
      shared.kms.send(new EnableKeyRotationCommand({KeyId: await keyIdOf(shared.kms, 'alias/signing')})),
      'UnsupportedOperationException',
    );
    const eu = kmsClient(shared.sandbox.endpoint, {region: 'eu-west-1'});
    try {
      await rejectsWith(
        eu.send(new EnableKeyRotationCommand({KeyId: await keyIdOf(eu, 'alias/multi-region')})),
        'UnsupportedOperationException',
      );
    } finally {
      eu.destroy();
    }
    // Reading the status works whatever the state.
    const pending = await shared.kms.send(
      new GetKeyRotationStatusCommand({KeyId: await keyIdOf(shared.kms, 'alias/pending-deletion')}),
    );
    assert.equal(pending.KeyRotationEnabled, false);
  });
});

describe('on-demand rotation', () => {
  it('rotates at once, lists the rotation, and stops after 25', async () => {
    const keyId = (await shared.kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
    const answer = await shared.kms.send(new RotateKeyOnDemandCommand({KeyId: keyId}));
    assert.equal(answer.KeyId, `arn:aws:kms:us-east-1:111122223333:key/${keyId}`);
    const {Rotations = []} = await shared.kms.send(new ListKeyRotationsCommand({KeyId: keyId}));
    assert.deepEqual(
      Rotations.map(r => r.RotationType),
      ['ON_DEMAND'],
    );
    for (let i = 1; i < 25; i++) await shared.kms.send(new RotateKeyOnDemandCommand({KeyId: keyId}));
    await rejectsWith(
      shared.kms.send(new RotateKeyOnDemandCommand({KeyId: keyId})),
      'LimitExceededException',
    );
    const paged = await shared.kms.send(new ListKeyRotationsCommand({KeyId: keyId, Limit: 10}));
    assert.equal(paged.Rotations?.length, 10);
    assert.equal(paged.Truncated, true);
  });

  it('refuses disabled keys and keys that cannot rotate', async () => {
    const keyId = (await shared.kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
    await shared.kms.send(new DisableKeyCommand({KeyId: keyId}));
    await rejectsWith(shared.kms.send(new RotateKeyOnDemandCommand({KeyId: keyId})), 'DisabledException');
    await rejectsWith(
      shared.kms.send(new ListKeyRotationsCommand({KeyId: await keyIdOf(shared.kms, 'alias/hmac')})),
      'UnsupportedOperationException',
    );
  });
});
