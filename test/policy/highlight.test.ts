import {test} from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {tokenizeJson} from '../../source/policy/index.js';
import {anyText, fixtureText} from './helpers.js';

test('keys, strings, numbers, literals and punctuation are told apart', () => {
  const tokens = tokenizeJson('{"Sid" : "x", "n": -1.5e3, "b": [true, null]}').filter(
    t => t.type !== 'plain',
  );
  assert.deepEqual(
    tokens.map(t => `${t.type}:${t.text}`),
    [
      'punctuation:{',
      'key:"Sid"',
      'punctuation::',
      'string:"x"',
      'punctuation:,',
      'key:"n"',
      'punctuation::',
      'number:-1.5e3',
      'punctuation:,',
      'key:"b"',
      'punctuation::',
      'punctuation:[',
      'boolean:true',
      'punctuation:,',
      'null:null',
      'punctuation:]',
      'punctuation:}',
    ],
  );
});

test('joining the tokens gives back the input, for fixtures and for any string', () => {
  const text = fixtureText('console-v2');
  assert.equal(
    tokenizeJson(text)
      .map(t => t.text)
      .join(''),
    text,
  );
  fc.assert(
    fc.property(fc.oneof(fc.string(), fc.json(), anyText), s => {
      assert.equal(
        tokenizeJson(s)
          .map(t => t.text)
          .join(''),
        s,
      );
    }),
    {numRuns: 500},
  );
});

test('an unterminated string stays plain text', () => {
  assert.deepEqual(tokenizeJson('"abc'), [{type: 'plain', text: '"abc'}]);
});
