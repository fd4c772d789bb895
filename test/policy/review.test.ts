// Regression tests for the review pass: badge labels, partitions, message wording, account-fenced
// "*", and untrusted keys such as "__proto__".
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {
  apiDefaultPolicy,
  classifyPolicy,
  consoleDefaultPolicy,
  explainPolicy,
  lintPolicy,
  parsePolicy,
  policiesEqual,
  printCanonical,
  putKeyPolicyHolders,
} from '../../source/policy/index.js';
import type {PolicyDocument} from '../../source/policy/index.js';
import {ACCOUNT, KEYS, OTHER_ACCOUNT, fixture, key, role} from './helpers.js';

const sym = KEYS.symmetric;

test('a current policy lacking the key type\'s administrator extras is "incomplete", not "outdated current"', () => {
  const external = key({origin: 'EXTERNAL'});
  const c = classifyPolicy(fixture('console-current'), external);
  assert.deepEqual(
    [c.kind, c.version, c.outdated, c.label],
    ['console-default', 'current', true, 'incomplete'],
  );
  assert.deepEqual(c.missingActions, ['kms:ImportKeyMaterial']);
  const mrk = classifyPolicy(fixture('console-current'), key({multiRegion: true}));
  assert.deepEqual(
    [mrk.label, mrk.missingActions],
    ['incomplete', ['kms:ReplicateKey', 'kms:UpdatePrimaryRegion']],
  );
  const lint = lintPolicy(fixture('console-current'), {key: external}).find(
    f => f.code === 'outdated-console-policy',
  );
  assert.equal(
    lint?.message,
    "The key administrators lack kms:ImportKeyMaterial, which the console's default gives them for this kind of key.",
  );
});

test('every badge fits the key table column (12 characters); a modified current policy is "modified"', () => {
  const modifiedCurrent = fixture('console-current');
  modifiedCurrent.Statement.push({
    Sid: 'Extra',
    Effect: 'Allow',
    Principal: {AWS: role('X')},
    Action: 'kms:Decrypt',
    Resource: '*',
  });
  assert.equal(classifyPolicy(modifiedCurrent, sym).label, 'modified');
  const names = [
    'console-v1',
    'console-v2',
    'console-v3',
    'console-current',
    'console-modified',
    'key-default-1',
  ];
  const labels = names.map(
    n => classifyPolicy(fixture(n), key({origin: 'EXTERNAL', multiRegion: true})).label,
  );
  labels.push(classifyPolicy(fixture('aws-managed-auto-ebs-2'), key({keyManager: 'AWS'})).label);
  for (const label of labels) assert.ok(label.length <= 12, label);
});

test('aws-cn and aws-us-gov: key-default-1 and console policies are recognised', () => {
  for (const partition of ['aws-cn', 'aws-us-gov']) {
    const text = JSON.stringify(fixture('key-default-1')).replace('arn:aws:', `arn:${partition}:`);
    const parsed = parsePolicy(text);
    assert.ok(parsed.ok);
    assert.equal(classifyPolicy(parsed.document, sym).label, 'API default', partition);
    assert.ok(policiesEqual(parsed.document, apiDefaultPolicy(ACCOUNT, partition)));
    assert.deepEqual(lintPolicy(parsed.document, {key: sym}), [], partition);
    const console = JSON.parse(
      JSON.stringify(fixture('console-current')).replaceAll('arn:aws:', `arn:${partition}:`),
    );
    assert.equal(classifyPolicy(console, sym).label, 'current', partition);
    const noRoot = {...console, Statement: console.Statement.slice(1)} as PolicyDocument;
    const missing = lintPolicy(noRoot, {key: sym}).find(f => f.code === 'root-missing');
    assert.match(missing?.message ?? '', new RegExp(`\\(arn:${partition}:iam::${ACCOUNT}:root\\)`));
  }
});

test('cross-account messages name the account once and say who', () => {
  const doc = fixture('key-default-1');
  doc.Statement.push({
    Sid: 'Partner',
    Effect: 'Allow',
    Principal: {AWS: [OTHER_ACCOUNT, role('Ops', OTHER_ACCOUNT)]},
    Action: 'kms:Decrypt',
    Resource: '*',
  });
  assert.deepEqual(
    lintPolicy(doc, {key: sym}).map(f => f.message),
    [
      `"Partner" gives another AWS account access to this key: account ${OTHER_ACCOUNT}.`,
      `"Partner" gives another AWS account access to this key: role/Ops in account ${OTHER_ACCOUNT}.`,
    ],
  );
  assert.equal(
    explainPolicy(doc, sym).at(-1),
    `Statement "Partner" allows account ${OTHER_ACCOUNT}, role/Ops in account ${OTHER_ACCOUNT}: kms:Decrypt.`,
  );
});

