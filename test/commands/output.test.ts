// Output that is not a plain capture: a reader that goes away (`keypol … | head`) and the
// progress line `list` shows on a terminal.
import {test, type TestContext} from 'node:test';
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {mkdtemp, readdir, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {Writable} from 'node:stream';
import {withSandbox, operations} from '../helpers/sandbox.js';
import {captureIo, sandboxEnv, type CliResult} from '../helpers/cli.js';
import {main} from '../../source/commands/main.js';
import {readAudit} from '../../source/store/audit.js';
import {backupsDir} from '../../source/store/paths.js';

const ROOT = join(import.meta.dirname, '..', '..');

/** stdout whose reader has gone: every write fails with EPIPE, as on a closed pipe. */
function closedPipe(): Writable {
  return new Writable({
    write(_chunk, _encoding, callback) {
      callback(Object.assign(new Error('write EPIPE'), {code: 'EPIPE', syscall: 'write'}));
    },
  });
}

test('an upgrade whose stdout reader has gone still completes: backup, put, audit; no crash', async t => {
  const f = await withSandbox();
  t.after(f.cleanup);
  const io = {...captureIo({endpoint: f.sandbox.endpoint, stateDir: f.stateDir}), stdout: closedPipe()};
  const from = f.sandbox.log.length;
  const code = await main(['upgrade', 'alias/console-v3', '--yes'], io);
  assert.equal(code, 0, io.stderr.text);
  assert.equal(io.stderr.text, '');
  assert.ok(operations(f.sandbox, from).includes('PutKeyPolicy'));
  assert.match(
    (await f.gateway.getPolicy((await f.gateway.describeKey('alias/console-v3')).arn)).text,
    /RotateKeyOnDemand/,
  );
  assert.equal((await readdir(backupsDir(f.stateDir))).length, 1);
  assert.deepEqual(
    (await readAudit(f.stateDir)).map(r => r.result),
    ['intent', 'ok'],
  );
});

/** keypol from source in a child process whose stdout pipe is closed before it writes. */
function runWithClosedStdout(stateDir: string, args: string[]): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: stateDir,
      ...sandboxEnv({endpoint: 'http://127.0.0.1:9', stateDir}),
    };
    const child = spawn(process.execPath, ['--import', 'tsx', 'source/cli.ts', '--sandbox', ...args], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', chunk => (stderr += chunk));
    child.on('error', reject);
    child.on('close', code => resolve({code: code ?? -1, stdout: '', stderr}));
  });
}

test('`keypol show KEY | head` and `keypol upgrade KEY --yes | head`: quiet exit, the change made', async t => {
  const stateDir = await mkdtemp(join(tmpdir(), 'keypol-epipe-'));
  t.after(() => rm(stateDir, {recursive: true, force: true}));
  const show = await runWithClosedStdout(stateDir, ['show', 'alias/console-v1']);
  assert.equal(show.code, 0, show.stderr);
  assert.equal(show.stderr, '');
  const upgrade = await runWithClosedStdout(stateDir, ['upgrade', 'alias/console-v3', '--yes']);
  assert.equal(upgrade.code, 0, upgrade.stderr);
  assert.equal(upgrade.stderr, '');
  // The sandbox state persists under the state dir: the upgrade reached it, with its backup.
  const audit = await readAudit(join(stateDir, 'sandbox'));
  assert.deepEqual(
    audit.map(r => [r.reason, r.result]),
    [
      ['upgrade', 'intent'],
      ['upgrade', 'ok'],
    ],
  );
});

async function listWithTerminal(t: TestContext, stderrIsTTY: boolean) {
  const f = await withSandbox({extraKeys: 1200});
  t.after(f.cleanup);
  const io = captureIo({endpoint: f.sandbox.endpoint, stateDir: f.stateDir});
  io.stderr.isTTY = stderrIsTTY;
  const started = Date.now();
  const code = await main(['list', '--json'], io);
  const ms = Date.now() - started;
  return {code, ms, rows: JSON.parse(io.stdout.text) as unknown[], stderr: io.stderr.text};
}

test('list shows one updating progress line on a terminal stderr, cleared at the end', async t => {
  const {code, ms, rows, stderr} = await listWithTerminal(t, true);
  assert.equal(code, 0, stderr);
  const total = rows.length.toLocaleString('en-US');
  assert.ok(rows.length > 1200);
  assert.ok(stderr.startsWith('\r\x1b[Klisting keys…'), JSON.stringify(stderr.slice(0, 40)));
  assert.ok(stderr.includes(`\r\x1b[Kdescribed ${total}/${total} keys`));
  const redraws = stderr.split('\r\x1b[Kdescribed').length - 1;
  // The first and the last step, and in between at most one redraw per 100 ms.
  assert.ok(redraws >= 1 && redraws <= ms / 100 + 2, `${redraws} redraws in ${ms} ms`);
  assert.ok(!stderr.includes('\n'), 'one line, redrawn in place');
  assert.ok(stderr.endsWith('\r\x1b[K'), 'cleared at the end');
});

test('list prints no progress when stderr is not a terminal', async t => {
  const {code, stderr} = await listWithTerminal(t, false);
  assert.equal(code, 0);
  assert.equal(stderr, '');
});
