import {test} from 'node:test';
import assert from 'node:assert/strict';
import {
  ANYONE,
  accessModel,
  accountRoot,
  anyPrincipalOf,
  evaluate,
  lintPolicy,
  principal,
} from '../../source/policy/index.js';
import type {PolicyDocument, PolicyStatement, Subject} from '../../source/policy/index.js';
import {ACCOUNT, OTHER_ACCOUNT, key, role, user} from './helpers.js';

const sym = key();
const ctx = {accountId: ACCOUNT};
const policy = (...Statement: PolicyStatement[]): PolicyDocument => ({Version: '2012-10-17', Statement});
const ROOT = `arn:aws:iam::${ACCOUNT}:root`;
const verdict = (doc: PolicyDocument, s: Subject, action: string) => evaluate(doc, s, action, ctx).verdict;

test('several principals in one statement: the root delegates and the user is named directly', () => {
  // CloudTrail's console-created key policy gives kms:* to the root and to the creating session.
  const doc = policy({
    Effect: 'Allow',
    Principal: {AWS: [ROOT, 'arn:aws:sts::111122223333:assumed-role/Admin/alice']},
    Action: 'kms:*',
    Resource: '*',
  });
  const root = evaluate(doc, accountRoot(ACCOUNT), 'kms:PutKeyPolicy', ctx);
  assert.equal(root.verdict, 'allow');
  const alice = evaluate(
    doc,
    principal('arn:aws:sts::111122223333:assumed-role/Admin/alice'),
    'kms:Decrypt',
    ctx,
  );
  assert.deepEqual([alice.verdict, alice.throughIam], ['allow', false]);
  const bob = evaluate(doc, principal(role('Bob')), 'kms:Decrypt', ctx);
  assert.deepEqual([bob.verdict, bob.throughIam], ['allow', true]);
  const model = accessModel(doc, sym);
  assert.equal(model.iamDelegation, 'all');
  assert.deepEqual(
    model.administrators.map(p => p.name),
    ['assumed-role/Admin/alice'],
  );
});

test('a root statement with only administrative actions delegates only those', () => {
  const doc = policy({
    Effect: 'Allow',
    Principal: {AWS: ROOT},
    Action: ['kms:Create*', 'kms:Describe*', 'kms:Put*', 'kms:ScheduleKeyDeletion'],
    Resource: '*',
  });
  assert.equal(verdict(doc, accountRoot(ACCOUNT), 'kms:PutKeyPolicy'), 'allow');
  assert.equal(verdict(doc, accountRoot(ACCOUNT), 'kms:Decrypt'), 'not-allowed');
  const model = accessModel(doc, sym);
  assert.equal(model.iamDelegation, 'some');
  assert.ok(model.iamActions.includes('kms:PutKeyPolicy') && !model.iamActions.includes('kms:Decrypt'));
});

test('a conditional Deny (data perimeter) makes the answer conditional, never a lockout', () => {
  const doc = policy(
    {Effect: 'Allow', Principal: {AWS: ROOT}, Action: 'kms:*', Resource: '*'},
    {
      Effect: 'Deny',
      Principal: '*',
      Action: 'kms:*',
      Resource: '*',
      Condition: {
        StringNotEqualsIfExists: {'aws:PrincipalOrgID': 'o-exampleorgid'},
        Bool: {'aws:PrincipalIsAWSService': 'false'},
      },
    },
  );
  const d = evaluate(doc, principal(role('Admin')), 'kms:PutKeyPolicy', ctx);
  assert.equal(d.verdict, 'conditional');
  assert.deepEqual(
    d.conditions.map(c => [c.key, c.scope]),
    [
      ['aws:PrincipalOrgID', 'principal'],
      ['aws:PrincipalIsAWSService', 'service'],
    ],
  );
  assert.equal(d.allowCertain, true);
  const findings = lintPolicy(doc, {key: sym, callerArn: role('Admin')});
  assert.ok(!findings.some(f => f.code === 'lockout'), JSON.stringify(findings));
  assert.ok(findings.some(f => f.code === 'lockout-conditional'));
});

test('"*" narrowed by aws:PrincipalArn: the named role is decided, other principals are not allowed', () => {
  const doc = policy({
    Sid: 'Admins',
    Effect: 'Allow',
    Principal: {AWS: '*'},
    Action: 'kms:*',
    Resource: '*',
    Condition: {ArnLike: {'aws:PrincipalArn': role('KeyAdmin')}},
  });
  assert.equal(verdict(doc, principal(role('KeyAdmin')), 'kms:PutKeyPolicy'), 'allow');
  assert.equal(
    verdict(doc, principal('arn:aws:sts::111122223333:assumed-role/KeyAdmin/s'), 'kms:PutKeyPolicy'),
    'allow',
  );
  assert.equal(verdict(doc, principal(role('Other')), 'kms:PutKeyPolicy'), 'not-allowed');
  assert.equal(verdict(doc, principal(role('KeyAdmin', OTHER_ACCOUNT)), 'kms:PutKeyPolicy'), 'not-allowed');
  assert.equal(verdict(doc, ANYONE, 'kms:Decrypt'), 'not-allowed');
  const model = accessModel(doc, sym);
  assert.deepEqual(
    model.administrators.map(p => p.name),
    ['role/KeyAdmin'],
  );
  assert.ok(!lintPolicy(doc, {key: sym, callerArn: role('KeyAdmin')}).some(f => f.code === 'lockout'));
  assert.ok(!lintPolicy(doc, {key: sym}).some(f => f.code === 'wildcard-principal'));
});

