import {test} from 'node:test';
import assert from 'node:assert/strict';
import {explainPolicy} from '../../source/policy/index.js';
import {KEYS, fixture, key} from './helpers.js';

test('the current console policy in words', () => {
  assert.deepEqual(explainPolicy(fixture('console-current'), KEYS.symmetric), [
    'Key administrators (may change the policy or delete the key): role/ExampleAdminRole, user/ExampleAdminUser.',
    'Key users (encrypt, decrypt and other cryptographic operations): role/ExampleKeyUserRole.',
    'Other AWS accounts that can use the key: 444455556666. Their own IAM policies must also allow it.',
    'Key administrators can schedule the key for deletion.',
    'IAM policies in account 111122223333 can grant access to this key (the policy allows the account root kms:*).',
    'Who can change this policy: role/ExampleAdminRole, user/ExampleAdminUser; any principal in account 111122223333 whose IAM policies allow kms:PutKeyPolicy.',
  ]);
});

test('extra statements and AWS managed keys are described too', () => {
  const modified = explainPolicy(fixture('console-modified'), KEYS.symmetric);
  assert.equal(
    modified.at(-1),
    'Statement "Allow CloudTrail to describe the key" allows service cloudtrail.amazonaws.com: kms:DescribeKey.',
  );
  const managed = explainPolicy(fixture('aws-managed-auto-ebs-2'), key({keyManager: 'AWS'}));
  assert.equal(managed[0], 'AWS manages this key and its policy: you can read it but not change it.');
  assert.ok(
    managed.includes(
      'Statement "Allow access through EBS for all principals in the account that are authorized to use EBS" allows every principal in account 111122223333 (under conditions): kms:Encrypt, kms:Decrypt, kms:ReEncrypt*, kms:GenerateDataKey*, kms:CreateGrant, kms:DescribeKey.',
    ),
  );
});

test('no root statement: IAM policies cannot grant access', () => {
  const doc = fixture('console-v1');
  doc.Statement.shift();
  assert.ok(
    explainPolicy(doc, KEYS.symmetric).includes(
      'IAM policies cannot grant access to this key: only principals named in this policy have access.',
    ),
  );
});
