// keypol grants against the sandbox over HTTP: a grant made by the real AWS CLI shows up in
// `keypol grants --json`; every grant finding fires on the demo key made for it and on no clean key.
import {after, before, describe, it, type TestContext} from 'node:test';
import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {existsSync} from 'node:fs';
import {promisify} from 'node:util';
import {withSandbox, type SandboxFixture} from '../helpers/sandbox.js';
import {runKeypol, sandboxEnv, type CliTarget} from '../helpers/cli.js';

const AWS = '/usr/bin/aws';
const MISSING = `${AWS} is missing: install Debian's awscli (apt-get install awscli) to run the AWS CLI part`;
const run = promisify(execFile);

let f: SandboxFixture;
let target: CliTarget;
before(async () => {
  f = await withSandbox();
  target = {endpoint: f.sandbox.endpoint, stateDir: f.stateDir};
});
after(() => f.cleanup());

interface GrantsJson {
  keyId: string;
  grants: {
    grantId: string;
    name: string | null;
    grantee: string;
    operations: string[];
    constraints: unknown;
  }[];
  findings: {severity: string; code: string; message: string; grantIds: string[]}[];
}

async function grantsJson(ref: string): Promise<GrantsJson> {
  const {code, stdout, stderr} = await runKeypol(target, ['grants', ref, '--json']);
  assert.equal(code, 0, stderr);
  return JSON.parse(stdout) as GrantsJson;
}

/** Makes a grant with `aws kms create-grant`; undefined (and the test skipped) without the CLI. */
export async function createGrantWithAwsCli(
  t: TestContext,
  cli: CliTarget,
  keyId: string,
  name: string,
): Promise<string | undefined> {
  if (!existsSync(AWS)) {
    t.skip(MISSING);
    return undefined;
  }
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: cli.stateDir,
    AWS_PAGER: '',
    ...sandboxEnv(cli),
  };
  const {stdout} = await run(
    AWS,
    [
      'kms',
      'create-grant',
      '--key-id',
      keyId,
      '--grantee-principal',
      'arn:aws:iam::111122223333:role/AppServer',
      '--operations',
      'Decrypt',
      'Encrypt',
      '--constraints',
      'EncryptionContextSubset={app=cli-test}',
      '--name',
      name,
      '--endpoint-url',
      cli.endpoint,
      '--region',
      'us-east-1',
      '--output',
      'json',
    ],
    {env, timeout: 60_000},
  );
  return (JSON.parse(stdout) as {GrantId: string}).GrantId;
}

describe('keypol grants', () => {
  it('shows a grant made with the AWS CLI, grantee by name, constraints as given', async t => {
    const key = await f.gateway.describeKey('alias/console-v2');
    const grantId = await createGrantWithAwsCli(t, target, key.keyId, 'from-aws-cli');
    if (!grantId) return;
    const out = await grantsJson('alias/console-v2');
    const grant = out.grants.find(g => g.grantId === grantId);
    assert.ok(grant, 'the CLI’s grant is listed');
    assert.equal(grant.name, 'from-aws-cli');
    assert.equal(grant.grantee, 'role/AppServer');
    assert.deepEqual(grant.operations, ['Decrypt', 'Encrypt']);
    assert.deepEqual(grant.constraints, {encryptionContextSubset: {app: 'cli-test'}});
    const text = await runKeypol(target, ['grants', 'alias/console-v2']);
    assert.match(text.stdout, new RegExp(`${grantId.slice(0, 12)}\\s+from-aws-cli\\s+role/AppServer`));
  });

  it('lists all 2,000 grants of alias/many-grants and finds nothing wrong with them', async () => {
    const out = await grantsJson('alias/many-grants');
    assert.equal(out.grants.length, 2000);
    assert.deepEqual(out.findings, []);
    assert.match(out.grants[0]?.grantee ?? '', /^Amazon EBS\/EC2 for instance i-0/);
  });
});

describe('grant findings on the demo keys', () => {
  const codes = async (alias: string) => (await grantsJson(alias)).findings.map(x => x.code).sort();

  it('each fires on the key made for it', async () => {
    assert.deepEqual(await codes('alias/shared-grants'), [
      'grant-deleted-grantee',
      'grant-duplicate',
      'grant-other-account',
      'grant-redelegation',
      'grant-unconstrained',
    ]);
    const limit = await grantsJson('alias/grant-limit');
    assert.equal(limit.grants.length, 45_500);
    assert.deepEqual(
      limit.findings.map(x => x.code),
      ['grant-limit'],
    );
    assert.match(limit.findings[0]?.message ?? '', /45,500 grants; KMS allows 50,000/);
  });

  it('each names its grants and says what to do next', async () => {
    const out = await grantsJson('alias/shared-grants');
    const byCode = new Map(out.findings.map(x => [x.code, x]));
    const named = (code: string) => {
      const found = byCode.get(code);
      assert.ok(found, code);
      return found;
    };
    assert.match(named('grant-deleted-grantee').message, /AROA5EXAMPLEDELETED7Q.*Revoke it\./);
    assert.match(named('grant-other-account').message, /444455556666.*revoke the grant if not\./);
    assert.match(named('grant-unconstrained').message, /role\/Batch.*no encryption-context constraint/);
    assert.match(named('grant-redelegation').message, /CreateGrant.*without CreateGrant\./);
    const duplicate = named('grant-duplicate');
    assert.equal(duplicate.grantIds.length, 3);
    assert.match(duplicate.message, /Keep the oldest.*revoke the other 2\./);
    for (const x of out.findings) {
      for (const id of x.grantIds)
        assert.ok(
          out.grants.some(g => g.grantId === id),
          `${x.code} names ${id}`,
        );
    }
  });

  it('none fires on the clean EBS key', async () => {
    const out = await grantsJson('alias/ebs-data');
    assert.equal(out.grants.length, 5);
    assert.deepEqual(out.findings, []);
  });
});
