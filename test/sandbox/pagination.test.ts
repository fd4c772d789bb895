// Paging as KMS does it: Limit, Marker, NextMarker, Truncated.
import {
  ListAliasesCommand,
  ListKeysCommand,
  ListResourceTagsCommand,
  paginateListKeys,
  type KMSClient,
} from '@aws-sdk/client-kms';
import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import {startSandbox, type Sandbox} from '../../source/sandbox/index.js';
import {keyIdOf, kmsClient, rejectsWith} from './helpers.js';

let sandbox: Sandbox;
let kms: KMSClient;
const TOTAL_KEYS = 22 + 250; // the demo's us-east-1 keys plus the generated ones
const TOTAL_ALIASES = TOTAL_KEYS + 2; // the pending-deletion key has three aliases

before(async () => {
  sandbox = await startSandbox({extraKeys: 250});
  kms = kmsClient(sandbox.endpoint);
});
after(async () => {
  kms.destroy();
  await sandbox.close();
});

describe('ListKeys paging', () => {
  it('walks every page with Limit and Marker, without gaps or repeats', async () => {
    const seen: string[] = [];
    let marker: string | undefined;
    let pages = 0;
    do {
      const page = await kms.send(new ListKeysCommand({Limit: 40, ...(marker ? {Marker: marker} : {})}));
      pages++;
      seen.push(...(page.Keys ?? []).map(k => k.KeyId!));
      assert.equal(page.Truncated, page.NextMarker !== undefined);
      marker = page.NextMarker;
    } while (marker);
    assert.equal(pages, Math.ceil(TOTAL_KEYS / 40));
    assert.equal(seen.length, TOTAL_KEYS);
    assert.equal(new Set(seen).size, TOTAL_KEYS);
  });

  it('defaults to 100 per page and works with the SDK paginator', async () => {
    const first = await kms.send(new ListKeysCommand({}));
    assert.equal(first.Keys?.length, 100);
    assert.equal(first.Truncated, true);
    let count = 0;
    for await (const page of paginateListKeys({client: kms, pageSize: 1000}, {}))
      count += page.Keys?.length ?? 0;
    assert.equal(count, TOTAL_KEYS);
  });

  it('refuses a Limit outside 1–1000 and a marker it did not issue', async () => {
    await rejectsWith(
      kms.send(new ListKeysCommand({Limit: 0})),
      'ValidationException',
      /greater than or equal to 1/,
    );
    await rejectsWith(
      kms.send(new ListKeysCommand({Limit: 1001})),
      'ValidationException',
      /less than or equal to 1000/,
    );
    await rejectsWith(kms.send(new ListKeysCommand({Marker: 'not-a-marker'})), 'InvalidMarkerException');
  });
});

describe('ListAliases and ListResourceTags paging', () => {
  it('ListAliases defaults to 50 and caps a page at 100, as documented', async () => {
    assert.equal((await kms.send(new ListAliasesCommand({}))).Aliases?.length, 50);
    const big = await kms.send(new ListAliasesCommand({Limit: 1000}));
    assert.equal(big.Aliases?.length, 100);
    assert.equal(big.Truncated, true);
    const names: string[] = [];
    let marker: string | undefined;
    do {
      const page = await kms.send(new ListAliasesCommand({Limit: 30, ...(marker ? {Marker: marker} : {})}));
      names.push(...(page.Aliases ?? []).map(a => a.AliasName!));
      marker = page.NextMarker;
    } while (marker);
    assert.equal(names.length, TOTAL_ALIASES);
    assert.ok(names.includes('alias/gen/00249'));
  });

  it('ListResourceTags pages too', async () => {
    const keyId = await keyIdOf(kms, 'alias/hostile');
    const first = await kms.send(new ListResourceTagsCommand({KeyId: keyId, Limit: 1}));
    assert.equal(first.Tags?.length, 1);
    assert.equal(first.Truncated, true);
    const second = await kms.send(
      new ListResourceTagsCommand({KeyId: keyId, Limit: 1, Marker: first.NextMarker!}),
    );
    assert.equal(second.Tags?.length, 1);
    assert.equal(second.Truncated, false);
    assert.notEqual(second.Tags?.[0]?.TagKey, first.Tags?.[0]?.TagKey);
  });
});
