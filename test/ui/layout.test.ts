import {test} from 'node:test';
import assert from 'node:assert/strict';
import {GAP, layoutColumns, MARKER_WIDTH} from '../../source/ui/columns.js';
import {displayWidth, fit, truncate} from '../../source/policy/index.js';

const total = (width: number) => {
  const columns = layoutColumns(width);
  return MARKER_WIDTH + columns.reduce((sum, c) => sum + c.width, 0) + GAP * (columns.length - 1);
};

test('the table fills exactly the terminal width, from 20 to 250 columns', () => {
  for (let width = 20; width <= 250; width++) assert.equal(total(width), width, `at ${width} columns`);
});

test('at 80 and 100 columns: alias, id, state, spec, policy and description; the manager column is dropped', () => {
  const columns = layoutColumns(80);
  assert.deepEqual(
    columns.map(c => c.key),
    ['alias', 'id', 'state', 'spec', 'badge', 'description'],
  );
  assert.ok(columns.find(c => c.key === 'alias')!.width >= 20);
  const badge = columns.find(c => c.key === 'badge')!.width;
  for (const label of [
    'current',
    'outdated v1',
    'modified v3',
    'incomplete',
    'API default',
    'AWS managed',
    'invalid JSON',
  ])
    assert.ok(label.length <= badge, `"${label}" fits the ${badge}-cell policy column at 80 columns`);
  const at100 = layoutColumns(100);
  assert.ok(!at100.some(c => c.key === 'manager'));
  assert.ok(at100.find(c => c.key === 'description')!.width >= 22, 'the description gets the room');
});

test('from 120 columns the whole key id shows (a cut one cannot be copied); below, its short form', () => {
  assert.equal(layoutColumns(120).find(c => c.key === 'id')!.width, 36);
  assert.equal(layoutColumns(100).find(c => c.key === 'id')!.width, 10);
});

test('wide terminals show the manager and the whole key id', () => {
  const columns = layoutColumns(200);
  assert.ok(columns.some(c => c.key === 'manager'));
  assert.equal(columns.find(c => c.key === 'id')!.width, 36);
});

test('truncation counts terminal cells, not UTF-16 units', () => {
  assert.equal(truncate('alias/payments-prod', 10), 'alias/pay…');
  assert.equal(truncate('short', 10), 'short');
  assert.equal(displayWidth('鍵の説明'), 8);
  assert.equal(truncate('鍵の説明です', 7), '鍵の説…');
  assert.equal(displayWidth(truncate('鍵の説明です', 7)), 7);
  assert.equal(displayWidth('e\u0301'), 1, 'a combining accent takes no cell');
  assert.equal(displayWidth('🔑'), 2);
  assert.equal(fit('鍵', 4), '鍵  ');
  assert.equal(truncate('anything', 0), '');
});
