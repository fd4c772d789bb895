// `--sandbox` on the built CLI: an in-process demo account, with generated keys for scale work.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtemp, readFile, readdir, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {runBuiltCli, type CliTarget} from '../helpers/cli.js';

let target: CliTarget;
before(async () => {
  // No endpoint: --sandbox must not need one (the unreachable port proves it is not used).
  target = {endpoint: 'http://127.0.0.1:9', stateDir: await mkdtemp(join(tmpdir(), 'keypol-sbx-'))};
});
after(() => rm(target.stateDir, {recursive: true, force: true}));

test('--sandbox --keys N adds N generated keys to the demo account and persists none of them', async () => {
  const result = await runBuiltCli(target, ['--sandbox', '--keys', '25', 'list', '--json']);
  assert.equal(result.code, 0, result.stderr);
  const rows = JSON.parse(result.stdout) as {aliases: string[]}[];
  const generated = rows.filter(r => r.aliases.some(a => a.startsWith('alias/gen/')));
  assert.equal(generated.length, 25);
  assert.ok(rows.some(r => r.aliases.includes('alias/console-v2')));
  const saved = await readdir(join(target.stateDir, 'sandbox')).catch(() => [] as string[]);
  assert.ok(!saved.includes('state.json'), 'generated keys are not written to the training state');
});

test('--keys without --sandbox is a usage error (exit 2)', async () => {
  const result = await runBuiltCli(target, ['--keys', '5', 'list']);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /--keys works only with --sandbox/);
});

test('--sandbox with a mistyped Region is a usage error naming the close Region, not an empty Region', async () => {
  const result = await runBuiltCli(target, ['--sandbox', '--region', 'eu-wst-1', 'list']);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /"eu-wst-1" is not a Region name\. Did you mean eu-west-1\?/);
  assert.equal(result.stdout, '');
  const other = await runBuiltCli(target, ['--sandbox', '--region', 'eu-west-1', 'list', '--json']);
  assert.equal(other.code, 0, other.stderr);
  assert.ok((JSON.parse(other.stdout) as unknown[]).length > 0, 'the demo account has keys in eu-west-1');
});

test('--sandbox --reset brings the demo account back after a change; sandbox --reset does the same', async () => {
  const sandboxTarget = {...target, stateDir: await mkdtemp(join(tmpdir(), 'keypol-sbx-reset-'))};
  try {
    const policyOf = async (args: string[] = []) => {
      const result = await runBuiltCli(sandboxTarget, ['--sandbox', ...args, 'get', 'alias/console-v2']);
      assert.equal(result.code, 0, result.stderr);
      return result.stdout;
    };
    const seeded = await policyOf();
    const upgrade = await runBuiltCli(sandboxTarget, ['--sandbox', 'upgrade', 'alias/console-v2', '--yes']);
    assert.equal(upgrade.code, 0, upgrade.stderr);
    const changed = await policyOf();
    assert.notEqual(changed, seeded, 'the change persists between runs');
    const state = JSON.parse(await readFile(join(sandboxTarget.stateDir, 'sandbox', 'state.json'), 'utf8'));
    assert.match(state.changedAt, /^\d{4}-\d\d-\d\dT/, 'the state knows it is no longer fresh');

    assert.equal(await policyOf(['--reset']), seeded, '--reset restores the seeded policy');
    const history = await runBuiltCli(sandboxTarget, ['--sandbox', 'history', 'alias/console-v2', '--json']);
    assert.deepEqual(JSON.parse(history.stdout), [], 'and the sandbox backups of the old state');

    await runBuiltCli(sandboxTarget, ['--sandbox', 'upgrade', 'alias/console-v2', '--yes']);
    const reset = await runBuiltCli(sandboxTarget, ['sandbox', '--reset']);
    assert.equal(reset.code, 0, reset.stderr);
    assert.match(reset.stdout, /fresh again/);
    assert.equal(await policyOf(), seeded);
  } finally {
    await rm(sandboxTarget.stateDir, {recursive: true, force: true});
  }
});

test('--reset without --sandbox is a usage error; --profile with --sandbox is said to be ignored', async () => {
  const result = await runBuiltCli(target, ['--reset', 'list']);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /--reset works only with --sandbox/);
  const profile = await runBuiltCli(target, ['--sandbox', '--profile', 'prod', 'whoami']);
  assert.equal(profile.code, 0, profile.stderr);
  assert.match(profile.stderr, /--profile prod is ignored with --sandbox/);
});
