import {test} from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  canonicalise,
  parsePolicy,
  policiesEqual,
  printCanonical,
  printPolicy,
} from '../../source/policy/index.js';
import type {PolicyDocument} from '../../source/policy/index.js';
import {fixture, fixtureText} from './helpers.js';

test('KMS formatting, key order, array order, single strings and "true"/true do not matter', () => {
  const current = fixture('console-current');
  const shuffled = structuredClone(current);
  shuffled.Statement.forEach(st => {
    if (Array.isArray(st.Action)) st.Action.reverse();
  });
  const grant = shuffled.Statement[3];
  assert.ok(grant);
  grant.Condition = {Bool: {'kms:GrantIsForAWSResource': true}};
  const reordered = {Statement: shuffled.Statement, Version: shuffled.Version, Id: shuffled.Id};
  assert.ok(policiesEqual(current, reordered));
  assert.equal(printCanonical(current), printCanonical(reordered));
  const root = structuredClone(current);
  root.Statement[0] = {
    ...root.Statement[0],
    Action: ['kms:*'],
    Principal: {AWS: ['arn:aws:iam::111122223333:root']},
  };
  assert.ok(policiesEqual(current, root));
});

test('different content is not equal', () => {
  assert.equal(policiesEqual(fixture('console-v3'), fixture('console-current')), false);
  const other = fixture('console-current');
  other.Statement = [...other.Statement].reverse(); // statement order is kept, so it counts
  assert.equal(policiesEqual(fixture('console-current'), other), false);
});

test('canonical print: friendly order at the top and in statements, sorted elsewhere, 2-space indent', () => {
  const text = printCanonical({
    Statement: [
      {
        Resource: '*',
        Condition: {StringEquals: {b: 'x', a: ['z', 'y', 'y']}},
        Action: 'kms:B',
        Effect: 'Allow',
        Sid: 's',
        Principal: {AWS: '*', Service: 'a.amazonaws.com'},
      },
    ],
    Id: 'i',
    Version: '2012-10-17',
  });
  assert.equal(
    text,
    [
      '{',
      '  "Version": "2012-10-17",',
      '  "Id": "i",',
      '  "Statement": [',
      '    {',
      '      "Sid": "s",',
      '      "Effect": "Allow",',
      '      "Principal": {',
      '        "AWS": ["*"],',
      '        "Service": ["a.amazonaws.com"]',
      '      },',
      '      "Action": ["kms:B"],',
      '      "Resource": ["*"],',
      '      "Condition": {',
      '        "StringEquals": {',
      '          "a": [',
      '            "y",',
      '            "z"',
      '          ],',
      '          "b": ["x"]',
      '        }',
      '      }',
      '    }',
      '  ]',
      '}',
    ].join('\n'),
  );
});

test('canonicalise does not touch its input; printPolicy keeps the document order', () => {
  const doc = fixture('console-current');
  const before = JSON.stringify(doc);
  canonicalise(doc);
  printCanonical(doc);
  assert.equal(JSON.stringify(doc), before);
  assert.deepEqual(JSON.parse(printPolicy(doc)), JSON.parse(fixtureText('console-current')));
  assert.ok(printPolicy(doc).startsWith('{\n  "Id" : "key-consolepolicy-3",\n  "Version"'));
});

const principalValue = fc.oneof(
  fc.constant('*'),
  fc.constantFrom('arn:aws:iam::111122223333:root', 'arn:aws:iam::111122223333:role/A', '444455556666'),
  fc.string(),
);
const list = <T>(arb: fc.Arbitrary<T>) => fc.oneof(arb, fc.array(arb, {minLength: 1, maxLength: 4}));
const statement = fc.record(
  {
    Sid: fc.string(),
    Effect: fc.constantFrom('Allow', 'Deny'),
    Principal: fc.oneof(
      fc.constant('*' as const),
      fc.record({AWS: list(principalValue)}, {requiredKeys: []}),
    ),
    Action: list(fc.constantFrom('kms:*', 'kms:Decrypt', 'kms:Encrypt', 'kms:Put*')),
    Resource: list(fc.constant('*')),
    Condition: fc.dictionary(
      fc.constantFrom('Bool', 'StringEquals'),
      fc.dictionary(fc.string(), fc.oneof(fc.boolean(), fc.string(), fc.integer(), fc.array(fc.string()))),
    ),
    '10': fc.string(),
  },
  {requiredKeys: ['Effect']},
);
const documents = fc.record({
  Version: fc.constant('2012-10-17'),
  Id: fc.string(),
  Statement: fc.array(statement, {maxLength: 4}),
}) as fc.Arbitrary<PolicyDocument>;

test('property: canonical print → parse → canonical print is stable', () => {
  fc.assert(
    fc.property(documents, doc => {
      const printed = printCanonical(doc);
      const parsed = parsePolicy(printed);
      assert.ok(parsed.ok);
      assert.equal(printCanonical(parsed.document), printed);
      assert.ok(policiesEqual(parsed.document, doc));
    }),
    {numRuns: 300},
  );
});

test('property: printPolicy → parse gives an equal policy', () => {
  fc.assert(
    fc.property(documents, doc => {
      const parsed = parsePolicy(printPolicy(doc));
      assert.ok(parsed.ok);
      assert.ok(policiesEqual(parsed.document, doc));
    }),
    {numRuns: 200},
  );
});
