// Edits through the subcommands that QA found wrong: a large policy stays small, an edit the
// policy already says is a success, --json always ends with one object, and the access view
// and classification describe what the policy really says.
import {test, type TestContext} from 'node:test';
import assert from 'node:assert/strict';
import {KMSClient, PutKeyPolicyCommand} from '@aws-sdk/client-kms';
import {withSandbox, operations, type SandboxFixture} from '../helpers/sandbox.js';
import {runKeypol, type CliTarget} from '../helpers/cli.js';
import {SANDBOX_CREDENTIALS} from '../../source/sandbox/index.js';
import type {PolicyDocument} from '../../source/policy/index.js';

async function setup(t: TestContext): Promise<{f: SandboxFixture; target: CliTarget}> {
  const f = await withSandbox();
  t.after(f.cleanup);
  return {f, target: {endpoint: f.sandbox.endpoint, stateDir: f.stateDir}};
}

const policyOf = async (f: SandboxFixture, alias: string) =>
  (await f.gateway.getPolicy((await f.gateway.describeKey(alias)).arn)).text;
const bytes = (text: string) => Buffer.byteLength(text);

test('a key user added to a policy near the size limit grows it by the ARN, and is written', async t => {
  const {f, target} = await setup(t);
  const before = await policyOf(f, 'alias/near-size-limit');
  assert.ok(bytes(before) > 32_000, `the demo policy is ${bytes(before)} bytes`);
  const arn = 'arn:aws:iam::111122223333:role/App';
  const result = await runKeypol(target, ['grant-access', 'alias/near-size-limit', '--user', arn, '--yes']);
  assert.equal(result.code, 0, result.stderr);
  const after = await policyOf(f, 'alias/near-size-limit');
  // `, "<arn>"` in "Allow use of the key" and in "Allow attachment of persistent resources".
  assert.equal(bytes(after) - bytes(before), 2 * (arn.length + 4));
  const keyOrder = (text: string) => Object.keys(JSON.parse(text) as object);
  assert.deepEqual(keyOrder(after), keyOrder(before));
  const sids = (text: string) => (JSON.parse(text) as PolicyDocument).Statement.map(st => Object.keys(st));
  assert.deepEqual(sids(after), sids(before), 'statement key order is kept');
});

test('adding a principal that is there, or removing one that is not, changes nothing and exits 0', async t => {
  const {f, target} = await setup(t);
  const shown = JSON.parse((await runKeypol(target, ['show', 'alias/console-current', '--json'])).stdout);
  const [admin] = shown.access.administrators as string[];
  assert.ok(admin);
  const from = f.sandbox.log.length;
  const present = await runKeypol(target, [
    'grant-access',
    'alias/console-current',
    '--admin',
    admin,
    '--yes',
  ]);
  assert.equal(present.code, 0, present.stderr);
  assert.match(present.stdout, /is already a key administrator\.\nNo changes: /);
  const absent = await runKeypol(target, [
    'grant-access',
    'alias/console-current',
    '--user',
    'arn:aws:iam::111122223333:role/Nobody',
    '--remove',
    '--json',
  ]);
  assert.equal(absent.code, 0, absent.stderr);
  const json = JSON.parse(absent.stdout);
  assert.deepEqual([json.ok, json.changed], [true, false]);
  assert.match(json.message, /is not a key user\. No changes: /);
  const deletion = await runKeypol(target, ['deletion', 'alias/console-current', '--allow']);
  assert.equal(deletion.code, 0, deletion.stderr);
  assert.match(deletion.stdout, /can already delete this key/);
  assert.ok(!operations(f.sandbox, from).includes('PutKeyPolicy'));
});

test('--json: a change that is not confirmed, a usage error and an API error each print one object', async t => {
  const {target} = await setup(t);
  const unconfirmed = await runKeypol(target, ['upgrade', 'alias/console-v3', '--json']);
  assert.equal(unconfirmed.code, 5);
  const refusal = JSON.parse(unconfirmed.stdout);
  assert.deepEqual([refusal.ok, refusal.refusal], [false, 'not-confirmed']);
  assert.match(refusal.message, /pass --yes/);

  const usage = await runKeypol(target, ['upgrade', 'alias/console-v1', '--yes', '--json']);
  assert.equal(usage.code, 2);
  assert.deepEqual(JSON.parse(usage.stdout).refusal, 'usage');
  assert.match(JSON.parse(usage.stdout).message, /console default v1 predates key deletion/);
  assert.equal(usage.stderr, '', '--json says it once, as JSON on stdout');

  const missing = await runKeypol(target, ['grant-access', 'alias/no-such-key', '--user', 'x', '--json']);
  assert.equal(missing.code, 1);
  const error = JSON.parse(missing.stdout);
  assert.deepEqual([error.ok, error.refusal], [false, 'error']);
  assert.equal(typeof error.message, 'string');
});

test('show lists every other account the policy grants something to, custom statements included', async t => {
  const {target} = await setup(t);
  const shown = await runKeypol(target, ['show', 'alias/cross-account', '--json']);
  assert.equal(shown.code, 0, shown.stderr);
  assert.deepEqual(JSON.parse(shown.stdout).access.externalAccounts, ['444455556666']);
  const text = await runKeypol(target, ['show', 'alias/cross-account']);
  assert.match(text.stdout, /Other accounts\s+444455556666/);
});

test('an older console policy without its administrators statement is modified, and upgrade refuses it', async t => {
  const {f, target} = await setup(t);
  const key = await f.gateway.describeKey('alias/console-v2');
  const doc = JSON.parse(await policyOf(f, 'alias/console-v2')) as PolicyDocument;
  doc.Statement = doc.Statement.filter(st => st.Sid !== 'Allow access for Key Administrators');
  const client = new KMSClient({
    region: 'us-east-1',
    endpoint: f.sandbox.endpoint,
    credentials: {...SANDBOX_CREDENTIALS},
  });
  t.after(() => client.destroy());
  await client.send(new PutKeyPolicyCommand({KeyId: key.keyId, Policy: JSON.stringify(doc)}));

  const shown = JSON.parse((await runKeypol(target, ['show', 'alias/console-v2', '--json'])).stdout);
  assert.equal(shown.classification.kind, 'console-modified');
  const text = await runKeypol(target, ['show', 'alias/console-v2']);
  assert.match(text.stdout, /no key administrators statement/);
  assert.doesNotMatch(text.stdout, /only IAM policies in the account can manage/);

  const from = f.sandbox.log.length;
  const upgrade = await runKeypol(target, ['upgrade', 'alias/console-v2', '--yes', '--json']);
  assert.equal(upgrade.code, 3);
  const refusal = JSON.parse(upgrade.stdout);
  assert.equal(refusal.refusal, 'not-upgradable');
  assert.match(refusal.message, /no key administrators statement/);
  assert.ok(!operations(f.sandbox, from).includes('PutKeyPolicy'));
});

test('removing an account whose access is in a custom statement is refused, not "nothing to change"', async t => {
  const {target} = await setup(t);
  const result = await runKeypol(target, [
    'grant-access',
    'alias/cross-account',
    '--account',
    '444455556666',
    '--remove',
    '--yes',
  ]);
  assert.equal(result.code, 3);
  assert.match(result.stderr, /" give it access; edit that in the policy itself/);
});
