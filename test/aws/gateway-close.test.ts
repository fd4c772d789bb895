import {test} from 'node:test';
import assert from 'node:assert/strict';
import {withSandbox} from '../helpers/sandbox.js';

const settled = (promise: Promise<unknown>) =>
  promise.then(
    () => ({ok: true as const}),
    (error: unknown) => ({ok: false as const, error}),
  );

test('close() aborts calls in flight and queued: they reject at once, not after the latency or retries', async t => {
  const f = await withSandbox({faults: {latencyMs: 3000}});
  t.after(f.cleanup);
  const gateway = f.makeGateway();
  const ref = 'alias/console-v1';
  const arn = 'arn:aws:kms:us-east-1:111122223333:alias/console-v1';
  const calls = [
    settled(gateway.getPolicy(arn)),
    settled(gateway.describeKey(ref)),
    settled(gateway.listKeys()),
    settled(gateway.identity()),
    // 30 keys through a pool of 24: some are still queued when close() comes.
    settled(
      gateway.describeKeys(
        Array.from({length: 30}, () => ref),
        () => {},
      ),
    ),
  ];
  await new Promise(resolve => setTimeout(resolve, 100)); // the requests are on the wire
  const closedAt = performance.now();
  gateway.close();
  const results = await Promise.all(calls);
  const elapsed = performance.now() - closedAt;
  // Well before the 3 s answer: they were aborted, not answered (a loaded machine adds its own delay).
  assert.ok(elapsed < 2000, `settled ${Math.round(elapsed)} ms after close()`);
  for (const result of results) {
    assert.equal(result.ok, false);
    assert.equal((result as {error: Error}).error.name, 'AbortError');
  }
  const after = await settled(gateway.getPolicy(arn));
  assert.equal(after.ok, false, 'a call after close() fails too');
});

test("getPolicy's own signal aborts only that call", async t => {
  const f = await withSandbox({faults: {latencyMs: 300}});
  t.after(f.cleanup);
  const arn = (await f.gateway.describeKey('alias/console-v1')).arn;
  const abort = new AbortController();
  const cancelled = settled(f.gateway.getPolicy(arn, {signal: abort.signal}));
  const kept = f.gateway.getPolicy(arn);
  abort.abort();
  const result = await cancelled;
  assert.equal(result.ok, false);
  assert.equal((await kept).arn, arn);
});

test('listKeys streams: rows once ListKeys is done, aliases filling in page by page', async t => {
  const f = await withSandbox({seed: 'empty', extraKeys: 450, faults: {latencyMs: 20}});
  t.after(f.cleanup);
  const partials: {keys: number; aliased: number; loaded: number}[] = [];
  const seen = new Map<string, unknown>();
  let kept = 0;
  const keys = await f.gateway.listKeys({
    onPartial: ({keys: list, aliasesLoaded}) => {
      partials.push({
        keys: list.length,
        aliased: list.filter(k => k.aliases.length).length,
        loaded: aliasesLoaded,
      });
      // A summary whose aliases did not change keeps its identity.
      for (const key of list) {
        if (seen.get(key.keyId) === key) kept++;
        seen.set(key.keyId, key);
      }
    },
  });
  assert.equal(keys.length, 450);
  assert.equal(keys.filter(k => k.aliases.length).length, 450);
  assert.ok(partials.length >= 1, 'at least one partial list before the last alias page');
  for (const partial of partials) {
    assert.equal(partial.keys, 450, 'every key is there from the first partial list on');
    assert.ok(partial.aliased < 450);
  }
  for (let i = 1; i < partials.length; i++) assert.ok(partials[i]!.loaded > partials[i - 1]!.loaded);
  if (partials.length > 1) assert.ok(kept > 0);
});
