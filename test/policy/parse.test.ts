import {test} from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {POLICY_MAX_BYTES, parsePolicy, policyByteLength, positionsIn} from '../../source/policy/index.js';
import {anyText, fixtureText} from './helpers.js';

test('parses KMS formatted JSON ("Key" : value) and keeps the document as written', () => {
  const result = parsePolicy(fixtureText('console-v2'));
  assert.ok(result.ok);
  assert.equal(result.document.Id, 'key-consolepolicy-2');
  assert.equal(result.document.Statement.length, 4);
  assert.deepEqual(Object.keys(result.document), ['Version', 'Id', 'Statement']);
});

test('errors carry 1-based line and column', () => {
  const result = parsePolicy('{\n  "Version": "2012-10-17",\n  "Statement": [,]\n}');
  assert.equal(result.ok, false);
  if (result.ok) return;
  assert.deepEqual([result.errors[0]?.line, result.errors[0]?.column], [3, 17]);
});

test('comments and trailing commas are rejected (strict JSON)', () => {
  const comment = parsePolicy('{"Statement": [] // no\n}');
  assert.equal(comment.ok, false);
  if (!comment.ok) assert.match(comment.errors[0]?.message ?? '', /comment/);
  const trailing = parsePolicy('{"Statement": [],\n}');
  assert.equal(trailing.ok, false);
  if (!trailing.ok) assert.deepEqual([trailing.errors[0]?.line, trailing.errors[0]?.column], [2, 1]);
});

test('a non-object root is an error; empty text is an error', () => {
  for (const text of ['[]', '"x"', 'null', '  42', '']) {
    const result = parsePolicy(text);
    assert.equal(result.ok, false, text);
  }
});

test('a single Statement object becomes a one-element array', () => {
  const result = parsePolicy('{"Version":"2012-10-17","Statement":{"Effect":"Allow"}}');
  assert.ok(result.ok);
  assert.deepEqual(result.document.Statement, [{Effect: 'Allow'}]);
});

test('missing or malformed Statement gives an empty list (validate reports it)', () => {
  for (const text of ['{"Version":"2012-10-17"}', '{"Statement": 5}', '{"Statement": [1, null, "x"]}']) {
    const result = parsePolicy(text);
    assert.ok(result.ok, text);
    assert.deepEqual(result.document.Statement, []);
  }
});

test('byte length is UTF-8: Latin-1 characters above 0x7F count twice', () => {
  assert.equal(policyByteLength('abc'), 3);
  assert.equal(policyByteLength('é'), 2);
  assert.equal(policyByteLength('€'), 3);
  assert.equal(POLICY_MAX_BYTES, 32768);
  assert.equal(policyByteLength(fixtureText('too-large-32769')), 32769);
});

test('property: parsePolicy never throws, on any string', () => {
  const jsonish = fc.oneof(
    fc.string(),
    fc.string({unit: 'grapheme'}),
    anyText,
    fc.json(),
    fc.json().map(j => j.slice(0, Math.max(0, j.length - 1))),
    fc.stringMatching(/^[{}[\]",:\s\\a-z0-9\/*]*$/),
  );
  fc.assert(
    fc.property(jsonish, text => {
      const result = parsePolicy(text);
      assert.equal(typeof result.ok, 'boolean');
      if (!result.ok) {
        for (const e of result.errors) assert.ok(e.line >= 1 && e.column >= 1);
      } else assert.ok(Array.isArray(result.document.Statement));
    }),
    {numRuns: 500},
  );
});

test('property: positionsIn agrees with a scan from the start, for every offset', () => {
  const naive = (text: string, offset: number) => {
    const before = text.slice(0, offset).split(/\r\n|\r|\n/);
    return {line: before.length, column: (before.at(-1) ?? '').length + 1, offset};
  };
  fc.assert(
    fc.property(fc.string({unit: fc.constantFrom('a', '\n', '\r', '{', ' ')}), fc.nat(), (text, n) => {
      const offset = n % (text.length + 1);
      // A CRLF split by the offset counts as one break after the pair, so skip that one case.
      if (text[offset - 1] === '\r' && text[offset] === '\n') return;
      assert.deepEqual(positionsIn(text)(offset), naive(text, offset));
    }),
  );
});

test('empty text, a byte order mark and deep nesting are refused in words', () => {
  const message = (text: string) => {
    const result = parsePolicy(text);
    return result.ok ? '' : (result.errors[0]?.message ?? '');
  };
  assert.equal(message(''), 'the policy is empty');
  assert.equal(message(' \n'), 'the policy is empty');
  assert.match(message('\ufeff{}'), /byte order mark/);
  assert.match(message('['.repeat(100_000)), /nested more than 64 levels/);
  assert.match(message('{"a":'.repeat(65) + '1' + '}'.repeat(65)), /nested more than 64 levels/);
  // Brackets inside strings do not count.
  assert.equal(parsePolicy(JSON.stringify({Statement: [], x: '['.repeat(100)})).ok, true);
});

test('megabytes of broken JSON give a few errors, not one per character', () => {
  const result = parsePolicy('}'.repeat(1_500_000));
  assert.equal(result.ok, false);
  assert.ok(!result.ok && result.errors.length <= 5);
});
