import {test} from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  classifyPolicy,
  consoleDefaultPolicy,
  planUpgrade,
  statementPrincipals,
} from '../../source/policy/index.js';
import type {ConsoleVersion, PolicyDocument, PolicyStatement} from '../../source/policy/index.js';
import {KEYS, adminSet, fixture, key, role, user} from './helpers.js';

const sym = KEYS.symmetric;
const BASE = [
  'kms:Create*',
  'kms:Delete*',
  'kms:Describe*',
  'kms:Disable*',
  'kms:Enable*',
  'kms:Get*',
  'kms:List*',
  'kms:Put*',
  'kms:Revoke*',
  'kms:Update*',
];
const CURRENT = [
  ...BASE,
  'kms:CancelKeyDeletion',
  'kms:RotateKeyOnDemand',
  'kms:ScheduleKeyDeletion',
  'kms:TagResource',
  'kms:UntagResource',
].sort();

function upgraded(doc: PolicyDocument, opts?: {allowDeletion?: boolean}) {
  const plan = planUpgrade(doc, sym, opts);
  assert.ok(plan.ok, plan.ok ? '' : plan.reason);
  return plan;
}

test("v1: the deletion choice is the caller's; without it only tags and rotation are added", () => {
  const plan = upgraded(fixture('console-v1'));
  assert.equal(plan.from, 'v1');
  assert.equal(plan.needsDeletionChoice, true);
  assert.deepEqual(
    plan.added.map(a => a.action),
    ['kms:TagResource', 'kms:UntagResource', 'kms:RotateKeyOnDemand'],
  );
  assert.deepEqual(
    adminSet(plan.document),
    [...BASE, 'kms:RotateKeyOnDemand', 'kms:TagResource', 'kms:UntagResource'].sort(),
  );
  assert.equal(plan.document.Id, 'key-consolepolicy-1');

  const allow = upgraded(fixture('console-v1'), {allowDeletion: true});
  assert.equal(allow.needsDeletionChoice, false);
  assert.deepEqual(adminSet(allow.document), CURRENT);
  const deny = upgraded(fixture('console-v1'), {allowDeletion: false});
  assert.equal(deny.needsDeletionChoice, false);
  assert.deepEqual(adminSet(deny.document), adminSet(plan.document));
});

test('v2 gains tagging and on-demand rotation; v3 gains on-demand rotation; current gains nothing', () => {
  const v2 = upgraded(fixture('console-v2'));
  assert.deepEqual(
    v2.added.map(a => a.action),
    ['kms:TagResource', 'kms:UntagResource', 'kms:RotateKeyOnDemand'],
  );
  assert.deepEqual(adminSet(v2.document), CURRENT);
  assert.equal(v2.needsDeletionChoice, false);
  assert.equal(v2.document.Id, 'key-consolepolicy-2');

  const v3 = upgraded(fixture('console-v3'));
  assert.deepEqual(
    v3.added.map(a => a.action),
    ['kms:RotateKeyOnDemand'],
  );
  assert.deepEqual(adminSet(v3.document), CURRENT);
  assert.deepEqual(v3.warnings, []);

  const current = upgraded(fixture('console-current'));
  assert.deepEqual(current.added, []);
  assert.deepEqual(current.document, fixture('console-current'));
});

test('every added permission is explained with its feature', () => {
  const plan = planUpgrade(fixture('console-v1'), key({origin: 'EXTERNAL', multiRegion: true}), {
    allowDeletion: true,
  });
  assert.ok(plan.ok);
  assert.deepEqual(
    plan.added.map(a => [a.action, a.feature]),
    [
      ['kms:TagResource', 'tagging (2017)'],
      ['kms:UntagResource', 'tagging (2017)'],
      ['kms:ScheduleKeyDeletion', 'key deletion (2015)'],
      ['kms:CancelKeyDeletion', 'key deletion (2015)'],
      ['kms:RotateKeyOnDemand', 'on-demand rotation (2024)'],
      ['kms:ImportKeyMaterial', 'imported key material'],
      ['kms:ReplicateKey', 'multi-Region keys (2021)'],
      ['kms:UpdatePrimaryRegion', 'multi-Region keys (2021)'],
    ],
  );
  assert.ok(plan.added.every(a => a.explanation.length > 20));
});

test('a modified console policy is upgraded additively, with a warning, keeping its custom statement', () => {
  const before = fixture('console-modified');
  const plan = upgraded(before);
  assert.deepEqual(
    plan.added.map(a => a.action),
    ['kms:RotateKeyOnDemand'],
  );
  assert.equal(plan.warnings.length, 1);
  assert.match(plan.warnings[0] ?? '', /extra statement "Allow CloudTrail to describe the key"/);
  assert.deepEqual(plan.document.Statement[4], before.Statement[4]);
  assert.deepEqual(adminSet(plan.document), CURRENT);
});

