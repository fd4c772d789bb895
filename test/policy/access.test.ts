import {test} from 'node:test';
import assert from 'node:assert/strict';
import {accessModel} from '../../source/policy/index.js';
import {KEYS, fixture, key, role} from './helpers.js';

const sym = KEYS.symmetric;

test('the console default view of the current policy', () => {
  const model = accessModel(fixture('console-current'), sym);
  assert.deepEqual(
    model.administrators.map(p => p.name),
    ['role/ExampleAdminRole', 'user/ExampleAdminUser'],
  );
  assert.deepEqual(
    model.users.map(p => [p.name, p.external]),
    [
      ['role/ExampleKeyUserRole', false],
      ['account 444455556666', true],
    ],
  );
  assert.deepEqual(model.externalAccounts, ['444455556666']);
  assert.equal(model.administratorsCanDelete, true);
  assert.equal(model.rootEnabled, true);
  assert.equal(model.representable, true);
  assert.deepEqual(model.notes, []);
});

test('v1 administrators cannot delete; the API default has nobody named but the account', () => {
  assert.equal(accessModel(fixture('console-v1'), sym).administratorsCanDelete, false);
  const api = accessModel(fixture('key-default-1'), sym);
  assert.deepEqual([api.administrators, api.users, api.rootEnabled, api.representable], [[], [], true, true]);
});

test('modified, custom and AWS managed policies are not representable, with notes', () => {
  const modified = accessModel(fixture('console-modified'), sym);
  assert.equal(modified.representable, false);
  assert.deepEqual(modified.notes, [
    'Changed by hand: extra statement "Allow CloudTrail to describe the key".',
  ]);
  assert.equal(modified.administrators.length, 2);
  const managed = accessModel(fixture('aws-managed-auto-ebs-2'), key({keyManager: 'AWS'}));
  assert.equal(managed.representable, false);
  assert.match(managed.notes[0] ?? '', /AWS manages/);
  const custom = accessModel(
    {
      Version: '2012-10-17',
      Statement: [{Sid: 'x', Effect: 'Allow', Principal: {AWS: role('A')}, Action: 'kms:*', Resource: '*'}],
    },
    sym,
  );
  assert.equal(custom.representable, false);
  assert.equal(custom.rootEnabled, false);
});

test('deleted principals are reported as such', () => {
  const model = accessModel(fixture('deleted-principal'), sym);
  assert.equal(model.users[0]?.kind, 'deleted');
  assert.match(model.notes.join(' '), /deleted from IAM/);
});

test('other accounts: every account an Allow statement grants anything to, not only console key users', () => {
  const policy = {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'Root',
        Effect: 'Allow',
        Principal: {AWS: 'arn:aws:iam::111122223333:root'},
        Action: 'kms:*',
        Resource: '*',
      },
      {
        Sid: 'Share',
        Effect: 'Allow',
        Principal: {AWS: 'arn:aws:iam::444455556666:root'},
        Action: 'kms:Decrypt',
        Resource: '*',
      },
      {
        Sid: 'Role',
        Effect: 'Allow',
        Principal: {AWS: ['arn:aws:iam::777788889999:role/Ops', role('Local')]},
        Action: 'kms:Encrypt',
        Resource: '*',
      },
      {
        Sid: 'Fenced',
        Effect: 'Allow',
        Principal: {AWS: '*'},
        Action: 'kms:DescribeKey',
        Resource: '*',
        Condition: {StringEquals: {'kms:CallerAccount': ['111122223333', '123456789012']}},
      },
      {
        Sid: 'Deny',
        Effect: 'Deny',
        Principal: {AWS: 'arn:aws:iam::999999999999:root'},
        Action: 'kms:*',
        Resource: '*',
      },
      {Sid: 'Again', Effect: 'Allow', Principal: {AWS: '444455556666'}, Action: 'kms:Encrypt', Resource: '*'},
    ],
  };
  const model = accessModel(policy, sym);
  assert.deepEqual(model.externalAccounts, ['444455556666', '777788889999', '123456789012']);
  assert.deepEqual(accessModel(fixture('console-v2'), sym).externalAccounts, []);
});
