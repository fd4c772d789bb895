import {test} from 'node:test';
import assert from 'node:assert/strict';
import {createHash} from 'node:crypto';
import {withSandbox} from '../helpers/sandbox.js';
import {startKmsProxy} from '../helpers/kms-proxy.js';
import {createKmsGateway} from '../../source/aws/gateway.js';
import {SANDBOX_CREDENTIALS} from '../../source/sandbox/index.js';
import type {KeyDetails} from '../../source/aws/types.js';

test('listKeys joins ListKeys and ListAliases; AWS managed keys are listed too', async t => {
  const f = await withSandbox();
  t.after(f.cleanup);
  const keys = await f.gateway.listKeys();
  const byAlias = new Map(keys.flatMap(k => k.aliases.map(a => [a, k] as const)));
  for (const alias of ['alias/console-v1', 'alias/console-current', 'alias/aws/s3', 'alias/hostile']) {
    assert.ok(byAlias.has(alias), alias);
  }
  assert.equal(new Set(keys.map(k => k.keyId)).size, keys.length);
  for (const key of keys) assert.ok(key.arn.endsWith(`:key/${key.keyId}`));
});

test('listKeys follows every page of ListKeys and ListAliases', async t => {
  const f = await withSandbox({seed: 'empty', extraKeys: 1250});
  t.after(f.cleanup);
  const keys = await f.gateway.listKeys();
  assert.equal(keys.length, 1250);
  assert.equal(keys.filter(k => k.aliases.length > 0).length, keys.length);
  const ops = f.sandbox.log.map(e => e.operation);
  assert.equal(ops.filter(o => o === 'ListKeys').length, 2); // 1000 + 250
  assert.ok(ops.filter(o => o === 'ListAliases').length >= 13); // 100 per page
});

test('describeKey accepts a key id, key ARN, alias name and alias ARN', async t => {
  const f = await withSandbox();
  t.after(f.cleanup);
  const byAlias = await f.gateway.describeKey('alias/console-v2');
  assert.deepEqual(byAlias.aliases, ['alias/console-v2']);
  assert.equal(byAlias.keyManager, 'CUSTOMER');
  assert.equal(byAlias.accountId, '111122223333');
  for (const ref of [byAlias.keyId, byAlias.arn, 'arn:aws:kms:us-east-1:111122223333:alias/console-v2']) {
    assert.deepEqual(await f.gateway.describeKey(ref), byAlias);
  }
  const managed = await f.gateway.describeKey('alias/aws/s3');
  assert.equal(managed.keyManager, 'AWS');
});

test('describeKeys delivers every key, concurrently, in the order asked', async t => {
  const f = await withSandbox({faults: {latencyMs: 200}});
  t.after(f.cleanup);
  const ids = (await f.gateway.listKeys()).map(k => k.keyId).reverse();
  const seen: KeyDetails[] = [];
  const started = performance.now();
  await f.gateway.describeKeys(ids, key => seen.push(key));
  const elapsed = performance.now() - started;
  assert.deepEqual(new Set(seen.map(k => k.keyId)), new Set(ids));
  // One at a time would take ids.length × 200 ms; a pool finishes in a few round trips (the long
  // latency keeps a loaded machine's own delays small beside it).
  assert.ok(elapsed < (ids.length * 200) / 2, `${elapsed} ms`);
  const described = f.sandbox.log.filter(e => e.operation === 'DescribeKey').map(e => e.keyId);
  assert.equal(described[0], ids[0]);
});

test('describeKeys stops on abort and reports per-key failures through onError', async t => {
  const f = await withSandbox({faults: {latencyMs: 30}});
  t.after(f.cleanup);
  const ids = (await f.gateway.listKeys()).map(k => k.keyId);
  const controller = new AbortController();
  controller.abort();
  await assert.rejects(
    f.gateway.describeKeys(ids, () => undefined, {signal: controller.signal}),
    {name: 'AbortError'},
  );

  const failures: string[] = [];
  const seen: string[] = [];
  await f.gateway.describeKeys(['no-such-key', ...ids.slice(0, 2)], key => seen.push(key.keyId), {
    onError: (keyId, error) => failures.push(`${keyId}: ${error.message}`),
  });
  assert.equal(seen.length, 2);
  assert.deepEqual(failures, [
    'no-such-key: No KMS key "no-such-key" in us-east-1: check the key id, ARN or alias, and the region.',
  ]);
  await assert.rejects(
    f.gateway.describeKeys(['no-such-key'], () => undefined),
    /No KMS key "no-such-key"/,
  );
});

