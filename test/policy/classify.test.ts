import {test} from 'node:test';
import assert from 'node:assert/strict';
import {classifyPolicy, consoleDefaultPolicy} from '../../source/policy/index.js';
import type {ConsoleVersion} from '../../source/policy/index.js';
import {ACCOUNT, KEYS, fixture, key, role} from './helpers.js';

const sym = KEYS.symmetric;

test('v1 (key-consolepolicy-1, confidant action order) is outdated and misses tags, deletion and rotation', () => {
  assert.deepEqual(classifyPolicy(fixture('console-v1'), sym), {
    kind: 'console-default',
    version: 'v1',
    outdated: true,
    missingActions: [
      'kms:CancelKeyDeletion',
      'kms:RotateKeyOnDemand',
      'kms:ScheduleKeyDeletion',
      'kms:TagResource',
      'kms:UntagResource',
    ],
    deviations: [],
    label: 'outdated v1',
  });
});

test('v2 (KMS formatting) misses tagging and on-demand rotation', () => {
  assert.deepEqual(classifyPolicy(fixture('console-v2'), sym), {
    kind: 'console-default',
    version: 'v2',
    outdated: true,
    missingActions: ['kms:RotateKeyOnDemand', 'kms:TagResource', 'kms:UntagResource'],
    deviations: [],
    label: 'outdated v2',
  });
});

test('v3 and current share the Id; only kms:RotateKeyOnDemand tells them apart', () => {
  const v3 = classifyPolicy(fixture('console-v3'), sym);
  assert.deepEqual(
    [v3.kind, v3.version, v3.label, v3.missingActions],
    ['console-default', 'v3', 'outdated v3', ['kms:RotateKeyOnDemand']],
  );
  assert.deepEqual(classifyPolicy(fixture('console-current'), sym), {
    kind: 'console-default',
    version: 'current',
    outdated: false,
    missingActions: [],
    deviations: [],
    label: 'current',
  });
});

test("each key type is current with its own users statement, and modified with another type's", () => {
  for (const [kind, info] of Object.entries(KEYS)) {
    const result = classifyPolicy(fixture(`users-${kind}`), info);
    assert.equal(result.label, 'current', kind);
    const wrong = kind === 'symmetric' ? KEYS.sign : sym;
    const mismatch = classifyPolicy(fixture(`users-${kind}`), wrong);
    assert.equal(mismatch.kind, 'console-modified', kind);
    assert.match(
      mismatch.deviations.join('; '),
      /does not grant exactly the (sign|symmetric) key users' actions/,
    );
  }
});

test('key-default-1 is the API default; AWS managed keys are AWS managed whatever their shape', () => {
  assert.equal(classifyPolicy(fixture('key-default-1'), sym).kind, 'api-default');
  assert.equal(classifyPolicy(fixture('key-default-1'), sym).label, 'API default');
  const ebs = fixture('aws-managed-auto-ebs-2');
  assert.equal(classifyPolicy(ebs, key({keyManager: 'AWS'})).label, 'AWS managed');
  // DescribeKey's KeyManager decides: an auto-… Id on a customer managed key is only a hint.
  assert.equal(classifyPolicy(ebs, sym).kind, 'custom');
  assert.equal(classifyPolicy(fixture('console-current'), key({keyManager: 'AWS'})).kind, 'aws-managed');
});

test('a console policy with an extra statement is modified, and still reports what is missing', () => {
  assert.deepEqual(classifyPolicy(fixture('console-modified'), sym), {
    kind: 'console-modified',
    version: 'v3',
    outdated: true,
    missingActions: ['kms:RotateKeyOnDemand'],
    deviations: ['extra statement "Allow CloudTrail to describe the key"'],
    label: 'modified v3',
  });
});

