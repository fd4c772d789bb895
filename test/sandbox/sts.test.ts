// STS GetCallerIdentity (for `keypol whoami`) and the access-key → caller map.
import {GetCallerIdentityCommand, STSClient} from '@aws-sdk/client-sts';
import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import {
  SANDBOX_CALLERS,
  SANDBOX_CREDENTIALS,
  startSandbox,
  type Sandbox,
} from '../../source/sandbox/index.js';
import {rawPost} from './helpers.js';

let sandbox: Sandbox;

before(async () => {
  sandbox = await startSandbox();
});
after(() => sandbox.close());

function sts(accessKeyId: string): STSClient {
  return new STSClient({
    endpoint: sandbox.endpoint,
    region: 'us-east-1',
    credentials: {accessKeyId, secretAccessKey: 'anything'},
    maxAttempts: 1,
  });
}

describe('GetCallerIdentity', () => {
  it('answers the SDK (awsQuery) as the account root by default', async () => {
    const client = sts(SANDBOX_CREDENTIALS.accessKeyId);
    const identity = await client.send(new GetCallerIdentityCommand({}));
    assert.equal(identity.Account, '111122223333');
    assert.equal(identity.Arn, 'arn:aws:iam::111122223333:root');
    assert.equal(identity.UserId, '111122223333');
    client.destroy();
  });

  it('names the principal each documented access key id maps to, and root for unknown ones', async () => {
    for (const [accessKeyId, arn] of Object.entries(SANDBOX_CALLERS)) {
      const client = sts(accessKeyId);
      const identity = await client.send(new GetCallerIdentityCommand({}));
      assert.equal(identity.Arn, arn);
      if (arn.includes(':role/')) assert.match(identity.UserId!, /^AROA[A-Z0-9]{17}$/);
      if (arn.includes(':user/')) assert.match(identity.UserId!, /^AIDA[A-Z0-9]{17}$/);
      client.destroy();
    }
    const stranger = sts('AKIAUNKNOWNKEY000000');
    assert.equal(
      (await stranger.send(new GetCallerIdentityCommand({}))).Arn,
      'arn:aws:iam::111122223333:root',
    );
    stranger.destroy();
  });

  it('answers the JSON 1.0 form too, and logs STS calls', async () => {
    const response = await rawPost(
      sandbox.endpoint,
      {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': 'AWSSecurityTokenServiceV20110615.GetCallerIdentity',
        authorization:
          'AWS4-HMAC-SHA256 Credential=AKIASANDBOXALICE0000/20261124/eu-west-1/sts/aws4_request, SignedHeaders=host, Signature=x',
      },
      '{}',
    );
    assert.equal(response.status, 200);
    assert.equal(JSON.parse(response.text).Arn, 'arn:aws:iam::111122223333:user/alice');
    const last = sandbox.log.at(-1);
    assert.equal(last?.operation, 'GetCallerIdentity');
    assert.equal(last?.region, 'eu-west-1');
  });

  it('refuses other STS actions with an XML error', async () => {
    const response = await rawPost(
      sandbox.endpoint,
      {'content-type': 'application/x-www-form-urlencoded; charset=utf-8'},
      'Action=AssumeRole&Version=2011-06-15',
    );
    assert.equal(response.status, 400);
    assert.match(response.text, /<Code>InvalidAction<\/Code>/);
  });
});
