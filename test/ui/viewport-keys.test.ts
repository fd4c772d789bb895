// The key list's reaction to a burst of keys (one read): every key counts, in order, each from
// the state the previous one left, even when the screen has not rendered in between.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {Key} from 'ink';
import {NO_KEY as NONE} from './fixtures.js';
import {applyListKeys, LIST_TOP, type ListContext, type ListState} from '../../source/ui/keyListKeys.js';
import {buildRow, type KeyRow} from '../../source/ui/keyRows.js';
import {filterRows} from '../../source/ui/keyFilter.js';
import {sortRows, type SortColumn} from '../../source/ui/keySort.js';
import {splitKeys} from '../../source/ui/keymap.js';

const press = (flags: Partial<Key>, input = ''): [string, Key] => [input, {...NONE, ...flags}];
const DOWN = press({downArrow: true});
const PGDN = press({pageDown: true});

// 100 keys: alias key-000 … key-099, ids counting down so the id order is the reverse.
const ROWS: KeyRow[] = Array.from({length: 100}, (_, i) => {
  const n = String(i).padStart(3, '0');
  const id = `${String(99 - i).padStart(8, '0')}-0000-4000-8000-000000000000`;
  return buildRow({keyId: id, arn: `arn:${id}`, aliases: [`alias/key-${n}`]});
});

/** What the screen passes after rendering `state`. */
function rendered(state: ListState, height = 10): ListContext {
  const sorted = sortRows(ROWS, state.sort);
  return {
    rows: ROWS,
    sort: state.sort,
    sorted,
    query: state.query,
    shown: filterRows(sorted, state.query),
    height,
  };
}
const START: ListState = {view: LIST_TOP, query: '', sort: 'alias' as SortColumn, editing: false};

test('three Downs in one read move three rows; three PgDns move three pages', () => {
  assert.equal(applyListKeys(START, [DOWN, DOWN, DOWN], rendered(START)).state.view.cursor, 3);
  // A page is the table height less one row of context.
  assert.equal(applyListKeys(START, [PGDN, PGDN, PGDN], rendered(START)).state.view.cursor, 27);
  assert.equal(applyListKeys(START, splitKeys('jjj', NONE), rendered(START)).state.view.cursor, 3);
});

test('keys handled before the screen rendered again start from the latest state, not the rendered one', () => {
  // Two reads in a row, no render between: the second starts from what the first left.
  const first = applyListKeys(START, [DOWN], rendered(START)).state;
  const second = applyListKeys(first, [DOWN, DOWN], rendered(START)).state;
  assert.equal(second.view.cursor, 3);
  // The filter changed since the render: the rows are those of the new filter.
  const filtered = {...START, query: 'key-05'};
  const opened = applyListKeys(filtered, [DOWN, press({return: true})], rendered(START)).open;
  assert.equal(opened?.cells.alias, 'key-051');
});

test('/text⏎ in one read filters and applies; the keys after it move in the filtered list', () => {
  const result = applyListKeys(START, splitKeys('/key-09\rjj', NONE), rendered(START));
  assert.equal(result.state.query, 'key-09');
  assert.equal(result.state.editing, false);
  assert.equal(result.state.view.cursor, 2);
  const open = applyListKeys(result.state, [press({return: true})], rendered(result.state)).open;
  assert.equal(open?.cells.alias, 'key-092');
  // Without the Enter the text field keeps the keyboard.
  const typing = applyListKeys(START, splitKeys('/key', NONE), rendered(START)).state;
  assert.deepEqual([typing.query, typing.editing], ['key', true]);
});

test('s then Enter in one read opens the first key of the new order; q quits; r refreshes', () => {
  const result = applyListKeys(START, [press({}, 's'), press({return: true})], rendered(START));
  assert.equal(result.state.sort, 'id');
  assert.equal(result.open?.cells.alias, 'key-099', 'by key id the last alias comes first');
  assert.equal(applyListKeys(START, [press({}, 'q')], rendered(START)).quit, true);
  assert.equal(applyListKeys(START, [press({}, 'r')], rendered(START)).refresh, true);
  const cleared = applyListKeys(
    {...START, query: 'key-1', view: {cursor: 4, offset: 0}},
    [press({escape: true})],
    rendered(START),
  );
  assert.deepEqual([cleared.state.query, cleared.state.view.cursor], ['', 0]);
});
