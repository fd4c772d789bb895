import {test} from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {escapeJsonText, sanitizeText} from '../../source/policy/index.js';
import {anyText} from './helpers.js';

test('escape sequences are replaced by a visible marker', () => {
  assert.equal(sanitizeText('a\x1b[31mred\x1b[0m'), 'a␛red␛');
  assert.equal(sanitizeText('x\x1b]0;evil title\x07y'), 'x␛y');
  assert.equal(sanitizeText('x\x1b]8;;http://e.example\x1b\\link\x1b]8;;\x1b\\'), 'x␛link␛');
  assert.equal(sanitizeText('\x1bPq#0;2\x1b\\'), '␛');
  assert.equal(sanitizeText('a\x1bcb'), 'a␛b');
  assert.equal(sanitizeText('a\x9b2Jb'), 'a␛b');
});

test('controls become control pictures; C1, bidi overrides and invisible characters show their code point', () => {
  assert.equal(sanitizeText('a\x00b\x07c\x7f'), 'a␀b␇c␡');
  assert.equal(sanitizeText('a\x85b'), 'a<U+0085>b');
  assert.equal(sanitizeText('abc\u202edef'), 'abc<U+202E>def');
  assert.equal(sanitizeText('ok café ✓ 日本 👍'), 'ok café ✓ 日本 👍');
});

test('an alias with a zero-width space does not look like the alias without it', () => {
  assert.equal(sanitizeText('alias\u200bprod'), 'alias<U+200B>prod');
  assert.notEqual(sanitizeText('alias\u200bprod'), sanitizeText('aliasprod'));
});

test('every invisible, format, bidi and separator character is made visible', () => {
  const invisible = [
    0x00ad, 0x061c, 0x180e, 0x200b, 0x200c, 0x200d, 0x200e, 0x200f, 0x2028, 0x2029, 0x202a, 0x202b, 0x202c,
    0x202d, 0x202e, 0x2060, 0x2061, 0x2066, 0x2067, 0x2068, 0x2069, 0xfeff, 0xfff9, 0xe0001, 0xe0041,
  ];
  for (const code of [...invisible, ...Array.from({length: 0x21}, (_, i) => 0x7f + i)]) {
    const ch = String.fromCodePoint(code);
    for (const keepNewlines of [false, true]) {
      const out = sanitizeText(`a${ch}b`, {keepNewlines});
      assert.ok(!out.includes(ch), `U+${code.toString(16)} passed through`);
      assert.notEqual(out, 'ab', `U+${code.toString(16)} vanished without a trace`);
    }
  }
  // A line separator does not start a new row.
  assert.equal(sanitizeText('row\u2028two', {keepNewlines: true}), 'row<U+2028>two');
});

test('newlines and tabs collapse to a space, or newlines stay when asked', () => {
  assert.equal(sanitizeText('a\r\n\tb\nc'), 'a b c');
  assert.equal(sanitizeText('a\r\nb\rc\n\td', {keepNewlines: true}), 'a\nb\nc\n  d');
});

/** Text weighted towards the characters that hide: format, separators, controls. */
const hidingText = fc
  .array(
    fc.oneof(
      anyText,
      fc.constantFrom(
        '\u200b',
        '\u200d',
        '\u2060',
        '\ufeff',
        '\u200e',
        '\u061c',
        '\u2028',
        '\u2066',
        '\u{e0041}',
      ),
    ),
    {maxLength: 6},
  )
  .map(parts => parts.join(''));

test('property: the result never contains a control (except kept newlines), format or separator character', () => {
  fc.assert(
    fc.property(hidingText, fc.boolean(), (s, keepNewlines) => {
      const out = sanitizeText(s, {keepNewlines});
      const visible = keepNewlines ? out.replace(/\n/g, '') : out;
      assert.equal(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u.test(visible), false, JSON.stringify(out));
    }),
    {numRuns: 500},
  );
});

test('property: escapeJsonText keeps JSON valid and equal, with no raw C1, DEL or invisible character', () => {
  fc.assert(
    fc.property(fc.jsonValue(), hidingText, (value, text) => {
      const json = JSON.stringify({value, text, [text]: 1}, null, 2);
      const escaped = escapeJsonText(json);
      assert.deepEqual(JSON.parse(escaped), JSON.parse(json));
      assert.equal(/[\x7f-\x9f\p{Cf}\p{Zl}\p{Zp}]/u.test(escaped), false, escaped);
    }),
    {numRuns: 300},
  );
});
