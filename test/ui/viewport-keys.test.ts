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
function rendered(state: ListState, height = 10, visible = ['alias', 'id', 'state', 'badge']): ListContext {
  const sorted = sortRows(ROWS, state.sort, state.reverse);
  return {
    rows: ROWS,
    sort: state.sort,
    reverse: state.reverse,
    sorted,
    query: state.query,
    shown: filterRows(sorted, state.query),
    height,
    visible,
  };
}
const START: ListState = {
  view: LIST_TOP,
  query: '',
  sort: 'alias' as SortColumn,
  reverse: false,
  editing: false,
};
const selectedAlias = (state: ListState) =>
  filterRows(sortRows(ROWS, state.sort, state.reverse), state.query)[state.view.cursor]?.cells.alias;

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

test('s and S keep the cursor on its key; Enter right after opens that key; q quits; r refreshes', () => {
  const onKey5 = {...START, view: {cursor: 5, offset: 0}};
  const result = applyListKeys(onKey5, [press({}, 's'), press({return: true})], rendered(onKey5));
  assert.equal(result.state.sort, 'id');
  assert.equal(result.open?.cells.alias, 'key-005', 'the selected key, wherever the new order put it');
  assert.equal(selectedAlias(result.state), 'key-005');
  assert.equal(result.state.view.cursor - result.state.view.offset, 5, 'at the same height on screen');
  const reversed = applyListKeys(onKey5, [press({shift: true}, 'S')], rendered(onKey5)).state;
  assert.equal(reversed.reverse, true);
  assert.equal(selectedAlias(reversed), 'key-005');
  assert.equal(sortRows(ROWS, 'alias', true)[0]?.cells.alias, 'key-099', 'reversed: the last alias first');
  assert.equal(applyListKeys(START, [press({}, 'q')], rendered(START)).quit, true);
  assert.equal(applyListKeys(START, [press({}, 'r')], rendered(START)).refresh, true);
});

test('clearing the filter keeps the cursor on the key it was on', () => {
  const filtered = {...START, query: 'key-01', view: {cursor: 4, offset: 0}};
  assert.equal(selectedAlias(filtered), 'key-014');
  const cleared = applyListKeys(filtered, [press({escape: true})], rendered(filtered)).state;
  assert.equal(cleared.query, '');
  assert.equal(selectedAlias(cleared), 'key-014');
});

test('s cycles only through the columns on screen', () => {
  let state = START;
  const seen: string[] = [];
  for (let i = 0; i < 5; i++) {
    state = applyListKeys(state, [press({}, 's')], rendered(state, 10, ['alias', 'id', 'badge'])).state;
    seen.push(state.sort);
  }
  assert.deepEqual(seen, ['id', 'badge', 'alias', 'id', 'badge'], 'never state, spec or manager');
});

test('y on a row asks for its ARN to be copied', () => {
  const copy = applyListKeys(
    {...START, view: {cursor: 2, offset: 0}},
    [press({}, 'y')],
    rendered(START),
  ).copy;
  assert.equal(copy?.cells.alias, 'key-002');
});
