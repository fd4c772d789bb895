import {test} from 'node:test';
import assert from 'node:assert/strict';
import {setTimeout as sleep} from 'node:timers/promises';
import {forEachPooled} from '../../source/aws/pool.js';

test('at most `limit` tasks run at once, started in the given order', async () => {
  let running = 0;
  let peak = 0;
  const started: number[] = [];
  await forEachPooled([...Array(20).keys()], 4, async item => {
    started.push(item);
    running++;
    peak = Math.max(peak, running);
    await sleep(5 + (item % 3));
    running--;
  });
  assert.equal(peak, 4);
  assert.deepEqual(started, [...Array(20).keys()]);
});

test('the first failure stops new work and is rethrown', async () => {
  const started: number[] = [];
  await assert.rejects(
    forEachPooled([...Array(10).keys()], 2, async item => {
      started.push(item);
      await sleep(2);
      if (item === 1) throw new Error('boom');
    }),
    /boom/,
  );
  assert.ok(started.length < 10, String(started.length));
});

test('an abort stops new work and rejects with the abort reason', async () => {
  const controller = new AbortController();
  const started: number[] = [];
  const run = forEachPooled(
    [...Array(10).keys()],
    2,
    async item => {
      started.push(item);
      if (item === 2) controller.abort();
      await sleep(2);
    },
    controller.signal,
  );
  await assert.rejects(run, {name: 'AbortError'});
  assert.ok(started.length <= 4, String(started.length));
});

test('an empty list finishes at once', async () => {
  let calls = 0;
  await forEachPooled([], 8, async () => void calls++);
  assert.equal(calls, 0);
});
