// The grant operations over real HTTP with @aws-sdk/client-kms: what CreateGrant accepts and
// refuses, ListGrants' pages and filters, ListRetirableGrants, RevokeGrant, and who may RetireGrant.
import {
  CreateGrantCommand,
  CreateKeyCommand,
  DisableKeyCommand,
  ListGrantsCommand,
  ListRetirableGrantsCommand,
  RetireGrantCommand,
  RevokeGrantCommand,
  ScheduleKeyDeletionCommand,
  type GrantListEntry,
} from '@aws-sdk/client-kms';
import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {fileSandbox, IAM, keyIdOf, kmsClient, rejectsWith} from './helpers.js';

const shared = fileSandbox();

const newKey = async (spec?: {KeySpec: 'HMAC_256'; KeyUsage: 'GENERATE_VERIFY_MAC'}) =>
  (await shared.kms.send(new CreateKeyCommand({...spec}))).KeyMetadata!.KeyId!;

async function allGrants(keyId: string, limit = 100): Promise<GrantListEntry[]> {
  const grants: GrantListEntry[] = [];
  let marker: string | undefined;
  do {
    const page = await shared.kms.send(new ListGrantsCommand({KeyId: keyId, Limit: limit, Marker: marker}));
    grants.push(...(page.Grants ?? []));
    marker = page.Truncated ? page.NextMarker : undefined;
  } while (marker);
  return grants;
}

