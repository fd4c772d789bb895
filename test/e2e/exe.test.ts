// The single executable (npm run build:exe) as an operator on a bastion runs it: copied alone into a
// directory without write permission, started from there with a bare environment whose PATH has no
// `node` at all. It must print how it was built, list the sandbox, draw the TUI, upgrade a key and
// honour --read-only — and leave its directory as it found it.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {createHash} from 'node:crypto';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import {startKeypol, type TerminalSession} from './terminal.js';

const BUILT = resolve('dist-exe', `keypol-linux-${process.arch}`);
const skip =
  process.platform !== 'linux'
    ? 'the executable is built for Linux'
    : existsSync(BUILT)
      ? false
      : `${BUILT} is missing: run \`npm run build:exe\` first`;

let root = '';
let binDir = '';
let exe = '';
let env: Record<string, string> = {};

before(() => {
  if (skip) return;
  root = mkdtempSync(join(tmpdir(), 'keypol-exe-'));
  binDir = join(root, 'bin');
  const pathDir = join(root, 'path'); // a PATH with nothing on it: no node, no npm
  const home = join(root, 'home');
  for (const dir of [binDir, pathDir, home]) mkdirSync(dir);
  exe = join(binDir, 'keypol');
  copyFileSync(BUILT, exe);
  chmodSync(exe, 0o555);
  chmodSync(binDir, 0o555);
  env = {PATH: pathDir, HOME: home, LANG: 'C.UTF-8'};
  const probe = spawnSync('/bin/sh', ['-c', 'command -v node'], {env, encoding: 'utf8'});
  assert.notEqual(probe.status, 0, `node must not be found on the test's PATH (found ${probe.stdout})`);
});

after(() => {
  if (!root) return;
  chmodSync(binDir, 0o755);
  rmSync(root, {recursive: true, force: true});
});

/** The executable with the bare environment, from its read-only directory, without a terminal. */
function run(args: string[]) {
  const state = mkdtempSync(join(root, 'state-'));
  return spawnSync(exe, args, {
    cwd: binDir,
    env: {...env, KEYPOL_STATE_DIR: state, XDG_CONFIG_HOME: state},
    encoding: 'utf8',
    timeout: 60_000,
  });
}

function tui(args: string[]): TerminalSession {
  return startKeypol(args, {command: [exe], cleanEnv: true, env, cwd: binDir});
}

test(
  'with no node on PATH: --version says how it was built, the SHA-256 file matches, list --json works',
  {skip, timeout: 120_000},
  () => {
    const version = run(['--version']);
    assert.equal(version.status, 0, version.stderr);
    assert.match(
      version.stdout,
      new RegExp(
        `^keypol \\d+\\.\\d+\\.\\d+ \\(executable linux-${process.arch}, Node\\.js v24\\.\\d+\\.\\d+, commit (?:[0-9a-f]{12}(?:\\+dirty)?|unknown)\\)\\n$`,
      ),
    );
    assert.equal(version.stderr, '', 'no warnings (no experimental SEA notice)');

    const hash = createHash('sha256').update(readFileSync(BUILT)).digest('hex');
    assert.equal(readFileSync(`${BUILT}.sha256`, 'utf8'), `${hash}  keypol-linux-${process.arch}\n`);

    const list = run(['--sandbox', 'list', '--json']);
    assert.equal(list.status, 0, list.stderr);
    const keys = JSON.parse(list.stdout) as {aliases: string[]}[];
    assert.ok(keys.some(k => k.aliases.includes('alias/console-v2')));

    const refused = run(['--sandbox', '--read-only', 'upgrade', 'alias/console-v2', '--yes', '--json']);
    assert.equal(refused.status, 3, refused.stderr);
    assert.equal((JSON.parse(refused.stdout) as {refusal: string}).refusal, 'read-only');
  },
);

test(
  'with no node on PATH: the TUI draws key rows (Ink and its yoga wasm inside) and upgrades alias/console-v2',
  {skip, timeout: 120_000},
  async () => {
    const s = tui(['--sandbox']);
    try {
      const first = await s.waitFor(
        screen => /^ keypol {2}account /.test(screen) && screen.includes('console-v2'),
        30_000,
      );
      assert.match(first, /SANDBOX/);
      s.write('/');
      await s.waitFor('/ ');
      s.write('console-v2');
      await s.waitFor(/1 of \d+ keys/);
      s.write('\r');
      await s.waitFor('filter console-v2');
      s.write('\r');
      // The list's row already says "outdated v2": wait for the policy itself, which u needs.
      await s.waitFor(screen => screen.includes('outdated v2') && /lines 1–\d+ of \d+/.test(screen));
      s.write('u');
      await s.waitFor(/Step 1 of \d/);
      s.write('\r'); // console v2 asks no question: the review comes next
      await s.waitFor(/Step \d of \d · Review/);
      s.write('\r');
      await s.waitFor('Press y to write it');
      s.write('y');
      await s.waitFor('Policy written and verified', 30_000);
      s.write('\u0003');
      assert.equal(await s.exited, 130, 'Ctrl-C quits with 128 + SIGINT');
    } finally {
      s.dispose();
    }
  },
);

test(
  'with no node on PATH: --read-only shows the badge and u starts no upgrade',
  {skip, timeout: 120_000},
  async () => {
    const s = tui(['--sandbox', '--read-only']);
    try {
      await s.waitFor(screen => screen.includes('console-v2') && screen.includes('READ-ONLY'), 30_000);
      s.write('/');
      await s.waitFor('/ ');
      s.write('console-v2');
      await s.waitFor(/1 of \d+ keys/);
      s.write('\r');
      await s.waitFor('filter console-v2');
      s.write('\r');
      await s.waitFor(screen => screen.includes('outdated v2') && screen.includes('off: read-only'));
      s.write('u');
      s.write('?'); // the help overlay: once it is up, the u before it has been handled
      await s.waitFor('press ? or Esc to close');
      assert.ok(!/Step 1 of/.test(s.screen()), 'no upgrade walkthrough in read-only mode');
      s.write('\u0003');
      assert.equal(await s.exited, 130, 'Ctrl-C quits with 128 + SIGINT');
    } finally {
      s.dispose();
    }
  },
);

test('the executable wrote nothing beside itself', {skip}, () => {
  assert.deepEqual(readdirSync(binDir), ['keypol']);
});