test('"*" fenced by kms:CallerAccount: the own account may manage the key; another account is cross-account', () => {
  const fencedTo = (account: string): PolicyDocument => ({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'Account',
        Effect: 'Allow',
        Principal: {AWS: '*'},
        Action: 'kms:*',
        Resource: '*',
        Condition: {StringEquals: {'kms:CallerAccount': account}},
      },
    ],
  });
  const own = lintPolicy(fencedTo(ACCOUNT), {key: sym, callerArn: role('Admin')});
  // "*" limited to the own account covers its root too, so IAM policies there apply.
  assert.deepEqual(
    own.map(f => f.code),
    ['admin-can-delete'],
  );
  assert.deepEqual(putKeyPolicyHolders(fencedTo(ACCOUNT), ACCOUNT), []); // "*" itself is not unconditional
  assert.ok(
    explainPolicy(fencedTo(ACCOUNT), sym).includes(
      `Who can change this policy: every principal in account ${ACCOUNT}.`,
    ),
  );
  const other = lintPolicy(fencedTo(OTHER_ACCOUNT), {key: sym}).map(f => f.message);
  assert.ok(
    other.includes(
      `"Account" gives another AWS account access to this key: every principal in account ${OTHER_ACCOUNT} (Principal "*" limited to that account by a condition).`,
    ),
  );
  assert.ok(other.some(m => m.startsWith('No principal left in this policy may call kms:PutKeyPolicy')));
  // Another condition beside the account (a service) makes it conditional: a warning, never a lockout error.
  const extra = fencedTo(ACCOUNT);
  extra.Statement[0] = {
    ...extra.Statement[0],
    Condition: {
      StringEquals: {'kms:CallerAccount': ACCOUNT, 'kms:ViaService': 'ec2.us-east-1.amazonaws.com'},
    },
  };
  const codes = lintPolicy(extra, {key: sym}).map(f => f.code);
  assert.ok(codes.includes('lockout-conditional') && !codes.includes('lockout'));
});

test('a Deny with NotPrincipal reads as "everyone except"', () => {
  const doc = consoleDefaultPolicy({
    key: sym,
    version: 'current',
    administrators: [role('Admin')],
    users: [],
  });
  doc.Statement.push({
    Sid: 'Guard',
    Effect: 'Deny',
    NotPrincipal: {AWS: role('Admin')},
    Action: 'kms:PutKeyPolicy',
    Resource: '*',
  });
  assert.equal(
    explainPolicy(doc, sym).at(-1),
    'Statement "Guard" denies everyone except role/Admin: kms:PutKeyPolicy.',
  );
  assert.deepEqual(putKeyPolicyHolders(doc, ACCOUNT), [role('Admin')]);
});

test('"__proto__" keys from untrusted text are kept as ordinary keys', () => {
  const text =
    '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","__proto__":{"x":1},"Condition":{"Bool":{"__proto__":"0"}}}]}';
  const parsed = parsePolicy(text);
  assert.ok(parsed.ok);
  const [st] = parsed.document.Statement;
  assert.equal(Object.getPrototypeOf(st), Object.prototype);
  assert.deepEqual(Object.keys(st ?? {}), ['Effect', '__proto__', 'Condition']);
  const printed = printCanonical(parsed.document);
  assert.match(printed, /"__proto__": \["0"\]/);
  const again = parsePolicy(printed);
  assert.ok(again.ok && printCanonical(again.document) === printed);
});

test('lockout: a NotPrincipal Deny exempts the account root however it is written', () => {
  const doc = fixture('key-default-1');
  doc.Statement.push({
    Sid: 'Only root',
    Effect: 'Deny',
    NotPrincipal: {AWS: ACCOUNT},
    Action: 'kms:PutKeyPolicy',
    Resource: '*',
  });
  assert.deepEqual(putKeyPolicyHolders(doc, ACCOUNT), [`arn:aws:iam::${ACCOUNT}:root`]);
  assert.ok(!lintPolicy(doc, {key: sym}).some(f => f.code === 'lockout'));
  // A role of the account is not exempt: the Deny applies to it.
  assert.ok(lintPolicy(doc, {key: sym, callerArn: role('Admin')}).some(f => f.code === 'lockout'));
});

test('a Deny that names a deleted principal is flagged: it no longer applies', () => {
  const doc = fixture('key-default-1');
  doc.Statement.push({
    Sid: 'Block',
    Effect: 'Deny',
    Principal: {AWS: 'AROAEXAMPLEEXAMPLE12'},
    Action: 'kms:Decrypt',
    Resource: '*',
  });
  assert.deepEqual(
    lintPolicy(doc, {key: sym}).map(f => f.message),
    [
      '"Block" names deleted role AROAEXAMPLEEXAMPLE12: IAM shows this unique id because the principal was deleted. The Deny no longer applies to it, even if one with the same name is created again. Remove it or replace it with a current ARN.',
    ],
  );
});
