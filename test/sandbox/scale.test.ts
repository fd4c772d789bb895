// `--keys 10000`: the sandbox holds 10,000 generated keys and answers ListKeys pages of 1,000.
// How fast it starts and pages is a benchmark figure (bench/), not a timed test.
import {DescribeKeyCommand, GetKeyPolicyCommand, ListKeysCommand, type KMSClient} from '@aws-sdk/client-kms';
import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {startSandbox} from '../../source/sandbox/index.js';
import {parsePolicy} from '../../source/policy/index.js';
import {keyIdOf, kmsClient} from './helpers.js';

async function countKeys(kms: KMSClient): Promise<{total: number; pages: number}> {
  let marker: string | undefined;
  let total = 0;
  let pages = 0;
  do {
    const page = await kms.send(new ListKeysCommand({Limit: 1000, ...(marker ? {Marker: marker} : {})}));
    total += page.Keys?.length ?? 0;
    pages++;
    if (page.Truncated) assert.equal(page.Keys?.length, 1000);
    marker = page.NextMarker;
  } while (marker);
  return {total, pages};
}

describe('10,000 generated keys', () => {
  it('page through ListKeys 1,000 at a time, beside the demo keys', async () => {
    const demo = await startSandbox();
    const demoKms = kmsClient(demo.endpoint);
    let demoKeys: number;
    try {
      demoKeys = (await countKeys(demoKms)).total;
    } finally {
      demoKms.destroy();
      await demo.close();
    }

    const sandbox = await startSandbox({extraKeys: 10_000});
    const kms = kmsClient(sandbox.endpoint);
    try {
      const {total, pages} = await countKeys(kms);
      assert.equal(total, demoKeys + 10_000);
      assert.equal(pages, Math.ceil(total / 1000));

      // Generated keys are real keys: aliases, metadata, policies that parse.
      const keyId = await keyIdOf(kms, 'alias/gen/09999');
      const {KeyMetadata} = await kms.send(new DescribeKeyCommand({KeyId: keyId}));
      assert.match(KeyMetadata!.Description!, /^Generated key 9999 /);
      const {Policy} = await kms.send(new GetKeyPolicyCommand({KeyId: keyId}));
      assert.equal(parsePolicy(Policy!).ok, true);
    } finally {
      kms.destroy();
      await sandbox.close();
    }
  });
});
