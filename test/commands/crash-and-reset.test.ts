// Every put that may have reached AWS leaves an audit trace, even when keypol dies right after
// it; a put whose answer was lost (connection reset) is resolved by re-reading and reported as
// applied or not.
import {test, type TestContext} from 'node:test';
import assert from 'node:assert/strict';
import {withSandbox, type FixtureOptions, type SandboxFixture} from '../helpers/sandbox.js';
import {runBuiltCli, runKeypol, type CliTarget} from '../helpers/cli.js';
import {readAudit} from '../../source/store/audit.js';

const ALIAS = 'alias/console-v2';
const ROLE = 'arn:aws:iam::111122223333:role/Auditor';
const GRANT = ['grant-access', ALIAS, '--user', ROLE, '--yes'];

async function setup(
  t: TestContext,
  options: FixtureOptions = {},
): Promise<{f: SandboxFixture; target: CliTarget}> {
  const f = await withSandbox(options);
  t.after(f.cleanup);
  return {f, target: {endpoint: f.sandbox.endpoint, stateDir: f.stateDir}};
}

const live = async (f: SandboxFixture) =>
  (await f.gateway.getPolicy((await f.gateway.describeKey(ALIAS)).arn)).text;

test('kill -9 right after the put: the intent line is there, and history says "unknown"', async t => {
  const {f, target} = await setup(t);
  const killed = await runBuiltCli(target, GRANT, {env: {KEYPOL_TEST_FAULT: 'kill:after-put'}});
  assert.notEqual(killed.code, 0, 'the process was killed');
  assert.match(await live(f), /role\/Auditor/, 'the put reached KMS');
  const audit = await readAudit(f.stateDir);
  assert.equal(audit.length, 1, JSON.stringify(audit));
  assert.equal(audit[0]?.result, 'intent');
  assert.equal(audit[0]?.operation, 'kms:PutKeyPolicy');
  assert.ok(audit[0]?.backupId && audit[0]?.afterSha256);

  const history = JSON.parse((await runKeypol(target, ['history', ALIAS, '--json'])).stdout);
  assert.equal(history[0]?.applied, null);
  assert.match((await runKeypol(target, ['history', ALIAS])).stdout, /access-edit\s+unknown/);
  // The lock the killed process held does not block the next writer.
  const next = await runKeypol(target, [
    'grant-access',
    ALIAS,
    '--user',
    'arn:aws:iam::111122223333:role/Reporting',
    '--yes',
  ]);
  assert.equal(next.code, 0, next.stderr);
});

test('the connection reset after KMS applied the put: reported as applied, exit 0, audited', async t => {
  // Every PutKeyPolicy is applied and then answered with a reset (the SDK's retries would meet it too).
  const {f, target} = await setup(t, {faults: {resetAfterApply: {PutKeyPolicy: 1000}}});
  const run = await runKeypol(target, [...GRANT, '--json']);
  assert.equal(run.code, 0, run.stderr);
  const result = JSON.parse(run.stdout);
  assert.equal(result.ok, true);
  assert.match(result.warnings.join(' '), /answer was lost .*re-reading shows the policy was applied/);
  assert.match(await live(f), /role\/Auditor/);
  assert.equal(f.sandbox.log.filter(e => e.operation === 'PutKeyPolicy').length, 1, 'no blind retry');
  const outcome = (await readAudit(f.stateDir)).at(-1);
  assert.equal(outcome?.result, 'applied');
  assert.equal(outcome?.applied, true);
});

test('a put answered with a refusal (4xx) is reported as not applied', async t => {
  const {f, target} = await setup(t, {faults: {throttle: {PutKeyPolicy: 0.001}}});
  // The one token of the bucket goes to another caller first.
  const key = await f.gateway.describeKey(ALIAS);
  const first = await f.gateway.writePolicy({
    key,
    before: await f.gateway.getPolicy(key.arn),
    afterText: (await f.gateway.getPolicy(key.arn)).text.replace('"Version"', '"Id" : "x",\n  "Version"'),
    reason: 'raw-edit',
  });
  assert.ok(first.ok, JSON.stringify(first));
  const before = await live(f);
  const run = await runKeypol(target, [...GRANT, '--json']);
  assert.equal(run.code, 1, run.stderr);
  const result = JSON.parse(run.stdout);
  assert.equal(result.refusal, 'api');
  assert.equal(result.applied, false);
  assert.equal(await live(f), before);
});
