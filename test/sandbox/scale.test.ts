// `--keys 10000`: starts in under 2 s and answers ListKeys pages of 1,000.
import {DescribeKeyCommand, GetKeyPolicyCommand, ListKeysCommand} from '@aws-sdk/client-kms';
import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {startSandbox} from '../../source/sandbox/index.js';
import {parsePolicy} from '../../source/policy/index.js';
import {keyIdOf, kmsClient} from './helpers.js';

describe('10,000 generated keys', () => {
  it('start in under 2 s and page through ListKeys 1,000 at a time', async () => {
    const start = performance.now();
    const sandbox = await startSandbox({extraKeys: 10_000});
    const startup = performance.now() - start;
    assert.ok(startup < 2000, `startup took ${Math.round(startup)} ms`);
    const kms = kmsClient(sandbox.endpoint);
    let marker: string | undefined;
    let total = 0;
    let pages = 0;
    const listStart = performance.now();
    do {
      const page = await kms.send(new ListKeysCommand({Limit: 1000, ...(marker ? {Marker: marker} : {})}));
      total += page.Keys?.length ?? 0;
      pages++;
      if (page.Truncated) assert.equal(page.Keys?.length, 1000);
      marker = page.NextMarker;
    } while (marker);
    const listing = performance.now() - listStart;
    assert.equal(total, 10_022);
    assert.equal(pages, 11);
    assert.ok(listing < 2000, `listing took ${Math.round(listing)} ms`);

    // Generated keys are real keys: aliases, metadata, policies that parse.
    const keyId = await keyIdOf(kms, 'alias/gen/09999');
    const {KeyMetadata} = await kms.send(new DescribeKeyCommand({KeyId: keyId}));
    assert.match(KeyMetadata!.Description!, /^Generated key 9999 /);
    const {Policy} = await kms.send(new GetKeyPolicyCommand({KeyId: keyId}));
    assert.equal(parsePolicy(Policy!).ok, true);
    kms.destroy();
    await sandbox.close();
  });
});
