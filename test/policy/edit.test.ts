import {test} from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  GROUP_REASON,
  accessModel,
  applyAccessEdit,
  consoleDefaultPolicy,
  policiesEqual,
} from '../../source/policy/index.js';
import type {
  AccessEdit,
  ConsoleVersion,
  EditResult,
  KeyInfo,
  PolicyDocument,
} from '../../source/policy/index.js';
import {ACCOUNT, KEYS, OTHER_ACCOUNT, adminSet, fixture, key, role, user} from './helpers.js';

const sym = KEYS.symmetric;

function edited(doc: PolicyDocument, edit: AccessEdit, info: KeyInfo = sym): PolicyDocument {
  const result = applyAccessEdit(doc, edit, info);
  assert.ok(result.ok, result.ok ? '' : result.reason);
  return result.document;
}

function refused(result: EditResult, pattern: RegExp | string): void {
  assert.equal(result.ok, false);
  if (!result.ok) {
    if (typeof pattern === 'string') assert.ok(result.reason.includes(pattern), result.reason);
    else assert.match(result.reason, pattern);
  }
}

/** Everything except the listed statements is deep-equal, and key order is kept everywhere. */
function onlyChanged(before: PolicyDocument, after: PolicyDocument, changed: number[]): void {
  assert.deepEqual(Object.keys(after), Object.keys(before));
  assert.equal(after.Statement.length, before.Statement.length);
  before.Statement.forEach((st, i) => {
    const now = after.Statement[i];
    assert.ok(now);
    assert.deepEqual(Object.keys(now), Object.keys(st));
    if (!changed.includes(i)) assert.deepEqual(now, st);
  });
}

test('adding an administrator changes only the administrators statement; one principal stays a string', () => {
  const before = fixture('console-v2');
  const after = edited(before, {op: 'add', role: 'administrator', principal: role('NewAdmin')});
  onlyChanged(before, after, [1]);
  assert.deepEqual(after.Statement[1]?.Principal, {AWS: [user('test-user'), role('NewAdmin')]});
  const back = edited(after, {op: 'remove', role: 'administrator', principal: role('NewAdmin')});
  assert.deepEqual(back, before);
});

test('adding a user changes both key-user statements and nothing else', () => {
  const before = fixture('console-current');
  const after = edited(before, {op: 'add', role: 'user', principal: user('carol')});
  onlyChanged(before, after, [2, 3]);
  assert.deepEqual(after.Statement[2]?.Principal, after.Statement[3]?.Principal);
  assert.deepEqual(after.Statement[2]?.Principal, {
    AWS: [role('ExampleKeyUserRole'), 'arn:aws:iam::444455556666:root', user('carol')],
  });
});

test('removing the last principal removes the statement, as the console does', () => {
  const before = fixture('console-v1');
  const noAdmins = edited(before, {op: 'remove', role: 'administrator', principal: user('myadminuser')});
  assert.deepEqual(
    noAdmins.Statement.map(s => s.Sid),
    ['Enable IAM User Permissions', 'Allow use of the key', 'Allow attachment of persistent resources'],
  );
  const noUsers = edited(before, {op: 'remove', role: 'user', principal: role('confidant-production')});
  assert.deepEqual(
    noUsers.Statement.map(s => s.Sid),
    ['Enable IAM User Permissions', 'Allow access for Key Administrators'],
  );
});

test("missing statements are created in console order with the key type's actions", () => {
  const apiDefault = fixture('key-default-1');
  const withAdmin = edited(
    apiDefault,
    {op: 'add', role: 'administrator', principal: role('Admin')},
    key({multiRegion: true}),
  );
  assert.equal(withAdmin.Statement[1]?.Sid, 'Allow access for Key Administrators');
  // The policy had no administrators, so none could delete: the first one keeps that.
  assert.deepEqual(adminSet(withAdmin), [
    'kms:Create*',
    'kms:Delete*',
    'kms:Describe*',
    'kms:Disable*',
    'kms:Enable*',
    'kms:Get*',
    'kms:List*',
    'kms:Put*',
    'kms:ReplicateKey',
    'kms:Revoke*',
    'kms:RotateKeyOnDemand',
    'kms:TagResource',
    'kms:UntagResource',
    'kms:Update*',
    'kms:UpdatePrimaryRegion',
  ]);
  const withUser = edited(withAdmin, {op: 'add', role: 'user', principal: role('Signer')}, KEYS.sign);
  assert.deepEqual(
    withUser.Statement.map(s => s.Sid),
    [
      'Enable IAM User Permissions',
      'Allow access for Key Administrators',
      'Allow use of the key',
      'Allow attachment of persistent resources',
    ],
  );
  assert.deepEqual(withUser.Statement[2]?.Action, [
    'kms:DescribeKey',
    'kms:GetPublicKey',
    'kms:Sign',
    'kms:Verify',
  ]);
  assert.deepEqual(withUser.Statement[3]?.Condition, {Bool: {'kms:GrantIsForAWSResource': 'true'}});
});

