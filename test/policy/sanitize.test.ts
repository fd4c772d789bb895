import {test} from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {sanitizeText} from '../../source/policy/index.js';
import {anyText} from './helpers.js';

test('escape sequences are replaced by a visible marker', () => {
  assert.equal(sanitizeText('a\x1b[31mred\x1b[0m'), 'a␛red␛');
  assert.equal(sanitizeText('x\x1b]0;evil title\x07y'), 'x␛y');
  assert.equal(sanitizeText('x\x1b]8;;http://e.example\x1b\\link\x1b]8;;\x1b\\'), 'x␛link␛');
  assert.equal(sanitizeText('\x1bPq#0;2\x1b\\'), '␛');
  assert.equal(sanitizeText('a\x1bcb'), 'a␛b');
  assert.equal(sanitizeText('a\x9b2Jb'), 'a␛b');
});

test('controls become control pictures, C1 and bidi overrides become �', () => {
  assert.equal(sanitizeText('a\x00b\x07c\x7f'), 'a␀b␇c␡');
  assert.equal(sanitizeText('a\x85b'), 'a�b');
  assert.equal(sanitizeText('abc\u202edef'), 'abc�def');
  assert.equal(sanitizeText('ok café ✓'), 'ok café ✓');
});

test('newlines and tabs collapse to a space, or newlines stay when asked', () => {
  assert.equal(sanitizeText('a\r\n\tb\nc'), 'a b c');
  assert.equal(sanitizeText('a\r\nb\rc\n\td', {keepNewlines: true}), 'a\nb\nc\n  d');
});

test('property: the result never contains ESC, C0 (except kept newlines), DEL or C1 characters', () => {
  fc.assert(
    fc.property(anyText, fc.boolean(), (s, keepNewlines) => {
      const out = sanitizeText(s, {keepNewlines});
      const allowed = keepNewlines ? /[\x00-\x09\x0b-\x1f\x7f-\x9f]/ : /[\x00-\x1f\x7f-\x9f]/;
      assert.equal(allowed.test(out), false, JSON.stringify(out));
    }),
    {numRuns: 500},
  );
});
