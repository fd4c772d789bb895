import {test} from 'node:test';
import assert from 'node:assert/strict';
import {parsePrincipal, statementPrincipals} from '../../source/policy/index.js';
import {ACCOUNT} from './helpers.js';

test('principal forms are recognised, with account and external flag', () => {
  const cases: [string, string, string, string | undefined, boolean][] = [
    ['*', 'wildcard', 'everyone (*)', undefined, false],
    ['111122223333', 'account', 'account 111122223333', ACCOUNT, false],
    ['arn:aws:iam::444455556666:root', 'account', 'account 444455556666', '444455556666', true],
    ['arn:aws:iam::111122223333:user/ops/Alice', 'user', 'user/ops/Alice', ACCOUNT, false],
    ['arn:aws:iam::111122223333:role/Admin', 'role', 'role/Admin', ACCOUNT, false],
    ['arn:aws-cn:iam::444455556666:role/R', 'role', 'role/R', '444455556666', true],
    [
      'arn:aws:sts::111122223333:assumed-role/Admin/me',
      'assumed-role',
      'assumed-role/Admin/me',
      ACCOUNT,
      false,
    ],
    ['arn:aws:iam::111122223333:group/Devs', 'group', 'group/Devs', ACCOUNT, false],
    ['AROAEXAMPLEDELETED1234', 'deleted', 'deleted role AROAEXAMPLEDELETED1234', undefined, false],
    ['AIDAEXAMPLEDELETED1234', 'deleted', 'deleted user AIDAEXAMPLEDELETED1234', undefined, false],
    ['ec2.amazonaws.com', 'service', 'service ec2.amazonaws.com', undefined, false],
    ['arn:aws:iam::12345:root', 'invalid', 'arn:aws:iam::12345:root', undefined, false],
    ['arn:aws:iam::111122223333:robot/x', 'invalid', 'arn:aws:iam::111122223333:robot/x', undefined, false],
  ];
  for (const [value, kind, name, accountId, external] of cases) {
    const ref = parsePrincipal(value, ACCOUNT);
    assert.deepEqual(
      [ref.kind, ref.name, ref.accountId, ref.external, ref.value],
      [kind, name, accountId, external, value],
      value,
    );
  }
});

test('statementPrincipals flattens AWS principals and keeps "*"', () => {
  assert.deepEqual(statementPrincipals({Principal: '*'}), ['*']);
  assert.deepEqual(statementPrincipals({Principal: {AWS: 'a'}}), ['a']);
  assert.deepEqual(statementPrincipals({Principal: {AWS: ['a', '*'], Service: 's.amazonaws.com'}}), [
    'a',
    '*',
  ]);
  assert.deepEqual(statementPrincipals({}), []);
});
