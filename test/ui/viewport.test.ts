import {test} from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {follow, move, visibleRange, type Move} from '../../source/ui/viewport.js';

test('moving down past the bottom edge scrolls the viewport by one row', () => {
  let view = {cursor: 0, offset: 0};
  for (let i = 0; i < 5; i++) view = move(view, 'down', 100, 5);
  assert.deepEqual(view, {cursor: 5, offset: 1});
  assert.deepEqual(visibleRange(view, 100, 5), {start: 1, end: 6});
});

test('g and G jump to the ends; the cursor never leaves the list', () => {
  assert.deepEqual(move({cursor: 40, offset: 38}, 'bottom', 100, 10), {cursor: 99, offset: 90});
  assert.deepEqual(move({cursor: 40, offset: 38}, 'top', 100, 10), {cursor: 0, offset: 0});
  assert.deepEqual(move({cursor: 0, offset: 0}, 'up', 100, 10), {cursor: 0, offset: 0});
  assert.deepEqual(move({cursor: 99, offset: 90}, 'down', 100, 10), {cursor: 99, offset: 90});
});

test('a page turn keeps one row of context and moves the viewport with the cursor', () => {
  const view = move({cursor: 3, offset: 0}, 'pageDown', 100, 10);
  assert.deepEqual(view, {cursor: 12, offset: 9});
  assert.deepEqual(move(view, 'pageUp', 100, 10), {cursor: 3, offset: 0});
});

test('an empty list or a zero-height viewport gives the origin', () => {
  assert.deepEqual(move({cursor: 4, offset: 2}, 'down', 0, 10), {cursor: 0, offset: 0});
  assert.deepEqual(follow({cursor: 4, offset: 2}, 10, 0), {cursor: 0, offset: 0});
  assert.deepEqual(visibleRange({cursor: 0, offset: 0}, 0, 10), {start: 0, end: 0});
});

test('when the list shrinks under the cursor (a filter) or the terminal grows, the view is clamped', () => {
  assert.deepEqual(follow({cursor: 80, offset: 75}, 10, 5), {cursor: 9, offset: 5});
  assert.deepEqual(follow({cursor: 80, offset: 75}, 100, 30), {cursor: 80, offset: 70});
});

test('property: after any moves the cursor is in range and inside the viewport', () => {
  const moves = fc.constantFrom<Move>('up', 'down', 'top', 'bottom', 'pageUp', 'pageDown');
  fc.assert(
    fc.property(
      fc.nat(300),
      fc.integer({min: 1, max: 60}),
      fc.array(moves, {maxLength: 50}),
      (count, height, steps) => {
        let view = {cursor: 0, offset: 0};
        for (const step of steps) view = move(view, step, count, height);
        const {start, end} = visibleRange(view, count, height);
        if (count === 0) return view.cursor === 0 && start === 0 && end === 0;
        return (
          view.cursor >= start &&
          view.cursor < end &&
          end - start === Math.min(count, height) &&
          view.cursor < count
        );
      },
    ),
  );
});
