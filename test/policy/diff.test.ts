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
    'adds the condition Bool aws:SecureTransport to Enable IAM User Permissions',
    'adds statement "New"',
    'removes nothing',
  ]);
  assert.equal(diff.widensAccess, false);
});

test('removing the grant condition widens access and says so in words', () => {
  const before = fixture('console-current');
  const after = structuredClone(before);
  delete after.Statement[3]?.Condition;
  const diff = diffPolicies(before, after);
  assert.deepEqual(diff.summary, [
    'removes the condition Bool kms:GrantIsForAWSResource from Allow attachment of persistent resources — this widens access',
    'removes nothing',
  ]);
  assert.equal(diff.widensAccess, true);
  assert.deepEqual(diff.changes[0]?.otherChanges, ['removes the condition Bool kms:GrantIsForAWSResource']);
});

test('"*", wildcard actions, looser condition values and weaker Denies widen access', () => {
  const base = fixture('console-current');
  const widened = (edit: (doc: typeof base) => void) => {
    const after = structuredClone(base);
    edit(after);
    return diffPolicies(base, after);
  };
  const star = widened(d => {
    d.Statement[2] = {...d.Statement[2], Principal: {AWS: '*'}};
  });
  assert.equal(star.widensAccess, true);
  assert.ok(star.summary.includes('adds * to Allow use of the key — this widens access'));
  assert.equal(widened(d => void (d.Statement[2] = {...d.Statement[2], Action: 'kms:*'})).widensAccess, true);
  const looser = widened(d => {
    d.Statement[3] = {...d.Statement[3], Condition: {Bool: {'kms:GrantIsForAWSResource': ['true', 'false']}}};
  });
  assert.equal(looser.widensAccess, true);
  assert.match(
    looser.summary[0] ?? '',
    /^Allow attachment of persistent resources: changes the condition Bool kms:GrantIsForAWSResource from \["true"\] to \["false","true"\] — this widens access$/,
  );
  const deny = {
    Sid: 'NoDelete',
    Effect: 'Deny',
    Principal: {AWS: '*'},
    Action: 'kms:ScheduleKeyDeletion',
    Resource: '*',
  };
  const withDeny = {...base, Statement: [...base.Statement, deny]};
  assert.equal(diffPolicies(withDeny, base).widensAccess, true);
  assert.equal(diffPolicies(base, withDeny).widensAccess, false);
  const notAction = (doc: typeof base, effect: string, list: string[]) => ({
    ...doc,
    Statement: [
      ...doc.Statement,
      {Effect: effect, Principal: {AWS: role('A')}, NotAction: list, Resource: '*'},
    ],
  });
  const narrowAllow = notAction(base, 'Allow', ['kms:Decrypt', 'kms:Put*']);
  assert.equal(diffPolicies(narrowAllow, notAction(base, 'Allow', ['kms:Decrypt'])).widensAccess, true);
  assert.equal(diffPolicies(notAction(base, 'Allow', ['kms:Decrypt']), narrowAllow).widensAccess, false);
  const notDeny = notAction(base, 'Deny', ['kms:Decrypt']);
  assert.equal(
    diffPolicies(notDeny, notAction(base, 'Deny', ['kms:Decrypt', 'kms:Put*'])).widensAccess,
    true,
  );
  // Naming one more role is an ordinary addition, not a widening.
  assert.equal(
    widened(d => void (d.Statement[2] = {...d.Statement[2], Principal: {AWS: [role('A'), role('B')]}}))
      .widensAccess,
    false,
  );
});

test('the canonical print keeps one-element lists on one line, so diffs stay small', () => {
  const before = fixture('key-default-1');
  const after = structuredClone(before);
  after.Statement.push({
    Sid: 'New',
    Effect: 'Allow',
    Principal: {AWS: role('A')},
    Action: 'kms:Decrypt',
    Resource: '*',
  });
  const added = diffPolicies(before, after)
    .unified.split('\n')
    .filter(l => l.startsWith('+') && !l.startsWith('+++'));
  assert.deepEqual(added, [
    '+    },',
    '+    {',
    '+      "Sid": "New",',
    '+      "Effect": "Allow",',
    '+      "Principal": {',
    '+        "AWS": ["arn:aws:iam::111122223333:role/A"]',
    '+      },',
    '+      "Action": ["kms:Decrypt"],',
    '+      "Resource": ["*"]',
  ]);
});
