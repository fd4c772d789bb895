import {test} from 'node:test';
import assert from 'node:assert/strict';
import {toAwsError} from '../../source/aws/errors.js';

const context = {action: 'kms:GetKeyPolicy', ref: 'alias/app', region: 'eu-west-1', profile: 'prod'};
const named = (name: string, message = 'detail') => Object.assign(new Error(message), {name});

test('each AWS failure becomes one sentence with the cause and the next step', () => {
  const cases: [unknown, string, RegExp][] = [
    [
      named('ExpiredTokenException', 'The security token included in the request is expired'),
      'expired',
      /aws sso login --profile prod/,
    ],
    [
      named('CredentialsProviderError', 'Could not load credentials from any providers'),
      'credentials',
      /--profile or set AWS_PROFILE/,
    ],
    [
      named(
        'TokenProviderError',
        'The SSO session associated with this profile has expired or is otherwise invalid',
      ),
      'expired',
      /aws sso login --profile prod/,
    ],
    [
      named('AccessDeniedException', 'User: x is not authorized'),
      'access-denied',
      /needs kms:GetKeyPolicy on "alias\/app", granted by an IAM policy or the key policy/,
    ],
    [
      named('ThrottlingException'),
      'throttled',
      /throttling kms:GetKeyPolicy after 8 attempts: wait a moment/,
    ],
    [named('NotFoundException'), 'not-found', /No KMS key "alias\/app" in eu-west-1/],
    [named('UnrecognizedClientException'), 'credentials', /rejected the credentials .* of profile prod/],
    [
      named(
        'MalformedPolicyDocumentException',
        'The new key policy will not allow you to update the key policy in the future.',
      ),
      'malformed',
      /KMS refused the policy .*update the key policy in the future/,
    ],
    [
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), {code: 'ECONNREFUSED'}),
      'network',
      /Cannot reach the eu-west-1 endpoint \(ECONNREFUSED\)/,
    ],
    [named('SomethingNew', 'odd'), 'other', /^kms:GetKeyPolicy failed \(SomethingNew\): odd$/],
  ];
  for (const [error, kind, message] of cases) {
    const mapped = toAwsError(error, context);
    assert.equal(mapped.kind, kind, String(error));
    assert.match(mapped.message, message);
    assert.equal(mapped.cause, error);
    assert.ok(!mapped.message.includes('\n'));
  }
});

test('ListKeys and ListAliases can only be granted by IAM policies, and the message says so', () => {
  const mapped = toAwsError(named('AccessDeniedException'), {action: 'kms:ListKeys', region: 'us-east-1'});
  assert.match(mapped.message, /needs kms:ListKeys on the account, granted by an IAM policy\./);
});
