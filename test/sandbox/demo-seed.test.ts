// The demo account: the aliases other tests rely on, policies KMS would accept, and the
// classifications source/policy gives them.
import {
  DescribeKeyCommand,
  GetKeyPolicyCommand,
  ListAliasesCommand,
  ListResourceTagsCommand,
  type KMSClient,
} from '@aws-sdk/client-kms';
import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import {
  classifyPolicy,
  hasErrors,
  parsePolicy,
  validatePolicy,
  type KeyInfo,
} from '../../source/policy/index.js';
import {startSandbox, type Sandbox} from '../../source/sandbox/index.js';
import {kmsClient} from './helpers.js';

let sandbox: Sandbox;
let us: KMSClient;
let eu: KMSClient;

before(async () => {
  sandbox = await startSandbox();
  us = kmsClient(sandbox.endpoint);
  eu = kmsClient(sandbox.endpoint, {region: 'eu-west-1'});
});
after(async () => {
  us.destroy();
  eu.destroy();
  await sandbox.close();
});

/** alias → expected classification label (source/policy's wording). */
const US_EAST_1: Record<string, string> = {
  'alias/console-v1': 'outdated v1',
  'alias/console-v2': 'outdated v2',
  'alias/console-v3': 'outdated v3',
  'alias/console-current': 'current',
  'alias/current-no-delete': 'current',
  'alias/modified-v2': 'modified v2',
  'alias/api-default': 'API default',
  'alias/cross-account': 'custom',
  'alias/aws/s3': 'AWS managed',
  'alias/aws/ebs': 'AWS managed',
  'alias/signing': 'current',
  'alias/hmac': 'outdated v3',
  'alias/multi-region': 'outdated v2',
  'alias/pending-deletion': 'outdated v3',
  // The same key: three aliases (the detail header must keep its badge and key id in view).
  'alias/reporting-2021': 'outdated v3',
  'alias/reporting-exports-legacy': 'outdated v3',
  'alias/disabled': 'current',
  'alias/deleted-principal': 'outdated v3',
  'alias/near-size-limit': 'current',
  'alias/hostile': 'current',
  'alias/ebs-data': 'current',
  'alias/shared-grants': 'current',
  'alias/many-grants': 'current',
  'alias/grant-limit': 'current',
};
const EU_WEST_1: Record<string, string> = {
  'alias/console-v2': 'outdated v2',
  'alias/multi-region': 'outdated v3',
  'alias/eu-current': 'current',
};

async function inspect(kms: KMSClient, alias: string) {
  const metadata = (await kms.send(new DescribeKeyCommand({KeyId: alias}))).KeyMetadata!;
  const {Policy = ''} = await kms.send(new GetKeyPolicyCommand({KeyId: metadata.KeyId!}));
  const key: KeyInfo = {
    accountId: metadata.AWSAccountId!,
    keySpec: metadata.KeySpec!,
    keyUsage: metadata.KeyUsage!,
    origin: metadata.Origin!,
    multiRegion: metadata.MultiRegion ?? false,
    keyManager: metadata.KeyManager === 'AWS' ? 'AWS' : 'CUSTOMER',
  };
  const parsed = parsePolicy(Policy);
  assert.ok(parsed.ok, `${alias}: the policy parses`);
  return {metadata, policy: Policy, classification: classifyPolicy(parsed.document, key)};
}

describe('demo seed', () => {
  for (const [region, expected] of [
    ['us-east-1', US_EAST_1],
    ['eu-west-1', EU_WEST_1],
  ] as const) {
    it(`${region}: has exactly the documented aliases`, async () => {
      const {Aliases = []} = await (region === 'us-east-1' ? us : eu).send(
        new ListAliasesCommand({Limit: 100}),
      );
      assert.deepEqual(Aliases.map(a => a.AliasName).sort(), Object.keys(expected).sort());
    });

    it(`${region}: every policy classifies as intended, is valid, and is in KMS's print style`, async () => {
      for (const [alias, label] of Object.entries(expected)) {
        const {policy, classification} = await inspect(region === 'us-east-1' ? us : eu, alias);
        assert.equal(classification.label, label, alias);
        assert.equal(
          hasErrors(validatePolicy(policy)),
          false,
          `${alias}: ${JSON.stringify(validatePolicy(policy))}`,
        );
        assert.match(policy, /^\{\n {2}"Version" : "2012-10-17",\n/, alias);
        assert.match(policy, /"Statement" : \[ \{\n/, alias);
      }
    });
  }

  it('keys the lint and the upgrade care about carry what their alias promises', async () => {
    const noDelete = await inspect(us, 'alias/current-no-delete');
    assert.doesNotMatch(noDelete.policy, /ScheduleKeyDeletion/);
    const deleted = await inspect(us, 'alias/deleted-principal');
    assert.match(deleted.policy, /"AROA[A-Z0-9]{12,}"/);
    const cross = await inspect(us, 'alias/cross-account');
    assert.match(cross.policy, /arn:aws:iam::444455556666:root/);
    const size = Buffer.byteLength((await inspect(us, 'alias/near-size-limit')).policy);
    assert.ok(size <= 32_768 && size > 32_768 - 500, `near-size-limit policy is ${size} bytes`);
    const modified = await inspect(us, 'alias/modified-v2');
    assert.match(modified.policy, /cloudtrail\.amazonaws\.com/);
    const replica = await inspect(eu, 'alias/multi-region');
    assert.equal(replica.metadata.MultiRegionConfiguration?.MultiRegionKeyType, 'REPLICA');
    assert.equal(replica.metadata.KeyId, (await inspect(us, 'alias/multi-region')).metadata.KeyId);
  });

  it('the hostile key carries terminal escape sequences in its description and tags', async () => {
    const {metadata} = await inspect(us, 'alias/hostile');
    assert.ok(metadata.Description!.includes('\x1b]0;pwned\x07'), 'OSC title change');
    assert.ok(metadata.Description!.includes('\x1b[2J'), 'clear screen');
    assert.match(metadata.Description!, /[\b\r\x00\x9b\u202e]/);
    const {Tags = []} = await us.send(new ListResourceTagsCommand({KeyId: metadata.KeyId!}));
    assert.ok(Tags.some(t => t.TagValue?.includes('\x1b]0;pwned\x07')));
    assert.ok(Tags.some(t => t.TagKey?.includes('\x1b[')));
  });

  it('is deterministic: key ids, dates and policies are the same in every sandbox', async () => {
    const other = await startSandbox();
    const client = kmsClient(other.endpoint);
    for (const alias of ['alias/console-v1', 'alias/multi-region', 'alias/near-size-limit']) {
      const a = await inspect(us, alias);
      const b = await inspect(client, alias);
      assert.equal(a.metadata.KeyId, b.metadata.KeyId);
      assert.equal(a.metadata.CreationDate?.getTime(), b.metadata.CreationDate?.getTime());
      assert.equal(a.policy, b.policy);
    }
    client.destroy();
    await other.close();
  });
});
