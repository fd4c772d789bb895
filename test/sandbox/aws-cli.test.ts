// Conformance with the real AWS CLI v2 (Debian's awscli at /usr/bin/aws; Debian 12 ships 2.9.19,
// which still requires --policy-name). Without it the tests
// report themselves as SKIPPED with the reason; they never pass silently.
import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {existsSync} from 'node:fs';
import {after, before, describe, it, type TestContext} from 'node:test';
import {promisify} from 'node:util';
import {SANDBOX_CREDENTIALS, startSandbox, type Sandbox} from '../../source/sandbox/index.js';

const AWS = '/usr/bin/aws';
const MISSING = `${AWS} is missing: install Debian's awscli (apt-get install awscli) to run the AWS CLI conformance test`;
const run = promisify(execFile);
let sandbox: Sandbox;

before(async () => {
  sandbox = await startSandbox();
});
after(() => sandbox.close());

async function aws(args: string[]): Promise<{code: number; stdout: string; stderr: string}> {
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/tmp',
    AWS_ACCESS_KEY_ID: SANDBOX_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: SANDBOX_CREDENTIALS.secretAccessKey,
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_PAGER: '',
  };
  const full = [...args, '--endpoint-url', sandbox.endpoint, '--region', 'us-east-1', '--no-cli-pager'];
  try {
    const {stdout, stderr} = await run(AWS, full, {env, timeout: 180_000});
    return {code: 0, stdout, stderr};
  } catch (error) {
    const e = error as {code?: number; stdout?: string; stderr?: string};
    return {code: typeof e.code === 'number' ? e.code : 1, stdout: e.stdout ?? '', stderr: e.stderr ?? ''};
  }
}

async function json(t: TestContext, args: string[]): Promise<Record<string, unknown> | undefined> {
  if (!existsSync(AWS)) {
    t.skip(MISSING);
    return undefined;
  }
  const result = await aws([...args, '--output', 'json']);
  assert.equal(result.code, 0, result.stderr);
  return JSON.parse(result.stdout) as Record<string, unknown>;
}

// Each CLI start costs seconds (Python), so the independent calls run concurrently.
describe('AWS CLI v2 against the sandbox', {concurrency: true}, () => {
  it('list-keys', async t => {
    const out = await json(t, ['kms', 'list-keys']);
    if (!out) return;
    const ids = (out.Keys as {KeyId: string}[]).map(k => k.KeyId);
    assert.ok(ids.includes('a141ef36-e38b-4e56-94d9-1dc472659b2e'), 'alias/console-v1 key listed');
    assert.ok(ids.length >= 18, `${ids.length} keys`);
  });

  it('list-aliases', async t => {
    const out = await json(t, ['kms', 'list-aliases']);
    if (!out) return;
    const names = (out.Aliases as {AliasName: string}[]).map(a => a.AliasName);
    assert.ok(names.includes('alias/console-v1') && names.includes('alias/aws/s3'));
  });

  it('describe-key by alias, with the creation date', async t => {
    const out = await json(t, ['kms', 'describe-key', '--key-id', 'alias/console-current']);
    if (!out) return;
    const metadata = out.KeyMetadata as Record<string, unknown>;
    assert.equal(metadata.KeyId, '0673623f-7e44-4dd6-95d8-0e27aebd1839');
    // Debian's CLI 2.9.19 prints the wire's epoch seconds; newer v2 releases print ISO-8601.
    const created = String(metadata.CreationDate);
    assert.ok(created === '1739260997.254' || created.startsWith('2025-02-11T08:03:17.254'), created);
  });

  it('get-key-policy --output text prints the raw policy', async t => {
    if (!existsSync(AWS)) return t.skip(MISSING);
    const result = await aws([
      'kms',
      'get-key-policy',
      '--key-id',
      '07031940-f92d-48e2-920e-b60a43e63d37',
      '--policy-name',
      'default',
      '--query',
      'Policy',
      '--output',
      'text',
    ]);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(
      result.stdout.trimEnd(),
      '{\n  "Version" : "2012-10-17",\n  "Id" : "key-default-1",\n  "Statement" : [ {\n    "Sid" : "Enable IAM User Permissions",\n    "Effect" : "Allow",\n    "Principal" : {\n      "AWS" : "arn:aws:iam::111122223333:root"\n    },\n    "Action" : "kms:*",\n    "Resource" : "*"\n  } ]\n}',
    );
  });

  it('put-key-policy: a valid policy is stored, a malformed one is refused', async t => {
    if (!existsSync(AWS)) return t.skip(MISSING);
    const keyId = '2ef1196b-dad5-4ce9-ae03-c80183dab674'; // alias/console-v2
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'Root',
          Effect: 'Allow',
          Principal: {AWS: 'arn:aws:iam::111122223333:root'},
          Action: 'kms:*',
          Resource: '*',
        },
      ],
    });
    const ok = await aws([
      'kms',
      'put-key-policy',
      '--key-id',
      keyId,
      '--policy-name',
      'default',
      '--policy',
      policy,
    ]);
    assert.equal(ok.code, 0, ok.stderr);
    assert.equal(ok.stdout, '');
    const read = await aws([
      'kms',
      'get-key-policy',
      '--key-id',
      keyId,
      '--policy-name',
      'default',
      '--query',
      'Policy',
      '--output',
      'text',
    ]);
    assert.match(read.stdout, /"Sid" : "Root"/);
    const bad = await aws([
      'kms',
      'put-key-policy',
      '--key-id',
      keyId,
      '--policy-name',
      'default',
      '--policy',
      '{"Version":',
    ]);
    assert.equal(bad.code, 254);
    assert.match(
      bad.stderr,
      /An error occurred \(MalformedPolicyDocumentException\) when calling the PutKeyPolicy operation/,
    );
  });

  it('create-key', async t => {
    const out = await json(t, [
      'kms',
      'create-key',
      '--description',
      'from the cli',
      '--key-spec',
      'HMAC_256',
      '--key-usage',
      'GENERATE_VERIFY_MAC',
    ]);
    if (!out) return;
    const metadata = out.KeyMetadata as Record<string, unknown>;
    assert.equal(metadata.Description, 'from the cli');
    assert.deepEqual(metadata.MacAlgorithms, ['HMAC_SHA_256']);
  });

  it('sts get-caller-identity', async t => {
    const out = await json(t, ['sts', 'get-caller-identity']);
    if (!out) return;
    assert.equal(out.Account, '111122223333');
    assert.equal(out.Arn, 'arn:aws:iam::111122223333:root');
  });

  it('a missing key gives the CLI’s NotFoundException line', async t => {
    if (!existsSync(AWS)) return t.skip(MISSING);
    const result = await aws(['kms', 'describe-key', '--key-id', 'alias/does-not-exist']);
    assert.notEqual(result.code, 0);
    assert.match(
      result.stderr,
      /An error occurred \(NotFoundException\) when calling the DescribeKey operation: Alias .*does-not-exist is not found\./,
    );
  });
});