test('getPolicy returns the exact text with its SHA-256', async t => {
  const f = await withSandbox();
  t.after(f.cleanup);
  const key = await f.gateway.describeKey('alias/console-v3');
  const byId = await f.gateway.getPolicy(key.keyId);
  const byArn = await f.gateway.getPolicy(key.arn);
  assert.equal(byId.text, byArn.text);
  assert.equal(byId.arn, key.arn);
  assert.equal(byId.keyId, key.keyId);
  assert.equal(byId.sha256, createHash('sha256').update(byId.text, 'utf8').digest('hex'));
  assert.match(byId.text, /key-consolepolicy-3/);
  assert.ok(!Number.isNaN(Date.parse(byId.fetchedAt)));
});

test('identity comes from STS GetCallerIdentity and is asked once', async t => {
  const f = await withSandbox();
  t.after(f.cleanup);
  const first = await f.gateway.identity();
  const second = await f.gateway.identity();
  assert.deepEqual(first, second);
  assert.equal(first.account, '111122223333');
  assert.equal(first.arn, 'arn:aws:iam::111122223333:root');
  assert.equal(f.sandbox.log.filter(e => e.operation === 'GetCallerIdentity').length, 1);
  assert.deepEqual(f.gateway.info, {
    region: 'us-east-1',
    endpoint: f.sandbox.endpoint,
    sandbox: true,
    readOnly: false,
  });
});

test('throttling is survived: adaptive retries ride out the sandbox quotas', async t => {
  const f = await withSandbox({faults: {throttle: {DescribeKey: 8, GetKeyPolicy: 8}}});
  t.after(f.cleanup);
  const ids = (await f.gateway.listKeys()).map(k => k.keyId);
  const seen: string[] = [];
  await f.gateway.describeKeys(ids, key => seen.push(key.keyId));
  assert.equal(seen.length, ids.length);
  const throttled = f.sandbox.log.filter(e => e.error === 'ThrottlingException').length;
  assert.ok(throttled > 0, 'the sandbox throttled some calls');
  const policies = await Promise.all(ids.slice(0, 12).map(id => f.gateway.getPolicy(id)));
  assert.equal(policies.length, 12);
});

test('errors from KMS over HTTP arrive as one sentence with the next step', async t => {
  const f = await withSandbox();
  t.after(f.cleanup);
  const proxy = await startKmsProxy(f.sandbox.endpoint, operation => {
    if (operation === 'ListKeys') {
      return {
        status: 400,
        body: JSON.stringify({
          __type: 'ExpiredTokenException',
          message: 'The security token included in the request is expired',
        }),
      };
    }
    if (operation === 'GetKeyPolicy') {
      return {
        status: 400,
        body: JSON.stringify({
          __type: 'AccessDeniedException',
          Message: 'User: x is not authorized to perform: kms:GetKeyPolicy',
        }),
      };
    }
    return undefined;
  });
  t.after(proxy.close);
  const gateway = createKmsGateway({
    region: 'us-east-1',
    profile: 'prod',
    endpoint: proxy.endpoint,
    credentials: {...SANDBOX_CREDENTIALS},
    stateDir: f.stateDir,
  });
  t.after(() => gateway.close());
  await assert.rejects(gateway.listKeys(), {
    message:
      'The AWS session token has expired: refresh your credentials (e.g. `aws sso login --profile prod`) and retry.',
  });
  const key = await gateway.describeKey('alias/console-v1');
  await assert.rejects(gateway.getPolicy(key.arn), {
    message:
      /^Access denied: the caller needs kms:GetKeyPolicy on "arn:aws:kms:us-east-1:111122223333:key\/[0-9a-f-]+", granted by an IAM policy or the key policy\.$/,
  });
});