test("external accounts: a 12-digit id becomes the account root; the key's own account is refused", () => {
  const before = fixture('console-v2');
  const after = edited(before, {op: 'add', role: 'account', principal: '999988887777'});
  assert.deepEqual(after.Statement[2]?.Principal, {
    AWS: [user('test-user'), role('test-role'), 'arn:aws:iam::999988887777:root'],
  });
  refused(applyAccessEdit(after, {op: 'add', role: 'account', principal: '999988887777'}, sym), /already/);
  refused(applyAccessEdit(before, {op: 'add', role: 'account', principal: ACCOUNT}, sym), /own account/);
  refused(applyAccessEdit(before, {op: 'add', role: 'account', principal: '12345'}, sym), /12-digit/);
  const removed = edited(fixture('console-current'), {
    op: 'remove',
    role: 'account',
    principal: '444455556666',
  });
  assert.deepEqual(removed.Statement[2]?.Principal, {AWS: role('ExampleKeyUserRole')});
});

test('invalid principals are refused: groups (with the reason), malformed ARNs, "*", duplicates, absent ones', () => {
  const doc = fixture('console-current');
  refused(
    applyAccessEdit(
      doc,
      {op: 'add', role: 'administrator', principal: 'arn:aws:iam::111122223333:group/Admins'},
      sym,
    ),
    GROUP_REASON,
  );
  refused(
    applyAccessEdit(doc, {op: 'add', role: 'user', principal: 'arn:aws:iam::1111:role/x'}, sym),
    /not a valid principal/,
  );
  refused(applyAccessEdit(doc, {op: 'add', role: 'user', principal: '*'}, sym), /every identity/);
  refused(
    applyAccessEdit(doc, {op: 'add', role: 'administrator', principal: role('ExampleAdminRole')}, sym),
    'is already a key administrator',
  );
  refused(
    applyAccessEdit(doc, {op: 'remove', role: 'user', principal: role('Nobody')}, sym),
    'is not a key user',
  );
  refused(
    applyAccessEdit(doc, {op: 'add', role: 'user', principal: role('x')}, key({keyManager: 'AWS'})),
    /AWS manages/,
  );
});

test('deletion toggle removes and restores exactly the two deletion actions', () => {
  const before = fixture('console-current');
  const off = edited(before, {op: 'set-deletion', allow: false});
  onlyChanged(before, off, [1]);
  assert.deepEqual(
    adminSet(off),
    adminSet(before).filter(a => a !== 'kms:ScheduleKeyDeletion' && a !== 'kms:CancelKeyDeletion'),
  );
  refused(applyAccessEdit(off, {op: 'set-deletion', allow: false}, sym), /already cannot/);
  const on = edited(off, {op: 'set-deletion', allow: true});
  assert.ok(policiesEqual(on, before));
  refused(
    applyAccessEdit(fixture('key-default-1'), {op: 'set-deletion', allow: true}, sym),
    /no key administrators statement/,
  );
});

test('the input document is never mutated', () => {
  const doc = fixture('console-current');
  const copy = structuredClone(doc);
  applyAccessEdit(doc, {op: 'add', role: 'administrator', principal: role('X')}, sym);
  applyAccessEdit(doc, {op: 'remove', role: 'user', principal: role('ExampleKeyUserRole')}, sym);
  applyAccessEdit(doc, {op: 'set-deletion', allow: false}, sym);
  assert.deepEqual(doc, copy);
});

const scenario = fc.record({
  version: fc.constantFrom<ConsoleVersion>('v1', 'v2', 'v3', 'current'),
  kind: fc.constantFrom(...(Object.keys(KEYS) as (keyof typeof KEYS)[])),
  admins: fc.uniqueArray(fc.constantFrom(role('Admin'), user('alice'), role('Ops')), {maxLength: 3}),
  users: fc.uniqueArray(fc.constantFrom(role('App'), user('bob'), 'arn:aws:iam::444455556666:root'), {
    maxLength: 3,
  }),
  role: fc.constantFrom<'administrator' | 'user'>('administrator', 'user'),
  principal: fc.constantFrom(
    role('New'),
    user('dave'),
    'arn:aws:sts::111122223333:assumed-role/R/s',
    'arn:aws:iam::777766665555:role/X',
  ),
  custom: fc.boolean(),
});

