// Policy keys and request members named like Object.prototype members are ordinary text: the
// sandbox keeps them when it re-serialises a policy, and "constructor" is not an operation.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {GetKeyPolicyCommand, PutKeyPolicyCommand} from '@aws-sdk/client-kms';
import {startSandbox, type Sandbox} from '../../source/sandbox/index.js';
import {IAM, keyIdOf, kmsClient, rawPost} from './helpers.js';

let sandbox: Sandbox;
before(async () => {
  sandbox = await startSandbox();
});
after(() => sandbox.close());

const NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];

test('top-level policy keys named like Object.prototype members survive the round trip', async () => {
  const kms = kmsClient(sandbox.endpoint);
  const keyId = await keyIdOf(kms, 'alias/console-current');
  // Built as text: an object literal with "__proto__" would set a prototype, not a key.
  const members = NAMES.map(name => `"${name}": {"note": "${name}"}`).join(', ');
  const policy = `{"Version": "2012-10-17", ${members}, "Statement": [{"Effect": "Allow", "Principal": {"AWS": "${IAM('root')}"}, "Action": "kms:*", "Resource": "*"}]}`;
  await kms.send(new PutKeyPolicyCommand({KeyId: keyId, PolicyName: 'default', Policy: policy}));
  const {Policy} = await kms.send(new GetKeyPolicyCommand({KeyId: keyId, PolicyName: 'default'}));
  const stored = Policy ?? '';
  for (const name of NAMES) assert.match(stored, new RegExp(`"${name}" : \\{\\s*"note" : "${name}"`), name);
  // Version, Id and Statement first, then the others in the order given.
  assert.deepEqual(
    [...stored.matchAll(/^  "([^"]+)" :/gm)].map(m => m[1]),
    ['Version', 'Statement', ...NAMES],
  );
});

test('an X-Amz-Target naming an Object.prototype member is an unknown operation, not a crash', async () => {
  for (const name of NAMES) {
    const answer = await rawPost(
      sandbox.endpoint,
      {'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `TrentService.${name}`},
      '{}',
    );
    assert.equal(answer.status, 400, `${name}: ${answer.text}`);
    assert.equal(JSON.parse(answer.text).__type, 'UnknownOperationException');
  }
});
