// keypol principals against the sandbox: the listing (text and --json), --filter, the denied
// caller, and agreement with the real AWS CLI v2's `aws iam list-roles` / `list-users` (skipped,
// with the reason, when /usr/bin/aws is absent).
import {test, type TestContext} from 'node:test';
import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {existsSync} from 'node:fs';
import {promisify} from 'node:util';
import {withSandbox, type SandboxFixture} from '../helpers/sandbox.js';
import {runKeypol, sandboxEnv, type CliTarget} from '../helpers/cli.js';

const AWS = '/usr/bin/aws';
const MISSING = `${AWS} is missing: install the AWS CLI v2 (Debian: apt-get install awscli) to compare with it`;

interface Listed {
  type: string;
  label: string;
  name: string;
  path: string;
  arn: string;
  id: string;
  created: string | null;
}

async function setup(t: TestContext): Promise<{f: SandboxFixture; target: CliTarget}> {
  const f = await withSandbox();
  t.after(f.cleanup);
  return {f, target: {endpoint: f.sandbox.endpoint, stateDir: f.stateDir}};
}

async function principals(target: CliTarget, extra: string[] = []): Promise<Listed[]> {
  const result = await runKeypol(target, ['principals', '--json', ...extra]);
  assert.equal(result.code, 0, result.stderr);
  return JSON.parse(result.stdout) as Listed[];
}

test('keypol principals lists roles and users with labels; --filter finds by part of a name', async t => {
  const {target} = await setup(t);
  const all = await principals(target);
  const byName = new Map(all.map(p => [p.name, p]));
  assert.equal(byName.get('KeyAdmin')?.label, 'role');
  assert.equal(byName.get('alice')?.type, 'user');
  assert.equal(byName.get('AWSServiceRoleForAutoScaling')?.label, 'service-linked');
  assert.equal(byName.get('AWSReservedSSO_ReadOnlyAccess_1b2c3d4e5f6a7b8c')?.label, 'sso');
  const found = await principals(target, ['--filter', 'hubact']);
  assert.equal(found[0]?.name, 'GitHubActionsDeploy', 'fuzzy: the letters in order');
  const bySubstring = await principals(target, ['--filter', 'payments']);
  assert.deepEqual(
    bySubstring.map(p => p.name),
    ['payments-worker'],
  );
  const text = await runKeypol(target, ['principals', '--filter', 'ops']);
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /user\s+carol\s+\/ops\//);
});

test('keypol principals says exactly what is denied for a caller without IAM permissions', async t => {
  const {target} = await setup(t);
  const result = await runKeypol(target, ['principals'], {env: {AWS_ACCESS_KEY_ID: 'AKIASANDBOXNOIAM0000'}});
  assert.equal(result.code, 1);
  assert.match(
    result.stderr,
    /Access denied: the caller needs iam:List(Roles|Users), which only an IAM policy can grant/,
  );
});

const run = promisify(execFile);

async function awsJson(target: CliTarget, args: string[]): Promise<Record<string, unknown>> {
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: target.stateDir,
    ...sandboxEnv(target),
    AWS_PAGER: '',
  };
  const {stdout} = await run(
    AWS,
    [...args, '--endpoint-url', target.endpoint, '--region', 'us-east-1', '--output', 'json'],
    {env, timeout: 120_000},
  );
  return JSON.parse(stdout) as Record<string, unknown>;
}

test('aws iam list-roles and list-users (AWS CLI v2) agree with keypol principals --json', async t => {
  if (!existsSync(AWS)) return t.skip(MISSING);
  const {target} = await setup(t);
  // --page-size makes the CLI follow several markers, as against a big account.
  const [roles, users, ours] = await Promise.all([
    awsJson(target, ['iam', 'list-roles', '--page-size', '7']),
    awsJson(target, ['iam', 'list-users', '--page-size', '2']),
    principals(target),
  ]);
  type Entity = {Arn: string; Path: string; RoleId?: string; UserId?: string; CreateDate: string};
  const theirs = [...(roles.Roles as Entity[]), ...(users.Users as Entity[])].map(e => ({
    arn: e.Arn,
    path: e.Path,
    id: e.RoleId ?? e.UserId,
    created: new Date(e.CreateDate).toISOString(),
  }));
  const mine = ours.map(p => ({arn: p.arn, path: p.path, id: p.id, created: p.created}));
  const byArn = (a: {arn: string}, b: {arn: string}) => (a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0);
  assert.ok(theirs.length > 30, `${theirs.length} principals from the CLI`);
  assert.deepEqual(mine.sort(byArn), theirs.sort(byArn));
});
