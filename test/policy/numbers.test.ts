// Counts for people: en-US digit grouping, the same whatever the machine's locale.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {formatCount} from '../../source/policy/index.js';

test('formatCount groups thousands with commas and leaves small counts alone', () => {
  assert.equal(formatCount(0), '0');
  assert.equal(formatCount(7), '7');
  assert.equal(formatCount(999), '999');
  assert.equal(formatCount(2000), '2,000');
  assert.equal(formatCount(10_022), '10,022');
  assert.equal(formatCount(32_768), '32,768');
  assert.equal(formatCount(1_234_567), '1,234,567');
});
