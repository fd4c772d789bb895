import {test} from 'node:test';
import assert from 'node:assert/strict';
import {applyAccessEdit, diffPolicies, planUpgrade} from '../../source/policy/index.js';
import {KEYS, fixture, role} from './helpers.js';

test('an upgrade diff adds actions and removes nothing', () => {
  const before = fixture('console-v2');
  const plan = planUpgrade(before, KEYS.symmetric);
  assert.ok(plan.ok);
  const diff = diffPolicies(before, plan.document, {before: 'current policy', after: 'upgraded'});
  assert.deepEqual(diff.summary, [
    'adds kms:RotateKeyOnDemand, kms:TagResource, kms:UntagResource to Allow access for Key Administrators',
    'removes nothing',
  ]);
  assert.equal(diff.removesAnything, false);
  assert.deepEqual(diff.changes, [
    {
      sid: 'Allow access for Key Administrators',
      change: 'modified',
      addedActions: ['kms:RotateKeyOnDemand', 'kms:TagResource', 'kms:UntagResource'],
      removedActions: [],
      addedPrincipals: [],
      removedPrincipals: [],
      otherChanges: [],
    },
  ]);
  const lines = diff.unified.split('\n');
  assert.equal(lines[0], '--- current policy');
  assert.equal(lines[1], '+++ upgraded');
  assert.deepEqual(
    lines.filter(l => l.startsWith('+') && !l.startsWith('+++')),
    ['+        "kms:RotateKeyOnDemand",', '+        "kms:TagResource",', '+        "kms:UntagResource",'],
  );
});

test('equal policies (KMS formatting vs pretty print) give an empty diff', () => {
  const doc = fixture('console-v2');
  const reordered = {
    ...doc,
    Statement: doc.Statement.map(s => ({
      ...s,
      Action: Array.isArray(s.Action) ? [...s.Action].reverse() : s.Action,
    })),
  };
  const diff = diffPolicies(doc, reordered);
  assert.deepEqual(
    [diff.unified, diff.summary, diff.changes, diff.removesAnything],
    ['', ['no changes'], [], false],
  );
});

test('removing a user and a statement is reported as removal', () => {
  const before = fixture('console-modified');
  const result = applyAccessEdit(
    before,
    {op: 'remove', role: 'user', principal: role('ExampleKeyUserRole')},
    KEYS.symmetric,
  );
  assert.ok(result.ok);
  const after = {...result.document, Statement: result.document.Statement.slice(0, 4)};
  const diff = diffPolicies(before, after);
  assert.equal(diff.removesAnything, true);
  assert.deepEqual(diff.summary, [
    'removes arn:aws:iam::111122223333:role/ExampleKeyUserRole from Allow use of the key',
    'removes arn:aws:iam::111122223333:role/ExampleKeyUserRole from Allow attachment of persistent resources',
    'removes statement "Allow CloudTrail to describe the key"',
  ]);
});

test('added statements and changed conditions are summarised', () => {
  const before = fixture('key-default-1');
  const after = structuredClone(before);
  after.Statement.push({
    Sid: 'New',
    Effect: 'Allow',
    Principal: {AWS: role('A')},
    Action: 'kms:Decrypt',
    Resource: '*',
  });
  after.Statement[0] = {...after.Statement[0], Condition: {Bool: {'aws:SecureTransport': 'true'}}};
  const diff = diffPolicies(before, after);
  assert.deepEqual(diff.summary, [
    'Enable IAM User Permissions: Condition changed',
    'adds statement "New"',
    'removes nothing',
  ]);
});
