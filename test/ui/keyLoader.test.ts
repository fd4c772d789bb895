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

/** The real gateway, counting GetKeyPolicy calls in flight. */
function counting(gateway: KmsGateway) {
  const stats = {inFlight: 0, peak: 0};
  const wrapped: KmsGateway = Object.create(gateway);
  wrapped.getPolicy = async (keyId: string) => {
    stats.peak = Math.max(stats.peak, ++stats.inFlight);
    try {
      return await gateway.getPolicy(keyId);
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

  const log = fixture.sandbox.log.slice(from);
  const described = log.filter(e => e.operation === 'DescribeKey').map(e => e.keyId);
  const firstFive = new Set(described.slice(0, 5));
  assert.ok(
    visible.every(id => firstFive.has(id) || [...firstFive].some(k => k && id.endsWith(k))),
    `the visible keys are described first: ${JSON.stringify(described.slice(0, 5))}`,
  );
  const policies = log.filter(e => e.operation === 'GetKeyPolicy').map(e => e.keyId ?? '');
  assert.ok(
    policies.slice(0, 5).every(k => visible.some(id => id.endsWith(k) || k.endsWith(id))),
    'and classified first',
  );
  assert.ok(stats.peak <= 6, `GetKeyPolicy concurrency stays bounded (peak ${stats.peak})`);
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
