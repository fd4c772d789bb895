// The bundle as users run it (`node dist/cli.js`), configured only through the AWS CLI's
// environment variables, and `--sandbox` persisting its state and backups across runs.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {operations} from '../helpers/sandbox.js';
import {fileCliSandbox, runBuiltCli} from '../helpers/cli.js';

const {f, target} = fileCliSandbox();

test('list --json through AWS_ENDPOINT_URL, AWS_REGION and the env credentials', async () => {
  const result = await runBuiltCli(target, ['list', '--json']);
  assert.equal(result.code, 0, result.stderr);
  const rows = JSON.parse(result.stdout) as {keyId: string}[];
  assert.equal(rows.length, (await f.gateway.listKeys()).length);
  assert.ok(operations(f.sandbox).includes('DescribeKey'));
  assert.equal(result.stderr, '');
});

test('a non-TTY put without --yes exits 5 and the TUI refuses without a terminal', async () => {
  const put = await runBuiltCli(target, ['put', 'alias/console-v2', '-'], {
    stdin: '{"Version":"2012-10-17","Statement":[]}',
  });
  assert.equal(put.code, 3); // an empty statement list is invalid before any question
  const key = await f.gateway.describeKey('alias/console-v2');
  const text = (await f.gateway.getPolicy(key.arn)).text.replace(
    '"kms:Get*"',
    '"kms:Get*", "kms:TagResource"',
  );
  const unconfirmed = await runBuiltCli(target, ['put', 'alias/console-v2', '-'], {stdin: text});
  assert.equal(unconfirmed.code, 5, unconfirmed.stderr);
  assert.match(unconfirmed.stderr, /pass --yes/);
  const tui = await runBuiltCli(target, []);
  assert.equal(tui.code, 2);
  assert.match(tui.stderr, /needs a terminal/);
});

test('--sandbox keeps its state and backups between runs', async t => {
  const stateDir = await mkdtemp(join(tmpdir(), 'keypol-sandbox-state-'));
  t.after(() => rm(stateDir, {recursive: true, force: true}));
  // No AWS variables at all: --sandbox needs none.
  const env = {AWS_ENDPOINT_URL: '', AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: ''};
  const sandboxTarget = {...target, stateDir};
  const upgrade = await runBuiltCli(sandboxTarget, ['--sandbox', 'upgrade', 'alias/console-v3', '--yes'], {
    env,
  });
  assert.equal(upgrade.code, 0, upgrade.stderr);
  const shown = await runBuiltCli(sandboxTarget, ['--sandbox', 'show', 'alias/console-v3', '--json'], {env});
  assert.equal(JSON.parse(shown.stdout).classification.outdated, false);
  const history = await runBuiltCli(sandboxTarget, ['--sandbox', 'history', 'alias/console-v3', '--json'], {
    env,
  });
  assert.equal(JSON.parse(history.stdout)[0].reason, 'upgrade');
  assert.ok(JSON.parse(history.stdout)[0].path.startsWith(join(stateDir, 'sandbox')));
});

test('keypol sandbox is handed to the sandbox command, global flags before it included', async () => {
  const help = await runBuiltCli(target, ['sandbox', '--help']);
  assert.equal(help.code, 0, help.stderr);
  assert.match(help.stdout, /Usage: keypol sandbox/);
  const afterFlag = await runBuiltCli(target, ['--no-color', 'sandbox', '--help']);
  assert.equal(afterFlag.code, 0);
  assert.equal(afterFlag.stdout, help.stdout);
});