describe('CreateGrant', () => {
  it('creates a grant that ListGrants returns as KMS shapes it', async () => {
    const keyId = await newKey();
    const made = await shared.kms.send(
      new CreateGrantCommand({
        KeyId: keyId,
        GranteePrincipal: IAM('role/AppServer'),
        RetiringPrincipal: IAM('role/KeyAdmin'),
        Operations: ['Decrypt', 'GenerateDataKey'],
        Constraints: {EncryptionContextSubset: {app: 'web'}},
        Name: 'web-app',
      }),
    );
    assert.match(made.GrantId!, /^[0-9a-f]{64}$/);
    assert.ok(made.GrantToken && made.GrantToken.length > 40);
    const [grant, ...rest] = await allGrants(keyId);
    assert.equal(rest.length, 0);
    assert.equal(grant?.KeyId, `arn:aws:kms:us-east-1:111122223333:key/${keyId}`);
    assert.equal(grant?.GrantId, made.GrantId);
    assert.equal(grant?.Name, 'web-app');
    assert.equal(grant?.IssuingAccount, IAM('root'));
    assert.deepEqual(grant?.Operations, ['Decrypt', 'GenerateDataKey']);
    assert.deepEqual(grant?.Constraints, {EncryptionContextSubset: {app: 'web'}});
    assert.ok(grant?.CreationDate instanceof Date);
  });

  it('is idempotent for a named grant and makes duplicates without a name', async () => {
    const keyId = await newKey();
    const input = {KeyId: keyId, GranteePrincipal: IAM('user/alice'), Operations: ['Encrypt' as const]};
    const a = await shared.kms.send(new CreateGrantCommand({...input, Name: 'same'}));
    const b = await shared.kms.send(new CreateGrantCommand({...input, Name: 'same'}));
    assert.equal(a.GrantId, b.GrantId);
    await shared.kms.send(new CreateGrantCommand(input));
    await shared.kms.send(new CreateGrantCommand(input));
    assert.equal((await allGrants(keyId)).length, 3);
  });

  it('refuses operations that do not fit the key, constraints where no context applies, bad names', async () => {
    const hmac = await newKey({KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC'});
    await rejectsWith(
      shared.kms.send(
        new CreateGrantCommand({KeyId: hmac, GranteePrincipal: IAM('user/alice'), Operations: ['Decrypt']}),
      ),
      'ValidationException',
      /not valid for a HMAC_256 key/,
    );
    const keyId = await newKey();
    await rejectsWith(
      shared.kms.send(
        new CreateGrantCommand({
          KeyId: keyId,
          GranteePrincipal: IAM('user/alice'),
          Operations: ['Decrypt', 'DescribeKey'],
          Constraints: {EncryptionContextEquals: {a: 'b'}},
        }),
      ),
      'ValidationException',
      /remove DescribeKey/,
    );
    await rejectsWith(
      shared.kms.send(
        new CreateGrantCommand({
          KeyId: keyId,
          GranteePrincipal: IAM('user/alice'),
          Operations: ['Decrypt'],
          Name: 'a b',
        }),
      ),
      'ValidationException',
    );
    await rejectsWith(
      shared.kms.send(
        new CreateGrantCommand({KeyId: keyId, GranteePrincipal: 'not a principal', Operations: ['Decrypt']}),
      ),
      'ValidationException',
    );
    await rejectsWith(
      shared.kms.send(
        new CreateGrantCommand({KeyId: keyId, GranteePrincipal: IAM('user/alice'), Operations: []}),
      ),
      'ValidationException',
    );
  });

  it('follows the key state: disabled and pending-deletion keys take no grants', async () => {
    const disabled = await newKey();
    await shared.kms.send(new DisableKeyCommand({KeyId: disabled}));
    const grant = {GranteePrincipal: IAM('user/alice'), Operations: ['Decrypt' as const]};
    await rejectsWith(
      shared.kms.send(new CreateGrantCommand({KeyId: disabled, ...grant})),
      'DisabledException',
    );
    const doomed = await newKey();
    await shared.kms.send(new ScheduleKeyDeletionCommand({KeyId: doomed, PendingWindowInDays: 7}));
    await rejectsWith(
      shared.kms.send(new CreateGrantCommand({KeyId: doomed, ...grant})),
      'KMSInvalidStateException',
    );
    // Listing still works in every state.
    assert.deepEqual(await allGrants(doomed), []);
  });

  it('refuses grants on AWS managed keys and aliases as KeyId', async () => {
    const ebs = await keyIdOf(shared.kms, 'alias/aws/ebs');
    const grant = {GranteePrincipal: IAM('user/alice'), Operations: ['Decrypt' as const]};
    await rejectsWith(
      shared.kms.send(new CreateGrantCommand({KeyId: ebs, ...grant})),
      'AccessDeniedException',
    );
    await rejectsWith(
      shared.kms.send(new CreateGrantCommand({KeyId: 'alias/ebs-data', ...grant})),
      'NotFoundException',
    );
  });
});

describe('ListGrants', () => {
  it('pages through the 2,000 grants of alias/many-grants, 100 at most per page, 50 by default', async () => {
    const keyId = await keyIdOf(shared.kms, 'alias/many-grants');
    const first = await shared.kms.send(new ListGrantsCommand({KeyId: keyId}));
    assert.equal(first.Grants?.length, 50);
    assert.equal(first.Truncated, true);
    const big = await shared.kms.send(new ListGrantsCommand({KeyId: keyId, Limit: 1000}));
    assert.equal(big.Grants?.length, 100);
    const all = await allGrants(keyId);
    assert.equal(all.length, 2000);
    assert.equal(new Set(all.map(g => g.GrantId)).size, 2000);
    for (const g of all.slice(0, 5)) {
      assert.match(g.GranteePrincipal!, /assumed-role\/aws:ec2-infrastructure\/i-0/);
      assert.match(g.Constraints?.EncryptionContextSubset?.['aws:ebs:id'] ?? '', /^vol-0/);
    }
    await rejectsWith(
      shared.kms.send(new ListGrantsCommand({KeyId: keyId, Marker: 'bogus'})),
      'InvalidMarkerException',
    );
  });

  it('filters by grant id and by grantee', async () => {
    const keyId = await keyIdOf(shared.kms, 'alias/shared-grants');
    const all = await allGrants(keyId);
    const alice = await shared.kms.send(
      new ListGrantsCommand({KeyId: keyId, GranteePrincipal: IAM('user/alice')}),
    );
    assert.equal(alice.Grants?.length, 3);
    const one = await shared.kms.send(new ListGrantsCommand({KeyId: keyId, GrantId: all[1]!.GrantId}));
    assert.deepEqual(
      one.Grants?.map(g => g.GrantId),
      [all[1]!.GrantId],
    );
  });
});

describe('RevokeGrant, RetireGrant, ListRetirableGrants', () => {
  it('revokes a grant; a second revoke or an invalid id is refused', async () => {
    const keyId = await newKey();
    const {GrantId} = await shared.kms.send(
      new CreateGrantCommand({KeyId: keyId, GranteePrincipal: IAM('user/alice'), Operations: ['Encrypt']}),
    );
    await shared.kms.send(new RevokeGrantCommand({KeyId: keyId, GrantId}));
    assert.deepEqual(await allGrants(keyId), []);
    await rejectsWith(shared.kms.send(new RevokeGrantCommand({KeyId: keyId, GrantId})), 'NotFoundException');
    await rejectsWith(
      shared.kms.send(new RevokeGrantCommand({KeyId: keyId, GrantId: 'xyz'})),
      'InvalidGrantIdException',
    );
  });

  it('revokes one of the seed’s bulk grants', async () => {
    const keyId = await keyIdOf(shared.kms, 'alias/many-grants');
    const page = await shared.kms.send(new ListGrantsCommand({KeyId: keyId, Limit: 3}));
    const target = page.Grants![1]!.GrantId!;
    await shared.kms.send(new RevokeGrantCommand({KeyId: keyId, GrantId: target}));
    const all = await allGrants(keyId);
    assert.equal(all.length, 1999);
    assert.ok(!all.some(g => g.GrantId === target));
  });

  it('lets the retiring principal retire by id or by token, and refuses anyone else', async () => {
    const keyId = await newKey();
    const keyArn = `arn:aws:kms:us-east-1:111122223333:key/${keyId}`;
    const admin = kmsClient(shared.sandbox.endpoint, {accessKeyId: 'AKIASANDBOXKEYADMIN0'});
    const alice = kmsClient(shared.sandbox.endpoint, {accessKeyId: 'AKIASANDBOXALICE0000'});
    try {
      const make = () =>
        shared.kms.send(
          new CreateGrantCommand({
            KeyId: keyId,
            GranteePrincipal: IAM('role/AppServer'),
            RetiringPrincipal: IAM('role/KeyAdmin'),
            Operations: ['Encrypt'],
          }),
        );
      const first = await make();
      const second = await make();
      const retirable = await admin.send(
        new ListRetirableGrantsCommand({RetiringPrincipal: IAM('role/KeyAdmin')}),
      );
      assert.ok(retirable.Grants?.some(g => g.GrantId === first.GrantId && g.KeyId === keyArn));
      await rejectsWith(
        alice.send(new RetireGrantCommand({KeyId: keyArn, GrantId: first.GrantId})),
        'AccessDeniedException',
      );
      await admin.send(new RetireGrantCommand({KeyId: keyArn, GrantId: first.GrantId}));
      await admin.send(new RetireGrantCommand({GrantToken: second.GrantToken}));
      assert.deepEqual(await allGrants(keyId), []);
      await rejectsWith(
        admin.send(new RetireGrantCommand({GrantToken: 'not-a-token'})),
        'InvalidGrantTokenException',
      );
    } finally {
      admin.destroy();
      alice.destroy();
    }
  });
});
