// The npm package as `npm install -g keypol` gets it: `npm pack`, installed into a temporary prefix
// with npm offline (keypol has no dependencies to fetch: the bundle carries them), then run from
// there: `keypol --sandbox list --json` and the TUI's first frame with key rows.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync} from 'node:fs';
import {createRequire} from 'node:module';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import {startKeypol} from './terminal.js';

const skip = existsSync('dist/cli.js') ? false : 'dist/cli.js is missing: run `npm run build` first';

let root = '';
let bin = '';
let env: Record<string, string> = {};
let install = {stdout: '', stderr: ''};

before(() => {
  if (skip) return;
  root = mkdtempSync(join(tmpdir(), 'keypol-pack-'));
  const prefix = join(root, 'prefix');
  // The project's Node 24 first on PATH: npm and the installed bin's `env node` both use it.
  const node = realpathSync(createRequire(import.meta.url).resolve('node/bin/node'));
  env = {...process.env, PATH: `${dirname(node)}:/usr/bin:/bin`} as Record<string, string>;
  delete env.npm_config_prefix;
  const npm = (args: string[]) => {
    const r = spawnSync('npm', [...args, '--no-audit', '--no-fund', '--no-update-notifier'], {
      env,
      encoding: 'utf8',
      timeout: 120_000,
    });
    assert.equal(r.status, 0, `npm ${args.join(' ')}: ${r.stderr}`);
    return r;
  };
  const tarball = npm(['pack', '--silent', '--pack-destination', root]).stdout.trim().split('\n').at(-1)!;
  install = npm(['install', '--global', '--offline', '--prefix', prefix, join(root, tarball)]);
  bin = join(prefix, 'bin', 'keypol');
});

after(() => {
  if (root) rmSync(root, {recursive: true, force: true});
});

test('npm pack → npm install -g: no engine warnings, nothing installed but keypol', {skip}, () => {
  assert.doesNotMatch(install.stderr, /EBADENGINE|deprecated/);
  const lib = join(dirname(dirname(bin)), 'lib', 'node_modules');
  assert.deepEqual(readdirSync(lib), ['keypol']);
  assert.ok(!existsSync(join(lib, 'keypol', 'node_modules')), 'no dependencies were installed');
  const manifest = JSON.parse(readFileSync(join(lib, 'keypol', 'package.json'), 'utf8')) as {
    dependencies?: object;
    engines: {node: string};
  };
  assert.equal(manifest.dependencies, undefined);
  assert.equal(manifest.engines.node, '>=22');
});

test('the installed keypol runs: --version, --sandbox list --json', {skip, timeout: 60_000}, () => {
  const state = mkdtempSync(join(root, 'state-'));
  const run = (args: string[]) =>
    spawnSync(bin, args, {env: {...env, KEYPOL_STATE_DIR: state, XDG_CONFIG_HOME: state}, encoding: 'utf8'});
  const version = run(['--version']);
  assert.match(version.stdout, /^keypol \d+\.\d+\.\d+ \(npm bundle, Node\.js v/);
  const list = run(['--sandbox', 'list', '--json']);
  assert.equal(list.status, 0, list.stderr);
  assert.equal(list.stderr, '');
  const keys = JSON.parse(list.stdout) as {aliases: string[]}[];
  assert.ok(keys.some(k => k.aliases.includes('alias/console-v1')));
});

test('the installed keypol draws the TUI with key rows', {skip, timeout: 60_000}, async () => {
  const s = startKeypol(['--sandbox'], {command: [bin], env: {PATH: env.PATH!}, cwd: root});
  try {
    await s.waitFor(screen => screen.includes('console-v1') && screen.includes('SANDBOX'), 30_000);
    s.write('q');
    assert.equal(await s.exited, 0);
  } finally {
    s.dispose();
  }
});
