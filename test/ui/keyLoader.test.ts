import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import type {KmsGateway} from '../../source/aws/types.js';
import {KeyLoader} from '../../source/ui/keyLoader.js';
import {withSandbox, type SandboxFixture} from '../helpers/sandbox.js';

let fixture: SandboxFixture;
before(async () => {
  fixture = await withSandbox({extraKeys: 300});
});
after(async () => {
  await fixture.cleanup();
});

/** The real gateway, counting GetKeyPolicy calls in flight and recording the order keys are asked for. */
function counting(gateway: KmsGateway) {
  const stats = {inFlight: 0, peak: 0, describeAsked: [] as string[], policyAsked: [] as string[]};
  const wrapped: KmsGateway = Object.create(gateway);
  wrapped.describeKeys = (keyIds, onKey, options) => {
    stats.describeAsked.push(...keyIds);
    return gateway.describeKeys(keyIds, onKey, options);
  };
  wrapped.getPolicy = async (keyId: string, options?: {signal?: AbortSignal}) => {
    stats.policyAsked.push(keyId);
    stats.peak = Math.max(stats.peak, ++stats.inFlight);
    try {
      return await gateway.getPolicy(keyId, options);
    } finally {
      stats.inFlight--;
    }
  };
  return {gateway: wrapped, stats};
}

async function until(check: () => boolean, timeoutMs = 20_000) {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise(resolve => setTimeout(resolve, 10));
  }
}

test('the rows on screen are described and classified first; every key gets a badge', async () => {
  const keys = await fixture.gateway.listKeys();
  const ids = keys.map(k => k.keyId);
  const visible = ids.slice(-5); // the bottom of the list, as after G
  const {gateway, stats} = counting(fixture.gateway);
  const from = fixture.sandbox.log.length;
  let updates = 0;
  const loader = new KeyLoader(gateway, ids, () => updates++);
  loader.prioritise(visible);
  loader.start();
  await until(() => loader.progress.classified === ids.length);
  loader.stop();

  // The order keypol asks in, not the order a (possibly loaded) machine answers in: the visible keys
  // (from the bottom of 318) lead the DescribeKey queue, and their policies are fetched within the
  // first two pools' worth (a policy is asked for when its key's description arrives).
  assert.deepEqual(new Set(stats.describeAsked.slice(0, visible.length)), new Set(visible));
  const firstPolicies = stats.policyAsked.slice(0, 48);
  assert.ok(
    visible.every(id => firstPolicies.includes(id)),
    `the visible keys are classified first: ${JSON.stringify(firstPolicies.slice(0, 10))}`,
  );
  assert.ok(fixture.sandbox.log.length > from, 'the calls reached the sandbox');
  assert.ok(stats.peak <= 24, `GetKeyPolicy concurrency stays bounded (peak ${stats.peak})`);
  assert.equal(loader.badges.size, ids.length);
  assert.equal(loader.progress.described, ids.length);
  assert.ok([...loader.badges.values()].some(b => b.label === 'AWS managed'));
  assert.ok(updates > 0);
});

test('stop() ends the work: no further calls reach the sandbox', async () => {
  const ids = (await fixture.gateway.listKeys()).map(k => k.keyId);
  const loader = new KeyLoader(fixture.gateway, ids, () => {});
  loader.start();
  await until(() => loader.progress.described > 0);
  loader.stop();
  await new Promise(resolve => setTimeout(resolve, 200)); // let calls already in flight land
  const settled = fixture.sandbox.log.length;
  await new Promise(resolve => setTimeout(resolve, 300));
  assert.equal(fixture.sandbox.log.length, settled);
  assert.ok(loader.progress.classified < ids.length, 'it did not run to the end');
});

test('a keystroke holds back new requests for a moment, then loading resumes', async () => {
  const ids = (await fixture.gateway.listKeys()).map(k => k.keyId);
  const from = fixture.sandbox.log.length;
  const loader = new KeyLoader(fixture.gateway, ids, () => {});
  loader.yieldToInput();
  loader.start();
  await new Promise(resolve => setTimeout(resolve, 250));
  assert.deepEqual(
    fixture.sandbox.log.slice(from).map(e => e.operation),
    [],
    'nothing was asked while the operator typed',
  );
  await until(() => loader.progress.described > 0);
  loader.stop();
});

test('stop() aborts the policy requests in flight: they end without waiting for the answer', async t => {
  const slow = await withSandbox({faults: {latencyMs: 5000}});
  t.after(slow.cleanup);
  const ids = (await slow.gateway.listKeys()).map(k => k.keyId);
  const keys = await Promise.all(ids.slice(0, 8).map(id => slow.gateway.describeKey(id)));
  const {gateway, stats} = counting(slow.gateway);
  const loader = new KeyLoader(gateway, [], () => {});
  loader.start();
  for (const key of keys) loader.refresh(key.keyId, key); // straight to GetKeyPolicy
  await until(() => stats.inFlight > 0);
  const stoppedAt = performance.now();
  loader.stop();
  await until(() => stats.inFlight === 0, 4000);
  const elapsed = performance.now() - stoppedAt;
  // Well before the 5 s answer: aborted, not answered, even on a loaded machine.
  assert.ok(elapsed < 4000, `the calls ended ${Math.round(elapsed)} ms after stop()`);
  assert.equal(loader.badges.size, 0, 'an aborted call leaves no badge');
});

test("detailsFor gives the listing's aliases, keeping the object while they do not change", () => {
  const loader = new KeyLoader(fixture.gateway, [], () => {});
  const summary = {keyId: 'k1', arn: 'arn:aws:kms:us-east-1:111122223333:key/k1', aliases: ['alias/late']};
  const described = {
    ...summary,
    aliases: [], // DescribeKey answered before ListAliases reached this key's page
    accountId: '111122223333',
    state: 'Enabled',
    enabled: true,
    keySpec: 'SYMMETRIC_DEFAULT',
    keyUsage: 'ENCRYPT_DECRYPT',
    keyManager: 'CUSTOMER' as const,
    origin: 'AWS_KMS',
    description: '',
    multiRegion: false,
  };
  loader.details.set('k1', described);
  const first = loader.detailsFor(summary);
  assert.deepEqual(first?.aliases, ['alias/late']);
  assert.equal(loader.detailsFor({...summary, aliases: ['alias/late']}), first);
  assert.equal(loader.detailsFor({...summary, keyId: 'other'}), undefined);
});