test('property: adding then removing an administrator or user gives back an equal policy', () => {
  fc.assert(
    fc.property(scenario, s => {
      const info = KEYS[s.kind];
      const doc = consoleDefaultPolicy({
        key: info,
        version: s.version,
        administrators: s.admins,
        users: s.users,
      });
      if (s.custom)
        doc.Statement.push({
          Sid: 'Custom',
          Effect: 'Deny',
          Principal: '*',
          Action: 'kms:ScheduleKeyDeletion',
          Resource: '*',
        });
      if (s.role === 'administrator' && s.principal.includes('777766665555')) {
        // Another account cannot administer the key (PutKeyPolicy is not cross-account).
        const refused = applyAccessEdit(doc, {op: 'add', role: s.role, principal: s.principal}, info);
        assert.equal(refused.ok, false);
        return;
      }
      const added = edited(doc, {op: 'add', role: s.role, principal: s.principal}, info);
      assert.equal(policiesEqual(added, doc), false);
      const removed = edited(added, {op: 'remove', role: s.role, principal: s.principal}, info);
      assert.ok(policiesEqual(removed, doc));
    }),
    {numRuns: 300},
  );
});

test('an edit the policy already says is marked unchanged; a real refusal is not', () => {
  const current = fixture('console-current');
  const unchanged = (edit: AccessEdit, info: KeyInfo = sym, doc = current) => {
    const result = applyAccessEdit(doc, edit, info);
    return result.ok ? 'ok' : result.unchanged === true;
  };
  assert.equal(unchanged({op: 'add', role: 'administrator', principal: role('ExampleAdminRole')}), true);
  assert.equal(unchanged({op: 'remove', role: 'user', principal: role('Nobody')}), true);
  assert.equal(unchanged({op: 'add', role: 'account', principal: '444455556666'}), true);
  assert.equal(unchanged({op: 'set-deletion', allow: true}), true);
  assert.equal(unchanged({op: 'add', role: 'user', principal: '*'}), false);
  assert.equal(unchanged({op: 'add', role: 'user', principal: role('x')}, key({keyManager: 'AWS'})), false);
  assert.equal(unchanged({op: 'set-deletion', allow: true}, sym, fixture('key-default-1')), false);
});

test('removing an account that has access through a statement of its own is refused, naming it', () => {
  const doc = fixture('console-v2');
  doc.Statement.push({
    Sid: 'Share',
    Effect: 'Allow',
    Principal: {AWS: 'arn:aws:iam::444455556666:root'},
    Action: 'kms:Decrypt',
    Resource: '*',
  });
  const result = applyAccessEdit(doc, {op: 'remove', role: 'account', principal: '444455556666'}, sym);
  assert.equal(result.ok, false);
  if (!result.ok) {
    assert.equal(result.unchanged, undefined);
    assert.match(result.reason, /"Share" gives it access/);
  }
});

test('the first administrator keeps "administrators may delete: no"; set-deletion still allows it', () => {
  const apiDefault = fixture('key-default-1');
  assert.equal(accessModel(apiDefault, KEYS.symmetric).administratorsCanDelete, false);
  const withAdmin = edited(apiDefault, {op: 'add', role: 'administrator', principal: role('Admin')});
  assert.equal(accessModel(withAdmin, KEYS.symmetric).administratorsCanDelete, false);
  const allowed = edited(withAdmin, {op: 'set-deletion', allow: true});
  assert.equal(accessModel(allowed, KEYS.symmetric).administratorsCanDelete, true);
});

test('principals of another partition are refused for every role', () => {
  const doc = fixture('console-current');
  for (const [role, principal] of [
    ['administrator', 'arn:aws-cn:iam::111122223333:role/Admin'],
    ['user', 'arn:aws-us-gov:iam::111122223333:user/bob'],
    ['account', 'arn:aws-cn:iam::444455556666:root'],
  ] as const) {
    const result = applyAccessEdit(doc, {op: 'add', role, principal}, KEYS.symmetric);
    assert.equal(result.ok, false, principal);
    assert.match(result.ok ? '' : result.reason, /partition, but this key is in aws/);
  }
});

test('another account as administrator is refused, saying what to do instead', () => {
  const doc = fixture('console-current');
  for (const principal of [OTHER_ACCOUNT, `arn:aws:iam::${OTHER_ACCOUNT}:root`, role('Ops', OTHER_ACCOUNT)]) {
    const result = applyAccessEdit(doc, {op: 'add', role: 'administrator', principal}, KEYS.symmetric);
    assert.equal(result.ok, false, principal);
    const reason = result.ok ? '' : result.reason;
    assert.match(reason, /cannot be administered from another account/);
    assert.match(reason, new RegExp(`grant-access --account ${OTHER_ACCOUNT}`));
    assert.match(reason, /name a role in 111122223333 that they can assume/);
  }
  // As a key user or another account with access it is fine.
  assert.ok(
    applyAccessEdit(doc, {op: 'add', role: 'user', principal: role('Ops', OTHER_ACCOUNT)}, KEYS.symmetric).ok,
  );
  assert.ok(applyAccessEdit(doc, {op: 'add', role: 'account', principal: '999988887777'}, KEYS.symmetric).ok);
});
