// The principal step of the write path, through the command line against the sandbox: a role that
// does not exist is refused locally (exit 3, principal and statement named) and no PutKeyPolicy
// reaches the sandbox; names that cannot exist are refused the same way; other accounts'
// principals are noted as unverifiable; unique ids are resolved (live → name, none → deleted) and
// --remove-deleted removes the deleted ones.
import {test, type TestContext} from 'node:test';
import assert from 'node:assert/strict';
import {KMSClient, PutKeyPolicyCommand} from '@aws-sdk/client-kms';
import {withSandbox, operations, type SandboxFixture} from '../helpers/sandbox.js';
import {runKeypol, type CliTarget} from '../helpers/cli.js';
import {DELETED_PRINCIPAL_IDS, SANDBOX_CREDENTIALS} from '../../source/sandbox/index.js';
import {otherAccountsNote, type PolicyDocument} from '../../source/policy/index.js';

async function setup(t: TestContext): Promise<{f: SandboxFixture; target: CliTarget}> {
  const f = await withSandbox();
  t.after(f.cleanup);
  return {f, target: {endpoint: f.sandbox.endpoint, stateDir: f.stateDir}};
}

const ROLE = (name: string, account = '111122223333') => `arn:aws:iam::${account}:role/${name}`;

test('a role that does not exist is refused locally with exit 3; no PutKeyPolicy reaches the sandbox', async t => {
  const {f, target} = await setup(t);
  const from = f.sandbox.log.length;
  const result = await runKeypol(target, [
    'grant-access',
    'alias/console-current',
    '--user',
    ROLE('DoesNotExist'),
    '--yes',
  ]);
  assert.equal(result.code, 3, result.stderr);
  assert.match(result.stderr, /role\/DoesNotExist in "Allow use of the key"/);
  assert.match(result.stderr, /does not exist in account 111122223333/);
  assert.ok(!operations(f.sandbox, from).includes('PutKeyPolicy'), 'nothing was sent to KMS');
  assert.ok(operations(f.sandbox, from).includes('GetRole'), 'IAM was asked');

  const json = await runKeypol(target, [
    'grant-access',
    'alias/console-current',
    '--admin',
    ROLE('Ghost'),
    '--json',
    '--yes',
  ]);
  assert.equal(json.code, 3);
  const outcome = JSON.parse(json.stdout) as {ok: boolean; refusal: string; message: string};
  assert.equal(outcome.refusal, 'invalid');
  assert.match(outcome.message, /role\/Ghost in "Allow access for Key Administrators"/);
  assert.ok(!operations(f.sandbox, from).includes('PutKeyPolicy'));
});

test('a role under the wrong path is refused with the ARN IAM has', async t => {
  const {target} = await setup(t);
  const result = await runKeypol(target, [
    'grant-access',
    'alias/console-v3',
    '--user',
    ROLE('orders-api'),
    '--yes',
  ]);
  assert.equal(result.code, 3, result.stderr);
  assert.match(result.stderr, /IAM has arn:aws:iam::111122223333:role\/app\/orders-api/);
});

test('names that cannot exist are refused before IAM is asked: partition, group, long or illegal names', async t => {
  const {f, target} = await setup(t);
  const policy = JSON.parse(
    (await f.gateway.getPolicy((await f.gateway.describeKey('alias/console-v3')).arn)).text,
  ) as PolicyDocument;
  const cases: [string, RegExp][] = [
    ['arn:aws-cn:iam::111122223333:role/Ops', /partition aws-cn, but this key is in aws/],
    [ROLE('x'.repeat(65)), /at most 64 characters; this one has 65/],
    [ROLE('bad#name'), /"#" is not allowed|not a valid AWS principal/],
  ];
  for (const [principal, reason] of cases) {
    const doc = structuredClone(policy);
    doc.Statement.push({
      Sid: 'Extra',
      Effect: 'Allow',
      Principal: {AWS: principal},
      Action: 'kms:DescribeKey',
      Resource: '*',
    });
    const file = `${f.stateDir}/extra.json`;
    await import('node:fs/promises').then(fs => fs.writeFile(file, JSON.stringify(doc)));
    const from = f.sandbox.log.length;
    const result = await runKeypol(target, ['put', 'alias/console-v3', file, '--yes']);
    assert.equal(result.code, 3, `${principal}: ${result.stderr}`);
    assert.match(result.stdout + result.stderr, reason);
    assert.ok(!operations(f.sandbox, from).includes('PutKeyPolicy'), principal);
  }
});

