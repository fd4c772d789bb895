// keypol get with a policy holding raw terminal controls: a pipe or a file gets the exact text (a
// backup must round-trip); a terminal gets it sanitised, so nothing in it acts on the terminal.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {readFile} from 'node:fs/promises';
import {join} from 'node:path';
import {withSandbox, type SandboxFixture} from '../helpers/sandbox.js';
import {runKeypol, type CliTarget} from '../helpers/cli.js';
import {HOSTILE_POLICY, serveHostilePolicy} from '../helpers/hostile-policy.js';

const RAW_CONTROL = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u202e]/;

let f: SandboxFixture;
let target: CliTarget;
let keyId: string;
let closeProxy: () => Promise<void>;
before(async () => {
  f = await withSandbox();
  const proxy = await serveHostilePolicy(f);
  ({keyId} = proxy);
  closeProxy = proxy.close;
  target = {endpoint: proxy.endpoint, stateDir: f.stateDir};
});
after(async () => {
  await closeProxy();
  await f.cleanup();
});

test('get to a pipe: the exact text, raw controls and all', async () => {
  const {code, stdout, stderr} = await runKeypol(target, ['get', keyId]);
  assert.equal(code, 0, stderr);
  assert.equal(stdout, HOSTILE_POLICY + '\n');
});

test('get to a terminal: every control is shown as a mark, and the lines are kept', async () => {
  const {code, stdout, stderr} = await runKeypol(target, ['get', keyId], {tty: true});
  assert.equal(code, 0, stderr);
  assert.equal(RAW_CONTROL.test(stdout), false, JSON.stringify(stdout));
  assert.match(stdout, /"Sid": "Admins ␛/);
  assert.match(stdout, /␀<U\+202E>gnp\.exe/);
  assert.equal(stdout.split('\n').length, HOSTILE_POLICY.split('\n').length + 1);
});

test('get --output from a terminal: the file has the exact text', async () => {
  const file = join(f.stateDir, 'hostile.json');
  const {code, stdout} = await runKeypol(target, ['get', keyId, '--output', file], {tty: true});
  assert.equal(code, 0);
  assert.equal(stdout, '');
  assert.equal(await readFile(file, 'utf8'), HOSTILE_POLICY);
});
