import {test} from 'node:test';
import assert from 'node:assert/strict';
import {
  apiDefaultPolicy,
  consoleDefaultPolicy,
  keyKindOf,
  policiesEqual,
  printPolicy,
  sanitizeText,
} from '../../source/policy/index.js';
import {ACCOUNT, KEYS, fixture, fixtureText, key, role, user} from './helpers.js';

const sym = KEYS.symmetric;

test('the current template reproduces the console output exactly, key order included', () => {
  const doc = consoleDefaultPolicy({
    key: sym,
    version: 'current',
    administrators: [role('ExampleAdminRole'), user('ExampleAdminUser')],
    users: [role('ExampleKeyUserRole'), 'arn:aws:iam::444455556666:root'],
  });
  assert.equal(printPolicy(doc), printPolicy(fixture('console-current')));
});

test('older templates equal the historical policies (as sets)', () => {
  const v2 = consoleDefaultPolicy({
    key: sym,
    version: 'v2',
    administrators: [user('test-user')],
    users: [user('test-user'), role('test-role')],
  });
  assert.ok(policiesEqual(v2, fixture('console-v2')));
  const v1 = consoleDefaultPolicy({
    key: sym,
    version: 'v1',
    administrators: [user('myadminuser')],
    users: [role('confidant-production')],
  });
  assert.ok(policiesEqual(v1, fixture('console-v1')));
  const v3 = consoleDefaultPolicy({
    key: sym,
    version: 'v3',
    administrators: [role('ExampleAdminRole'), user('ExampleAdminUser')],
    users: [role('ExampleKeyUserRole'), 'arn:aws:iam::444455556666:root'],
  });
  assert.ok(policiesEqual(v3, fixture('console-v3')));
});

test('each key type gets its own users statement', () => {
  for (const [kind, info] of Object.entries(KEYS)) {
    const doc = consoleDefaultPolicy({
      key: info,
      version: 'current',
      administrators: [role('ExampleAdminRole'), user('ExampleAdminUser')],
      users: [role('ExampleKeyUserRole'), 'arn:aws:iam::444455556666:root'],
    });
    assert.ok(policiesEqual(doc, fixture(`users-${kind}`)), kind);
  }
});

test('the API default is key-default-1, as GetKeyPolicy returns it', () => {
  assert.ok(policiesEqual(apiDefaultPolicy(ACCOUNT), fixture('key-default-1')));
  assert.deepEqual(Object.keys(apiDefaultPolicy(ACCOUNT)), ['Version', 'Id', 'Statement']);
});

test('key kinds from DescribeKey metadata', () => {
  assert.equal(keyKindOf(key()), 'symmetric');
  assert.equal(keyKindOf(key({keySpec: 'RSA_3072'})), 'asymmetric-encrypt');
  assert.equal(keyKindOf(key({keySpec: 'SM2'})), 'asymmetric-encrypt');
  assert.equal(keyKindOf(key({keySpec: 'ML_DSA_65', keyUsage: 'SIGN_VERIFY'})), 'sign');
  assert.equal(keyKindOf(key({keySpec: 'HMAC_512', keyUsage: 'GENERATE_VERIFY_MAC'})), 'hmac');
  assert.equal(keyKindOf(key({keySpec: 'ECC_NIST_P256', keyUsage: 'KEY_AGREEMENT'})), 'key-agreement');
  assert.equal(keyKindOf(key({keySpec: 'HMAC_256', keyUsage: ''})), 'hmac');
});

test('sanitising clean policy text with newlines kept changes nothing', () => {
  for (const name of ['console-v2', 'console-current', 'aws-managed-auto-ebs-2']) {
    assert.equal(sanitizeText(fixtureText(name), {keepNewlines: true}), fixtureText(name));
  }
});
