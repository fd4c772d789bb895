import {test} from 'node:test';
import assert from 'node:assert/strict';
import {allowsPutKeyPolicy, consoleDefaultPolicy, putKeyPolicyHolders} from '../../source/policy/index.js';
import type {PolicyDocument, PolicyStatement} from '../../source/policy/index.js';
import {ACCOUNT, KEYS, fixture, role} from './helpers.js';

const policy = (...Statement: PolicyStatement[]): PolicyDocument => ({Version: '2012-10-17', Statement});
const allow = (
  principal: string,
  action: string | string[],
  extra: PolicyStatement = {},
): PolicyStatement => ({
  Effect: 'Allow',
  Principal: {AWS: principal},
  Action: action,
  Resource: '*',
  ...extra,
});

test('the account root statement lets every principal of the account manage the policy (through IAM)', () => {
  const doc = fixture('key-default-1');
  assert.equal(allowsPutKeyPolicy(doc, role('Anyone'), ACCOUNT), true);
  assert.equal(allowsPutKeyPolicy(doc, 'arn:aws:sts::111122223333:assumed-role/Anyone/s', ACCOUNT), true);
  assert.equal(allowsPutKeyPolicy(doc, role('Other', '444455556666'), ACCOUNT), false);
});

test('wildcard actions match: kms:Put*, kms:*, *', () => {
  for (const action of ['kms:Put*', 'kms:*', '*', 'KMS:putkeypolicy', ['kms:Decrypt', 'kms:PutKeyPolicy']]) {
    assert.equal(
      allowsPutKeyPolicy(policy(allow(role('Admin'), action)), role('Admin'), ACCOUNT),
      true,
      String(action),
    );
  }
  assert.equal(allowsPutKeyPolicy(policy(allow(role('Admin'), 'kms:Get*')), role('Admin'), ACCOUNT), false);
  assert.equal(
    allowsPutKeyPolicy(
      policy({...allow(role('Admin'), 'x'), Action: undefined, NotAction: 'kms:Decrypt'}),
      role('Admin'),
      ACCOUNT,
    ),
    true,
  );
});

test('an assumed-role session is covered by its role, whatever the role path', () => {
  const doc = policy(allow('arn:aws:iam::111122223333:role/team/Admin', 'kms:*'));
  assert.equal(allowsPutKeyPolicy(doc, 'arn:aws:sts::111122223333:assumed-role/Admin/alice', ACCOUNT), true);
  assert.equal(allowsPutKeyPolicy(doc, 'arn:aws:sts::111122223333:assumed-role/Other/alice', ACCOUNT), false);
});

test('conservative: conditions and NotPrincipal never grant; a matching Deny wins', () => {
  const conditional = allow(role('Admin'), 'kms:*', {
    Condition: {Bool: {'aws:MultiFactorAuthPresent': 'true'}},
  });
  assert.equal(allowsPutKeyPolicy(policy(conditional), role('Admin'), ACCOUNT), false);
  const deny: PolicyStatement = {Effect: 'Deny', Principal: '*', Action: 'kms:PutKeyPolicy', Resource: '*'};
  assert.equal(
    allowsPutKeyPolicy(policy(allow(role('Admin'), 'kms:*'), deny), role('Admin'), ACCOUNT),
    false,
  );
  assert.equal(
    allowsPutKeyPolicy(policy(allow('*', 'kms:*')), role('Anyone', '999988887777'), ACCOUNT),
    true,
  );
});

test('console policies: administrators and the account can manage; users only through IAM policies', () => {
  const doc = consoleDefaultPolicy({
    key: KEYS.symmetric,
    version: 'current',
    administrators: [role('Admin')],
    users: [role('User'), '444455556666'],
  });
  // role/User gets it only through the root statement (IAM policies), which the root entry stands for;
  // the other account cannot call PutKeyPolicy at all.
  assert.deepEqual(putKeyPolicyHolders(doc, ACCOUNT).sort(), [role('Admin'), `arn:aws:iam::${ACCOUNT}:root`]);
  assert.equal(allowsPutKeyPolicy(doc, role('User'), ACCOUNT), true);
  const noRoot = {...doc, Statement: doc.Statement.slice(1)};
  assert.equal(allowsPutKeyPolicy(noRoot, role('User'), ACCOUNT), false);
  assert.deepEqual(putKeyPolicyHolders(noRoot, ACCOUNT), ['arn:aws:iam::111122223333:role/Admin']);
});
