// `--sandbox` on the built CLI: an in-process demo account, with generated keys for scale work.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtemp, readdir, rm} from 'node:fs/promises';
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
