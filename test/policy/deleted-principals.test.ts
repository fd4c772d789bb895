// The edit behind --remove-deleted and the TUI's offer: unique ids no live principal has leave
// every statement; ids of live principals and everything else stay.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {
  deletionUnconfirmed,
  removeDeletedPrincipals,
  resolveUniqueIds,
  type IamPrincipal,
  type PolicyDocument,
} from '../../source/policy/index.js';

const LIVE: IamPrincipal = {
  type: 'role',
  name: 'Batch',
  path: '/',
  arn: 'arn:aws:iam::111122223333:role/Batch',
  id: 'AROA5EXAMPLELIVEBATCH',
};
const GONE = 'AROA5EXAMPLEDELETED7Q';
const GONE_USER = 'AIDA5EXAMPLEDELETED2K';

const doc = (): PolicyDocument => ({
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'Admins',
      Effect: 'Allow',
      Principal: {AWS: ['arn:aws:iam::111122223333:role/KeyAdmin', GONE]},
      Action: 'kms:*',
      Resource: '*',
    },
    {
      Sid: 'Only the deleted',
      Effect: 'Allow',
      Principal: {AWS: GONE_USER},
      Action: 'kms:Decrypt',
      Resource: '*',
    },
    {Sid: 'Live id', Effect: 'Allow', Principal: {AWS: LIVE.id}, Action: 'kms:DescribeKey', Resource: '*'},
  ],
});

test('unique ids resolve against the listing: live by id, none → deleted', () => {
  assert.deepEqual(
    resolveUniqueIds(doc(), [LIVE]).map(s => [s.id, s.state]),
    [
      [GONE, 'deleted'],
      [GONE_USER, 'deleted'],
      [LIVE.id, 'live'],
    ],
  );
});

test('removes the deleted ids from every statement, keeps the live id and the rest', () => {
  const removal = removeDeletedPrincipals(doc(), [LIVE]);
  assert.ok(removal.ok);
  assert.deepEqual(removal.removed, [GONE, GONE_USER]);
  const text = JSON.stringify(removal.document);
  assert.ok(!text.includes(GONE) && !text.includes(GONE_USER));
  assert.ok(text.includes(LIVE.id) && text.includes('role/KeyAdmin'));
  assert.deepEqual(
    removal.document.Statement.map(s => s.Sid),
    ['Admins', 'Live id'],
    'a statement left with no principal goes',
  );
  assert.match(removal.notes.join(' '), /kept\..*Removing 2 deleted principals from every statement/);
});

test('nothing to remove: no ids, or only live ones', () => {
  const none = removeDeletedPrincipals({Version: '2012-10-17', Statement: []}, []);
  assert.ok(!none.ok && /names no unique ids/.test(none.reason));
  const live = removeDeletedPrincipals({...doc(), Statement: [doc().Statement[2]!]}, [LIVE]);
  assert.ok(!live.ok && /belongs to a live role or user/.test(live.reason));
});

test('deletion that cannot be confirmed is said in one sentence', () => {
  assert.equal(
    deletionUnconfirmed([GONE], 'Access denied'),
    `Cannot confirm that ${GONE} is deleted (IAM cannot be listed: Access denied), so keypol does not remove it.`,
  );
});
