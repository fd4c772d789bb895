// The real AWS CLI v2 (/usr/bin/aws) making a grant against a sandbox. Without the CLI the test
// reports itself SKIPPED with the reason (like test/sandbox/aws-cli.test.ts), never passes silently.
import {execFile} from 'node:child_process';
import {existsSync} from 'node:fs';
import type {TestContext} from 'node:test';
import {promisify} from 'node:util';
import {sandboxEnv, type CliTarget} from './cli.js';

const AWS = '/usr/bin/aws';
const MISSING = `${AWS} is missing: install Debian's awscli (apt-get install awscli) to run the AWS CLI part`;
const run = promisify(execFile);

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