test('an AWS managed key: every principal of the account, through the service', () => {
  const doc = policy(
    {
      Effect: 'Allow',
      Principal: {AWS: '*'},
      Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
      Resource: '*',
      Condition: {
        StringEquals: {'kms:ViaService': 's3.us-east-1.amazonaws.com', 'kms:CallerAccount': ACCOUNT},
      },
    },
    {
      Effect: 'Allow',
      Principal: {AWS: ROOT},
      Action: ['kms:Describe*', 'kms:Get*', 'kms:List*'],
      Resource: '*',
    },
  );
  const d = evaluate(doc, anyPrincipalOf(ACCOUNT), 'kms:Decrypt', ctx);
  assert.equal(d.verdict, 'conditional');
  assert.deepEqual(
    d.conditions.map(c => c.key),
    ['kms:ViaService'],
  );
  assert.equal(verdict(doc, anyPrincipalOf(OTHER_ACCOUNT), 'kms:Decrypt'), 'not-allowed');
  assert.equal(verdict(doc, ANYONE, 'kms:Decrypt'), 'not-allowed');
  const model = accessModel(doc, key({keyManager: 'AWS'}));
  assert.deepEqual(
    model.users.map(u => [u.name, u.conditions?.map(c => c.values[0])]),
    [[`every principal in account ${ACCOUNT}`, ['s3.us-east-1.amazonaws.com']]],
  );
  assert.deepEqual(model.administrators, []);
  // AWS managed keys get no lockout wording at all.
  assert.ok(
    !lintPolicy(doc, {key: key({keyManager: 'AWS'}), mode: 'live'}).some(f => f.code.startsWith('lockout')),
  );
});

test('NotAction and NotPrincipal', () => {
  const doc = policy(
    {
      Effect: 'Allow',
      Principal: {AWS: role('Ops')},
      NotAction: ['kms:Decrypt', 'kms:Encrypt'],
      Resource: '*',
    },
    {
      Effect: 'Deny',
      NotPrincipal: {AWS: [role('Ops'), ROOT]},
      Action: 'kms:ScheduleKeyDeletion',
      Resource: '*',
    },
  );
  assert.equal(verdict(doc, principal(role('Ops')), 'kms:PutKeyPolicy'), 'allow');
  assert.equal(verdict(doc, principal(role('Ops')), 'kms:Decrypt'), 'not-allowed');
  assert.equal(verdict(doc, principal(role('Ops')), 'kms:ScheduleKeyDeletion'), 'allow');
  assert.equal(verdict(doc, principal(user('Eve')), 'kms:ScheduleKeyDeletion'), 'deny');
  assert.deepEqual(
    accessModel(doc, sym).administrators.map(p => p.name),
    ['role/Ops'],
  );
});

test('Resource: "*" or this key\'s ARN apply; no Resource has no effect', () => {
  const arn = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
  const withArn = policy({
    Effect: 'Allow',
    Principal: {AWS: role('A')},
    Action: 'kms:Decrypt',
    Resource: arn,
  });
  assert.equal(
    evaluate(withArn, principal(role('A')), 'kms:Decrypt', {accountId: ACCOUNT, keyArn: arn}).verdict,
    'allow',
  );
  assert.equal(
    evaluate(withArn, principal(role('A')), 'kms:Decrypt', {
      accountId: ACCOUNT,
      keyArn: arn.replace('1234abcd', 'ffffffff'),
    }).verdict,
    'not-allowed',
  );
  assert.equal(verdict(withArn, principal(role('A')), 'kms:Decrypt'), 'conditional');
  const noResource = policy({Effect: 'Allow', Principal: {AWS: role('A')}, Action: 'kms:Decrypt'});
  assert.equal(verdict(noResource, principal(role('A')), 'kms:Decrypt'), 'not-allowed');
});

test('service, federated and unique-id principals match only themselves', () => {
  const doc = policy(
    {
      Effect: 'Allow',
      Principal: {Service: 'cloudtrail.amazonaws.com'},
      Action: 'kms:GenerateDataKey*',
      Resource: '*',
    },
    {Effect: 'Allow', Principal: {AWS: 'AROAEXAMPLEEXAMPLE12'}, Action: 'kms:Decrypt', Resource: '*'},
  );
  assert.equal(verdict(doc, principal('cloudtrail.amazonaws.com'), 'kms:GenerateDataKey'), 'allow');
  assert.equal(verdict(doc, principal('config.amazonaws.com'), 'kms:GenerateDataKey'), 'not-allowed');
  assert.equal(verdict(doc, principal(role('Anything')), 'kms:Decrypt'), 'not-allowed');
});

test('total: wrong types anywhere give an answer, never a throw', () => {
  const odd = [
    {Statement: 'x'},
    {Statement: [null, 1, 'x', {Effect: 'Allow', Principal: 5, Action: {}, Resource: []}]},
    {
      Statement: {
        Effect: 'Allow',
        Principal: {AWS: [1, null]},
        Action: 'kms:*',
        Resource: '*',
        Condition: [1],
      },
    },
    {
      Statement: [
        {Effect: 'Allow', Principal: '*', Action: 'kms:*', Resource: '*', Condition: {StringEquals: 'x'}},
      ],
    },
  ] as unknown as PolicyDocument[];
  for (const doc of odd) {
    for (const s of [principal(role('A')), anyPrincipalOf(ACCOUNT), accountRoot(ACCOUNT), ANYONE])
      assert.ok(['allow', 'deny', 'not-allowed', 'conditional'].includes(verdict(doc, s, 'kms:Decrypt')));
  }
});
