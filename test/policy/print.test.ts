// printPolicy writes what KMS itself returns (Jackson's pretty printer), in the document's own key
// order, so an edit of a large policy grows it by about the size of the edit.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {applyAccessEdit, parsePolicy, policyByteLength, printPolicy} from '../../source/policy/index.js';
import {jacksonPolicy} from '../../source/sandbox/jackson.js';
import {KEYS, fixture} from './helpers.js';

test('printPolicy prints in KMS style: "Key" : value, arrays inline, two-space objects', () => {
  const text = printPolicy({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'Use',
        Effect: 'Allow',
        Principal: {AWS: ['arn:aws:iam::111122223333:role/A', 'arn:aws:iam::111122223333:role/B']},
        Action: 'kms:Decrypt',
        Resource: '*',
        Condition: {Bool: {'kms:GrantIsForAWSResource': true}, StringEquals: {}},
      },
    ],
    Empty: [],
  });
  assert.equal(
    text,
    [
      '{',
      '  "Version" : "2012-10-17",',
      '  "Statement" : [ {',
      '    "Sid" : "Use",',
      '    "Effect" : "Allow",',
      '    "Principal" : {',
      '      "AWS" : [ "arn:aws:iam::111122223333:role/A", "arn:aws:iam::111122223333:role/B" ]',
      '    },',
      '    "Action" : "kms:Decrypt",',
      '    "Resource" : "*",',
      '    "Condition" : {',
      '      "Bool" : {',
      '        "kms:GrantIsForAWSResource" : true',
      '      },',
      '      "StringEquals" : { }',
      '    }',
      '  } ],',
      '  "Empty" : [ ]',
      '}',
    ].join('\n'),
  );
});

test('printPolicy keeps key order and gives back a KMS-printed policy byte for byte', () => {
  const doc = fixture('console-v2');
  const reordered = {Statement: doc.Statement, Id: doc.Id, Version: doc.Version};
  const printed = printPolicy(reordered);
  assert.deepEqual(Object.keys(JSON.parse(printed)), ['Statement', 'Id', 'Version']);
  // What GetKeyPolicy returns, parsed and printed again, is the same text.
  const kmsText = jacksonPolicy(doc);
  const parsed = parsePolicy(kmsText);
  assert.ok(parsed.ok);
  assert.equal(printPolicy(parsed.document), kmsText);
});

test('strings are escaped as Jackson does, and lone surrogates cannot break UTF-8', () => {
  const text = printPolicy({Sid: 'a"b\\c\n\t\u0001\ud800é/'});
  assert.equal(text, '{\n  "Sid" : "a\\"b\\\\c\\n\\t\\u0001\\uD800é/"\n}');
  assert.deepEqual(JSON.parse(text), {Sid: 'a"b\\c\n\t\u0001\ud800é/'});
});

test('adding a key user to a large policy grows it by about the added ARN, twice', () => {
  const doc = fixture('console-current');
  const use = doc.Statement.find(st => st.Sid === 'Allow use of the key');
  const grant = doc.Statement.find(st => st.Sid === 'Allow attachment of persistent resources');
  const many = Array.from({length: 400}, (_, i) => `arn:aws:iam::111122223333:role/worker-${i}`);
  for (const st of [use, grant]) st!.Principal = {AWS: many};
  const before = printPolicy(doc);
  const arn = 'arn:aws:iam::111122223333:role/x';
  const edited = applyAccessEdit(doc, {op: 'add', role: 'user', principal: arn}, KEYS.symmetric);
  assert.ok(edited.ok);
  const growth = policyByteLength(printPolicy(edited.document)) - policyByteLength(before);
  // `, "<arn>"` in both key-user statements.
  assert.equal(growth, 2 * (arn.length + 4));
});

test('property: printPolicy output parses back to the same JSON', () => {
  fc.assert(
    fc.property(fc.jsonValue(), value => {
      const doc = {Statement: [], Value: value};
      assert.deepEqual(JSON.parse(printPolicy(doc)), JSON.parse(JSON.stringify(doc)));
    }),
    {numRuns: 300},
  );
});
