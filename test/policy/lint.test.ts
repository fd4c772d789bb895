import {test} from 'node:test';
import assert from 'node:assert/strict';
import {consoleDefaultPolicy, lintPolicy, printPolicy} from '../../source/policy/index.js';
import type {Finding, PolicyDocument} from '../../source/policy/index.js';
import {KEYS, fixture, fixtureText, key, role} from './helpers.js';

const sym = KEYS.symmetric;
const brief = (findings: Finding[]) =>
  findings.map(f => `${f.severity} ${f.code} ${f.statementIndex ?? '-'}`);

test('the current console policy: deletion allowed, one other account', () => {
  assert.deepEqual(brief(lintPolicy(fixture('console-current'), {key: sym})), [
    'info admin-can-delete 1',
    'warning cross-account 2',
    'warning cross-account 3',
  ]);
  const [cross] = lintPolicy(fixture('console-current'), {key: sym}).filter(f => f.code === 'cross-account');
  assert.equal(
    cross?.message,
    '"Allow use of the key" gives another AWS account access to this key: account 444455556666.',
  );
});

test('the API default and the AWS managed EBS policy are clean (the "*" there is fenced)', () => {
  assert.deepEqual(lintPolicy(fixture('key-default-1'), {key: sym}), []);
  assert.deepEqual(lintPolicy(fixture('aws-managed-auto-ebs-2'), {key: key({keyManager: 'AWS'})}), []);
});

test('"*" without conditions, or with conditions that do not fence it, is flagged', () => {
  const doc = fixture('key-default-1');
  doc.Statement.push({
    Sid: 'Open',
    Effect: 'Allow',
    Principal: {AWS: '*'},
    Action: 'kms:Decrypt',
    Resource: '*',
  });
  const [open] = lintPolicy(doc, {key: sym});
  assert.deepEqual([open?.code, open?.sid, open?.statementIndex], ['wildcard-principal', 'Open', 1]);
  assert.match(open?.message ?? '', /every identity in every AWS account/);
  const viaOnly = structuredClone(doc);
  viaOnly.Statement[1] = {
    ...viaOnly.Statement[1],
    Condition: {StringEquals: {'kms:ViaService': 'ec2.us-east-1.amazonaws.com'}},
  };
  assert.deepEqual(brief(lintPolicy(viaOnly, {key: sym})), ['warning wildcard-principal 1']);
});

test('without the root statement: IAM cannot grant access; lockout when nobody or not the caller may change it', () => {
  const doc = fixture('console-current');
  const noRoot: PolicyDocument = {...doc, Statement: doc.Statement.slice(1)};
  const codes = lintPolicy(noRoot, {key: sym}).map(f => f.code);
  assert.ok(codes.includes('root-missing'));
  assert.ok(!codes.includes('lockout'));
  const caller = lintPolicy(noRoot, {
    key: sym,
    callerArn: 'arn:aws:sts::111122223333:assumed-role/Deployer/ci',
  });
  assert.deepEqual(
    caller.filter(f => f.code === 'lockout').map(f => f.severity),
    ['error'],
  );
  assert.equal(
    lintPolicy(noRoot, {
      key: sym,
      callerArn: 'arn:aws:sts::111122223333:assumed-role/ExampleAdminRole/me',
    }).some(f => f.code === 'lockout'),
    false,
  );
  const usersOnly: PolicyDocument = {...doc, Statement: doc.Statement.slice(2)};
  assert.ok(lintPolicy(usersOnly, {key: sym}).some(f => f.code === 'lockout' && f.severity === 'error'));
});

test('deleted principals, outdated console versions and missing administrators', () => {
  assert.deepEqual(
    lintPolicy(fixture('deleted-principal'), {key: sym})
      .filter(f => f.code === 'deleted-principal')
      .map(f => f.statementIndex),
    [2, 3],
  );
  const outdated = lintPolicy(fixture('console-v2'), {key: sym}).find(
    f => f.code === 'outdated-console-policy',
  );
  assert.equal(
    outdated?.message,
    'This is an older console default policy (v2); the current one also gives key administrators kms:RotateKeyOnDemand, kms:TagResource, kms:UntagResource.',
  );
  assert.equal(outdated?.sid, 'Allow access for Key Administrators');
  const noAdmins = consoleDefaultPolicy({
    key: sym,
    version: 'current',
    administrators: [],
    users: [role('U')],
  });
  assert.deepEqual(brief(lintPolicy(noAdmins, {key: sym})), ['info no-administrators -']);
  assert.match(lintPolicy(noAdmins, {key: sym})[0]?.message ?? '', /IAM policies in the account decide/);
});

test('no administrators and no root statement: the lockout finding alone says nobody is left', () => {
  const doc = consoleDefaultPolicy({key: sym, version: 'current', administrators: [], users: [role('U')]});
  doc.Statement = doc.Statement.filter(st => st.Sid !== 'Enable IAM User Permissions');
  const findings = lintPolicy(doc, {key: sym});
  assert.deepEqual(
    findings.map(f => f.code).filter(c => c !== 'cross-account'),
    ['root-missing', 'lockout'],
  );
  assert.ok(!findings.some(f => /IAM policies in the account/.test(f.message)));
  // Someone else may still change the policy: then it says so, and not that IAM policies decide.
  doc.Statement.push({
    Sid: 'Ops',
    Effect: 'Allow',
    Principal: {AWS: role('Ops')},
    Action: 'kms:*',
    Resource: '*',
  });
  const others = lintPolicy(doc, {key: sym}).find(f => f.code === 'no-administrators');
  assert.match(others?.message ?? '', /IAM policies cannot grant access.*other statements/);
});

test('size: near the limit is a warning, over it an error', () => {
  assert.deepEqual(
    brief(lintPolicy(fixture('too-large-32769'), {key: sym, text: fixtureText('too-large-32769')})).filter(
      s => s.includes('too-large'),
    ),
    ['error too-large -'],
  );
  const doc = fixture('key-default-1');
  doc.Statement.push({
    Sid: 'x'.repeat(30000),
    Effect: 'Allow',
    Principal: {AWS: role('A')},
    Action: 'kms:DescribeKey',
    Resource: '*',
  });
  assert.deepEqual(brief(lintPolicy(doc, {key: sym, text: printPolicy(doc)})), ['warning near-size-limit -']);
});
