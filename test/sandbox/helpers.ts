// Shared test plumbing: a KMS client pointed at a sandbox, and small lookups by alias.
import {DescribeKeyCommand, KMSClient, type KMSServiceException} from '@aws-sdk/client-kms';
import assert from 'node:assert/strict';
import {after, before} from 'node:test';
import {SANDBOX_CREDENTIALS, startSandbox, type Sandbox} from '../../source/sandbox/index.js';

export function kmsClient(
  endpoint: string,
  options: {region?: string; accessKeyId?: string; maxAttempts?: number} = {},
): KMSClient {
  return new KMSClient({
    endpoint,
    region: options.region ?? 'us-east-1',
    credentials: {
      accessKeyId: options.accessKeyId ?? SANDBOX_CREDENTIALS.accessKeyId,
      secretAccessKey: SANDBOX_CREDENTIALS.secretAccessKey,
    },
    maxAttempts: options.maxAttempts ?? 1,
    // A sandbox that stops answering must fail the test, not hang it.
    requestHandler: {requestTimeout: 30_000, connectionTimeout: 5_000},
  });
}

/**
 * One demo sandbox and a KMS client on it for the whole file: started before the first test, closed
 * after the last. The fields are set once `before` has run, so read them inside tests only.
 */
export function fileSandbox(): {sandbox: Sandbox; kms: KMSClient} {
  const shared = {} as {sandbox: Sandbox; kms: KMSClient};
  before(async () => {
    shared.sandbox = await startSandbox();
    shared.kms = kmsClient(shared.sandbox.endpoint);
  });
  after(async () => {
    shared.kms.destroy();
    await shared.sandbox.close();
  });
  return shared;
}

export async function keyIdOf(kms: KMSClient, alias: string): Promise<string> {
  const {KeyMetadata} = await kms.send(new DescribeKeyCommand({KeyId: alias}));
  assert.ok(KeyMetadata?.KeyId, `${alias} has a key`);
  return KeyMetadata.KeyId;
}

/** Asserts that a call fails with exactly this KMS error name (and message, when given). */
export async function rejectsWith(
  call: Promise<unknown>,
  name: string,
  message?: string | RegExp,
): Promise<KMSServiceException> {
  try {
    await call;
  } catch (error) {
    const e = error as KMSServiceException;
    assert.equal(e.name, name, `expected ${name}, got ${e.name}: ${e.message}`);
    if (typeof message === 'string') assert.equal(e.message, message);
    else if (message) assert.match(e.message, message);
    return e;
  }
  assert.fail(`expected ${name}, but the call succeeded`);
}

/** A raw POST to the sandbox, for what the SDK cannot send (unknown operations, bad JSON). */
export async function rawPost(
  endpoint: string,
  headers: Record<string, string>,
  body: string,
): Promise<{status: number; headers: Headers; text: string}> {
  const response = await fetch(endpoint, {method: 'POST', headers, body});
  return {status: response.status, headers: response.headers, text: await response.text()};
}

export const IAM = (resource: string, account = '111122223333'): string =>
  `arn:aws:iam::${account}:${resource}`;

/** A minimal valid key policy: the given principals may do everything. */
export function policyFor(principals: string[], extra: object[] = []): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {Sid: 'Admins', Effect: 'Allow', Principal: {AWS: principals}, Action: 'kms:*', Resource: '*'},
      ...extra,
    ],
  });
}