test("another account's principal is noted as unverifiable in the preview, and written", async t => {
  const {target} = await setup(t);
  const result = await runKeypol(target, [
    'grant-access',
    'alias/console-v3',
    '--user',
    ROLE('Partner', '444455556666'),
    '--yes',
  ]);
  assert.equal(result.code, 0, result.stderr);
  assert.ok(
    result.stdout.includes(`ℹ ${otherAccountsNote([ROLE('Partner', '444455556666')])}`),
    'the sentence the TUI shows too',
  );
  assert.match(
    result.stdout,
    /Principals of other accounts cannot be checked: arn:aws:iam::444455556666:role\/Partner\./,
  );
});

test("unique ids: a live role's id is shown by name, a deleted one is confirmed deleted; --remove-deleted removes it", async t => {
  const {f, target} = await setup(t);
  const roles = JSON.parse(
    (await runKeypol(target, ['principals', '--json', '--filter', 'Batch'])).stdout,
  ) as {
    name: string;
    id: string;
    arn: string;
  }[];
  const batch = roles.find(r => r.name === 'Batch');
  assert.ok(batch);
  // KMS shows a unique id where the role was deleted; put a live one's id in too, as someone might.
  const key = await f.gateway.describeKey('alias/deleted-principal');
  const doc = JSON.parse((await f.gateway.getPolicy(key.arn)).text) as PolicyDocument;
  doc.Statement.push({
    Sid: 'ById',
    Effect: 'Allow',
    Principal: {AWS: batch.id},
    Action: 'kms:DescribeKey',
    Resource: '*',
  });
  const kms = new KMSClient({
    endpoint: f.sandbox.endpoint,
    region: 'us-east-1',
    credentials: SANDBOX_CREDENTIALS,
  });
  t.after(() => kms.destroy());
  await kms.send(new PutKeyPolicyCommand({KeyId: key.arn, Policy: JSON.stringify(doc)}));

  const shown = await runKeypol(target, ['show', 'alias/deleted-principal', '--json']);
  assert.equal(shown.code, 0, shown.stderr);
  const ids = (JSON.parse(shown.stdout) as {uniqueIds: {id: string; state: string; arn: string | null}[]})
    .uniqueIds;
  assert.deepEqual(
    ids.find(u => u.id === batch.id),
    {id: batch.id, state: 'live', arn: batch.arn},
  );
  assert.deepEqual(
    ids.find(u => u.id === DELETED_PRINCIPAL_IDS.role),
    {id: DELETED_PRINCIPAL_IDS.role, state: 'deleted', arn: null},
  );
  const text = await runKeypol(target, ['show', 'alias/deleted-principal']);
  assert.match(text.stdout, new RegExp(`${batch.id} is arn:aws:iam::111122223333:role/Batch`));
  assert.match(text.stdout, new RegExp(`${DELETED_PRINCIPAL_IDS.role} is a deleted principal`));

  const removed = await runKeypol(target, [
    'grant-access',
    'alias/deleted-principal',
    '--remove-deleted',
    '--yes',
  ]);
  assert.equal(removed.code, 0, removed.stderr);
  assert.match(removed.stdout, /kept\./);
  const after = (await f.gateway.getPolicy(key.arn)).text;
  assert.ok(!after.includes(DELETED_PRINCIPAL_IDS.role), 'the deleted role is gone from every statement');
  assert.ok(after.includes(batch.id), "the live role's id stays");
  assert.match(after, /role\/KeyAdmin/, 'the other administrator stays');

  const again = await runKeypol(target, [
    'grant-access',
    'alias/deleted-principal',
    '--remove-deleted',
    '--yes',
  ]);
  assert.equal(again.code, 0);
  assert.match(again.stdout, /No changes/);
});

test('with IAM denied, show cannot tell and --remove-deleted refuses (exit 1) saying deletion cannot be confirmed', async t => {
  const {f, target} = await setup(t);
  const env = {AWS_ACCESS_KEY_ID: 'AKIASANDBOXNOIAM0000'};
  const shown = await runKeypol(target, ['show', 'alias/deleted-principal', '--json'], {env});
  assert.equal(shown.code, 0, shown.stderr);
  const ids = (JSON.parse(shown.stdout) as {uniqueIds: {id: string; state: string}[]}).uniqueIds;
  assert.deepEqual(
    ids.map(u => [u.id, u.state]),
    [[DELETED_PRINCIPAL_IDS.role, 'unknown']],
  );
  const from = f.sandbox.log.length;
  const removed = await runKeypol(
    target,
    ['grant-access', 'alias/deleted-principal', '--remove-deleted', '--yes'],
    {
      env,
    },
  );
  assert.equal(removed.code, 1);
  assert.match(
    removed.stderr,
    new RegExp(
      `Cannot confirm that ${DELETED_PRINCIPAL_IDS.role} is deleted \\(IAM cannot be listed: Access denied`,
    ),
  );
  assert.ok(!operations(f.sandbox, from).includes('PutKeyPolicy'), 'nothing was sent to KMS');
});