test('non-console policies are refused with the reason', () => {
  const apiDefault = planUpgrade(fixture('key-default-1'), sym);
  assert.equal(apiDefault.ok, false);
  if (!apiDefault.ok) assert.match(apiDefault.reason, /key-default-1/);
  const managed = planUpgrade(fixture('aws-managed-auto-ebs-2'), key({keyManager: 'AWS'}));
  assert.equal(managed.ok, false);
  const custom = planUpgrade(
    {
      Version: '2012-10-17',
      Statement: [{Sid: 'x', Effect: 'Allow', Principal: '*', Action: 'kms:*', Resource: '*'}],
    },
    sym,
  );
  assert.equal(custom.ok, false);
  if (!custom.ok) assert.match(custom.reason, /not written by the console/);
});

test('a console policy without a key administrators statement has nothing to upgrade: refused, with why', () => {
  const doc = fixture('console-v2');
  doc.Statement = doc.Statement.filter(st => st.Sid !== 'Allow access for Key Administrators');
  const plan = planUpgrade(doc, sym);
  assert.equal(plan.ok, false);
  if (!plan.ok) assert.match(plan.reason, /no key administrators statement.*nothing to upgrade/);
});

test('the input is not mutated', () => {
  const doc = fixture('console-v2');
  const copy = structuredClone(doc);
  planUpgrade(doc, sym);
  assert.deepEqual(doc, copy);
});

const customStatement: fc.Arbitrary<PolicyStatement> = fc.record(
  {
    Sid: fc.constantFrom('Custom A', 'Custom B'),
    Effect: fc.constantFrom('Allow', 'Deny'),
    Principal: fc.record({AWS: fc.constantFrom(role('App'), '444455556666')}, {noNullPrototype: true}),
    Action: fc.constantFrom('kms:Decrypt', ['kms:Encrypt', 'kms:Decrypt']),
    Resource: fc.constant('*'),
  },
  {noNullPrototype: true},
);

const consolePolicies = fc
  .record({
    version: fc.constantFrom<ConsoleVersion>('v1', 'v2', 'v3', 'current'),
    kind: fc.constantFrom(...(Object.keys(KEYS) as (keyof typeof KEYS)[])),
    origin: fc.constantFrom('AWS_KMS', 'EXTERNAL'),
    multiRegion: fc.boolean(),
    admins: fc.uniqueArray(fc.constantFrom(role('Admin'), user('alice'), role('Ops')), {maxLength: 3}),
    users: fc.uniqueArray(fc.constantFrom(role('App'), user('bob'), 'arn:aws:iam::444455556666:root'), {
      maxLength: 3,
    }),
    allowDeletion: fc.boolean(),
    extra: fc.array(customStatement, {maxLength: 2}),
    choice: fc.constantFrom(undefined, true, false),
  })
  .map(r => {
    const info = {...KEYS[r.kind], origin: r.origin, multiRegion: r.multiRegion};
    const doc = consoleDefaultPolicy({
      key: info,
      version: r.version,
      administrators: r.admins,
      users: r.users,
      allowDeletion: r.allowDeletion,
    });
    doc.Statement.push(...r.extra.map((st, i) => ({...st, Sid: `${st.Sid} ${i}`})));
    return {doc, info, choice: r.choice};
  });

const actionsOf = (st?: PolicyStatement) =>
  typeof st?.Action === 'string' ? [st.Action] : (st?.Action ?? []);

test('property: an upgrade never removes an action or principal, and upgrading again adds nothing', () => {
  fc.assert(
    fc.property(consolePolicies, ({doc, info, choice}) => {
      const opts = choice === undefined ? {} : {allowDeletion: choice};
      const plan = planUpgrade(doc, info, opts);
      // With no administrators there is no statement to add to: refused (see above).
      const hasAdmins = doc.Statement.some(st => st.Sid === 'Allow access for Key Administrators');
      assert.equal(plan.ok, hasAdmins);
      if (!plan.ok) return;
      assert.equal(plan.document.Statement.length, doc.Statement.length);
      doc.Statement.forEach((st, i) => {
        const after = plan.document.Statement[i];
        for (const a of actionsOf(st)) assert.ok(actionsOf(after).includes(a), `${a} kept`);
        assert.deepEqual(after && statementPrincipals(after), statementPrincipals(st));
        if (st.Sid !== 'Allow access for Key Administrators') assert.deepEqual(after, st);
      });
      assert.equal(plan.document.Id, doc.Id);
      const again = planUpgrade(plan.document, info, opts);
      assert.ok(again.ok);
      assert.deepEqual(again.added, []);
      assert.deepEqual(classifyPolicy(plan.document, info).missingActions, []);
    }),
    {numRuns: 300},
  );
});
