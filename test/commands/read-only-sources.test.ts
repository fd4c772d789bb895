// Read-only comes from one place whatever the connection: the flag, KEYPOL_READ_ONLY and the
// settings file all hold with --sandbox, every refusal names its source, and the sandbox's
// request log shows no mutating call.
import {test, type TestContext} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtemp, readFile, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {runKeypol, type CliTarget} from '../helpers/cli.js';
import {MUTATING_OPERATIONS, type RequestLogEntry} from '../../source/sandbox/index.js';
import {openSettings} from '../../source/store/settings.js';

const CHANGES = [
  ['grant-access', 'alias/console-v2', '--user', 'arn:aws:iam::111122223333:role/Auditor', '--yes'],
  ['upgrade', 'alias/console-v2', '--yes'],
  ['deletion', 'alias/console-v2', '--deny', '--yes'],
];

async function sandboxRun(t: TestContext) {
  // No endpoint: --sandbox must not use one.
  const target: CliTarget = {
    endpoint: 'http://127.0.0.1:9',
    stateDir: await mkdtemp(join(tmpdir(), 'keypol-ro-')),
  };
  t.after(() => rm(target.stateDir, {recursive: true, force: true}));
  const requestLog = join(target.stateDir, 'requests.jsonl');
  const run = (args: string[], env: Record<string, string> = {}) =>
    runKeypol(target, ['--sandbox', ...args], {env: {KEYPOL_SANDBOX_REQUEST_LOG: requestLog, ...env}});
  const requests = async (): Promise<RequestLogEntry[]> =>
    (await readFile(requestLog, 'utf8').catch(() => ''))
      .split('\n')
      .filter(Boolean)
      .map(line => JSON.parse(line) as RequestLogEntry);
  return {target, run, requests};
}

test('KEYPOL_READ_ONLY=1 holds with --sandbox and the refusal names it', async t => {
  const {run, requests} = await sandboxRun(t);
  for (const args of CHANGES) {
    const result = await run(args, {KEYPOL_READ_ONLY: '1'});
    assert.equal(result.code, 3, `${args[0]}: ${result.stderr}`);
    assert.match(result.stderr, /Read-only \(from KEYPOL_READ_ONLY=1\).*Unset KEYPOL_READ_ONLY/);
  }
  const seen = await requests();
  assert.ok(
    seen.some(r => r.operation === 'GetKeyPolicy'),
    'the sandbox was asked (and logged)',
  );
  assert.deepEqual(
    seen.filter(r => MUTATING_OPERATIONS.has(r.operation)),
    [],
  );
});

test("the settings file's readOnly holds with --sandbox and the refusal names the file", async t => {
  const {target, run, requests} = await sandboxRun(t);
  const settings = await openSettings({cwd: join(target.stateDir, 'config')});
  settings.set('readOnly', true);
  for (const args of CHANGES) {
    const result = await run(args);
    assert.equal(result.code, 3, `${args[0]}: ${result.stderr}`);
    assert.ok(result.stderr.includes(`Read-only (from settings file ${settings.path})`), result.stderr);
  }
  const who = JSON.parse((await run(['whoami', '--json'])).stdout);
  assert.equal(who.readOnly, true);
  assert.equal(who.readOnlySource, `settings file ${settings.path}`);
  assert.deepEqual(
    (await requests()).filter(r => MUTATING_OPERATIONS.has(r.operation)),
    [],
  );

  // The flag names itself; without any source, the same change goes through.
  settings.set('readOnly', false);
  const flagged = await run(['--read-only', ...(CHANGES[0] as string[])]);
  assert.match(flagged.stderr, /Read-only \(from --read-only\)/);
  const written = await run(CHANGES[0] as string[]);
  assert.equal(written.code, 0, written.stderr);
  assert.ok((await requests()).some(r => r.operation === 'PutKeyPolicy'));
});
