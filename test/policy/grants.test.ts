// The pure grant findings and names: one grant per rule, the duplicate law, the limit threshold.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {grantPrincipal, grantShape, lintGrants, type KeyGrant} from '../../source/policy/index.js';

const ACCOUNT = '111122223333';
const base: KeyGrant = {
  grantId: 'a'.repeat(64),
  keyArn: `arn:aws:kms:us-east-1:${ACCOUNT}:key/k`,
  granteePrincipal: `arn:aws:iam::${ACCOUNT}:role/App`,
  issuingAccount: `arn:aws:iam::${ACCOUNT}:root`,
  operations: ['Encrypt'],
  constraints: {encryptionContextSubset: {app: 'x'}},
};
const grant = (more: Partial<KeyGrant>, id = 'b'): KeyGrant => ({...base, grantId: id.repeat(64), ...more});
const codes = (grants: KeyGrant[], exists?: (p: string) => boolean | undefined) =>
  lintGrants(grants, {keyAccountId: ACCOUNT, ...(exists ? {exists} : {})}).map(f => f.code);

test('a constrained grant to a role of the account is clean', () => {
  assert.deepEqual(codes([base]), []);
});

test('each rule fires on its grant', () => {
  assert.deepEqual(codes([grant({granteePrincipal: 'AROA5EXAMPLEDELETED7Q'})]), ['grant-deleted-grantee']);
  assert.deepEqual(codes([grant({granteePrincipal: 'arn:aws:iam::444455556666:root'})]), [
    'grant-other-account',
  ]);
  assert.deepEqual(codes([grant({operations: ['Decrypt'], constraints: undefined})]), [
    'grant-unconstrained',
  ]);
  assert.deepEqual(codes([grant({operations: ['ReEncryptFrom'], constraints: {}})]), ['grant-unconstrained']);
  assert.deepEqual(codes([grant({operations: ['Encrypt', 'CreateGrant'], constraints: undefined})]), [
    'grant-redelegation',
  ]);
  assert.deepEqual(codes([grant({}, 'c'), grant({operations: ['Encrypt']}, 'd')]), ['grant-duplicate']);
});

test('an IAM lookup that says a principal is gone marks its grant', () => {
  const gone = `arn:aws:iam::${ACCOUNT}:role/Gone`;
  assert.deepEqual(
    codes([grant({granteePrincipal: gone})], p => p !== gone),
    ['grant-deleted-grantee'],
  );
  assert.deepEqual(
    codes([grant({granteePrincipal: gone})], () => undefined),
    [],
  );
});

test('the count finding starts at 80% of the limit and becomes an error at 95%', () => {
  const many = (n: number) =>
    Array.from({length: n}, (_, i) => grant({constraints: {encryptionContextSubset: {i: String(i)}}}, 'e'));
  const at = (n: number) =>
    lintGrants(many(n), {keyAccountId: ACCOUNT, limit: 100}).filter(f => f.code === 'grant-limit');
  assert.deepEqual(at(79), []);
  assert.equal(at(80)[0]?.severity, 'warning');
  assert.equal(at(95)[0]?.severity, 'error');
});

test('duplicates: the same shape whatever the order of operations and context keys', () => {
  fc.assert(
    fc.property(
      fc.shuffledSubarray(['Encrypt', 'Decrypt', 'GenerateDataKey', 'ReEncryptTo'], {minLength: 1}),
      fc.dictionary(fc.string({minLength: 1, maxLength: 5}), fc.string({maxLength: 5}), {minKeys: 1}),
      (ops, context) => {
        const a = grant({operations: ops, constraints: {encryptionContextSubset: context}});
        const reversed = Object.fromEntries(Object.entries(context).reverse());
        const b = grant(
          {operations: [...ops].reverse(), constraints: {encryptionContextSubset: reversed}},
          'f',
        );
        assert.equal(grantShape(a), grantShape(b));
        assert.ok(codes([a, b]).includes('grant-duplicate'));
      },
    ),
  );
});

test('grantees are named: services, EBS sessions, service-linked roles, other accounts', () => {
  const name = (p: string) => grantPrincipal(p, ACCOUNT).name;
  assert.equal(name(`arn:aws:iam::${ACCOUNT}:role/App`), 'role/App');
  assert.equal(name('rds.amazonaws.com'), 'Amazon RDS');
  assert.equal(
    name(`arn:aws:sts::${ACCOUNT}:assumed-role/aws:ec2-infrastructure/i-0abc`),
    'Amazon EBS/EC2 for instance i-0abc',
  );
  assert.equal(
    name(
      `arn:aws:iam::${ACCOUNT}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`,
    ),
    'EC2 Auto Scaling service-linked role',
  );
  assert.equal(name('arn:aws:iam::444455556666:role/X'), 'role/X in account 444455556666');
  assert.equal(
    grantPrincipal(`arn:aws:iam::${ACCOUNT}:role/App`, ACCOUNT, 'role/App (AppServer)').name,
    'role/App (AppServer)',
  );
});