test('special keys: imported material and multi-Region add administrator actions', () => {
  const special = key({origin: 'EXTERNAL', multiRegion: true});
  assert.deepEqual(classifyPolicy(fixture('console-v3'), special).missingActions, [
    'kms:ImportKeyMaterial',
    'kms:ReplicateKey',
    'kms:RotateKeyOnDemand',
    'kms:UpdatePrimaryRegion',
  ]);
  const made = consoleDefaultPolicy({
    key: special,
    version: 'current',
    administrators: [role('A')],
    users: [],
  });
  assert.equal(classifyPolicy(made, special).label, 'current');
});

test('deletion cleared is a choice: not missing in v2+, but v1 never had it', () => {
  const v2 = consoleDefaultPolicy({
    key: sym,
    version: 'v2',
    administrators: [role('A')],
    users: [role('U')],
    allowDeletion: false,
  });
  assert.deepEqual(classifyPolicy(v2, sym).missingActions, [
    'kms:RotateKeyOnDemand',
    'kms:TagResource',
    'kms:UntagResource',
  ]);
  const current = consoleDefaultPolicy({
    key: sym,
    version: 'current',
    administrators: [role('A')],
    users: [],
    allowDeletion: false,
  });
  assert.equal(classifyPolicy(current, sym).label, 'current');
});

test('every generated console default classifies as its own version', () => {
  const versions: ConsoleVersion[] = ['v1', 'v2', 'v3', 'current'];
  for (const version of versions) {
    for (const [kind, info] of Object.entries(KEYS)) {
      const doc = consoleDefaultPolicy({
        key: info,
        version,
        administrators: [role('A')],
        users: [role('U'), '444455556666'],
      });
      const result = classifyPolicy(doc, info);
      assert.equal(result.kind, 'console-default', `${version} ${kind}`);
      assert.equal(result.version, version, `${version} ${kind}`);
      assert.equal(result.outdated, version !== 'current');
    }
  }
});

test('the console with no administrators and no users emits the root statement only', () => {
  const doc = consoleDefaultPolicy({key: sym, version: 'current', administrators: [], users: []});
  assert.equal(doc.Statement.length, 1);
  assert.deepEqual(classifyPolicy(doc, sym), {
    kind: 'console-default',
    version: 'current',
    outdated: false,
    missingActions: [],
    deviations: [],
    label: 'current',
  });
});

test('an older console policy whose administrators statement was removed is modified, not current', () => {
  for (const name of ['console-v1', 'console-v2']) {
    const doc = fixture(name);
    doc.Statement = doc.Statement.filter(st => st.Sid !== 'Allow access for Key Administrators');
    const result = classifyPolicy(doc, sym);
    assert.equal(result.kind, 'console-modified', name);
    assert.deepEqual(result.deviations, ['no key administrators statement'], name);
    assert.equal(result.version, name === 'console-v1' ? 'v1' : 'v2');
    assert.notEqual(result.label, 'current');
  }
});

test('HMAC and key agreement keys may lack the grant statement; symmetric keys may not', () => {
  for (const info of [KEYS.hmac, KEYS['key-agreement'], sym]) {
    const doc = consoleDefaultPolicy({
      key: info,
      version: 'current',
      administrators: [role('A')],
      users: [role('U')],
    });
    doc.Statement.pop();
    const expected = info === sym ? 'console-modified' : 'console-default';
    assert.equal(classifyPolicy(doc, info).kind, expected, info.keyUsage);
  }
});

test('a policy without console Id or Sids is custom', () => {
  const doc = {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'Root',
        Effect: 'Allow',
        Principal: {AWS: `arn:aws:iam::${ACCOUNT}:root`},
        Action: 'kms:*',
        Resource: '*',
      },
      {Sid: 'App', Effect: 'Allow', Principal: {AWS: role('App')}, Action: 'kms:Decrypt', Resource: '*'},
    ],
  };
  assert.deepEqual(classifyPolicy(doc, sym), {
    kind: 'custom',
    outdated: false,
    missingActions: [],
    deviations: [],
    label: 'custom',
  });
});
