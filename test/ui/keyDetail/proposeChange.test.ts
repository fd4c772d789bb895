// The confirmation level a change gets: `y` for ordinary changes, the typed name when the change
// introduces a risk, the typed name plus the override phrase (and the bypass flag) for a lockout.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import type {KeyDetails, PolicySnapshot} from '../../../source/aws/types.js';
import {printPolicy} from '../../../source/policy/index.js';
import type {PolicyDocument} from '../../../source/policy/types.js';
import {proposeChange} from '../../../source/ui/hooks/useProposedChange.js';

const ACCOUNT = '111122223333';
const key: KeyDetails = {
  keyId: '1234abcd-12ab-34cd-56ef-1234567890ab',
  arn: `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
  aliases: ['alias/app'],
  accountId: ACCOUNT,
  state: 'Enabled',
  enabled: true,
  keySpec: 'SYMMETRIC_DEFAULT',
  keyUsage: 'ENCRYPT_DECRYPT',
  keyManager: 'CUSTOMER',
  origin: 'AWS_KMS',
  description: '',
  multiRegion: false,
};
const current = readFileSync(
  new URL('../../fixtures/policies/console-current.json', import.meta.url),
  'utf8',
);
const snapshot = (text: string): PolicySnapshot => ({
  keyId: key.keyId,
  arn: key.arn,
  text,
  sha256: 'x',
  fetchedAt: '',
});
const doc = (): PolicyDocument => JSON.parse(current) as PolicyDocument;
const ADMIN_SID = 'Allow access for Key Administrators';

test('an ordinary change is confirmed with y and has a semantic diff', () => {
  const d = doc();
  d.Statement = d.Statement.filter(s => s.Sid !== 'Allow attachment of persistent resources');
  const change = proposeChange(key, snapshot(current), printPolicy(d), 'raw-edit');
  assert.equal(change.level, 'simple');
  assert.deepEqual(change.risks, []);
  assert.equal(change.bypassLockout, false);
  assert.equal(change.diff?.removesAnything, true);
});

test('removing the administrators statement is risky: typed confirmation', () => {
  const d = doc();
  d.Statement = d.Statement.filter(s => s.Sid !== ADMIN_SID);
  const change = proposeChange(key, snapshot(current), printPolicy(d), 'access-edit');
  assert.equal(change.level, 'typed');
  assert.deepEqual(
    change.risks.map(f => f.code),
    ['no-administrators'],
  );
});

test('a policy nobody could change again needs the override, and the write carries the bypass flag', () => {
  const locked: PolicyDocument = {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: {AWS: `arn:aws:iam::${ACCOUNT}:role/App`},
        Action: 'kms:Decrypt',
        Resource: '*',
      },
    ],
  };
  const change = proposeChange(
    key,
    snapshot(current),
    printPolicy(locked),
    'raw-edit',
    `arn:aws:iam::${ACCOUNT}:root`,
  );
  assert.equal(change.level, 'override');
  assert.equal(change.bypassLockout, true);
  assert.ok(change.risks.some(f => f.code === 'lockout'));
});

test('a risk the policy already had does not make an unrelated change risky', () => {
  const wild = doc();
  wild.Statement.push({
    Sid: 'Everyone',
    Effect: 'Allow',
    Principal: {AWS: '*'},
    Action: 'kms:Decrypt',
    Resource: '*',
  });
  const before = printPolicy(wild);
  const after = JSON.parse(before) as PolicyDocument;
  after.Statement = after.Statement.filter(s => s.Sid !== 'Allow attachment of persistent resources');
  const change = proposeChange(key, snapshot(before), printPolicy(after), 'raw-edit');
  assert.equal(change.level, 'simple');
  assert.ok(
    change.notes.some(f => f.code === 'wildcard-principal'),
    'it is still reported',
  );
  const fresh = proposeChange(key, snapshot(current), before, 'raw-edit');
  assert.equal(fresh.level, 'typed', 'introducing the wildcard is risky');
});

test('text that is not valid JSON is blocking and has no semantic diff', () => {
  const change = proposeChange(key, snapshot(current), '{"Version": "2012-10-17",', 'raw-edit');
  assert.ok(change.blocking.length > 0);
  assert.match(change.blocking[0]!.message, /Line 1, column/);
  assert.equal(change.diff, undefined);
});
