// An endpoint that accepts connections and never answers: every command ends in seconds with a
// clear error naming the time limit, and a put whose answer never came is re-read to say whether
// it was applied. The servers are real (TCP and HTTP on 127.0.0.1); KEYPOL_TIMEOUT=1 keeps it short.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {createServer as createHttpServer, type ServerResponse} from 'node:http';
import {createServer, type Server, type Socket} from 'node:net';
import type {AddressInfo} from 'node:net';
import {mkdir, mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {withSandbox, operations, type SandboxFixture} from '../helpers/sandbox.js';
import {runKeypol, type CliTarget} from '../helpers/cli.js';
import type {PolicyDocument} from '../../source/policy/index.js';

/** Accepts every connection, reads what comes, never writes a byte. */
async function silentServer(): Promise<{endpoint: string; close(): Promise<void>}> {
  const sockets = new Set<Socket>();
  const server: Server = createServer(socket => {
    sockets.add(socket);
    socket.on('data', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>(resolve => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Passes every request to the sandbox but never answers PutKeyPolicy (after passing it on, or not). */
async function hangingPutProxy(upstream: string, forwardPut: boolean) {
  const held: ServerResponse[] = [];
  const server = createHttpServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const headers = Object.fromEntries(
      Object.entries(req.headers).filter(
        (e): e is [string, string] => typeof e[1] === 'string' && e[0] !== 'host',
      ),
    );
    const isPut = String(req.headers['x-amz-target'] ?? '').endsWith('.PutKeyPolicy');
    if (isPut && !forwardPut) return void held.push(res);
    const answer = await fetch(upstream + (req.url ?? '/'), {method: req.method ?? 'POST', headers, body});
    const text = await answer.text();
    if (isPut) return void held.push(res);
    res.writeHead(answer.status, {
      'content-type': answer.headers.get('content-type') ?? 'application/x-amz-json-1.1',
    });
    res.end(text);
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

let f: SandboxFixture;
let silent: Awaited<ReturnType<typeof silentServer>>;
before(async () => {
  f = await withSandbox();
  silent = await silentServer();
});
after(async () => {
  await silent.close();
  await f.cleanup();
});

const env = {KEYPOL_TIMEOUT: '1'};

test('list, show and whoami against a silent endpoint end with a timeout error, not a hang', async () => {
  const target: CliTarget = {endpoint: silent.endpoint, stateDir: f.stateDir};
  for (const args of [['list'], ['show', 'alias/console-v3'], ['whoami'], ['list', '--json']]) {
    const started = Date.now();
    const result = await runKeypol(target, args, {env});
    const seconds = (Date.now() - started) / 1000;
    assert.equal(result.code, 1, result.stderr);
    assert.match(
      result.stderr,
      new RegExp(`No answer from ${silent.endpoint} to (kms|sts):\\w+ within 1 s`),
      args.join(' '),
    );
    assert.match(result.stderr, /--timeout SECONDS/);
    // One wait, not the adaptive retry's eight: generous for a loaded machine, far below 8 × 1 s + back-off.
    assert.ok(seconds < 7, `${args.join(' ')} took ${seconds} s`);
  }
});

test('--timeout takes seconds; a bad value is a usage error', async () => {
  const target: CliTarget = {endpoint: silent.endpoint, stateDir: f.stateDir};
  const result = await runKeypol(target, ['--timeout', '1', 'whoami']);
  assert.equal(result.code, 1);
  assert.match(result.stderr, /within 1 s/);
  for (const [args, extra] of [
    [['--timeout', 'soon', 'list'], {}],
    [['--timeout', '0', 'list'], {}],
    [['list'], {KEYPOL_TIMEOUT: '-3'}],
  ] as const) {
    const bad = await runKeypol(target, [...args], {env: extra});
    assert.equal(bad.code, 2, bad.stderr);
    assert.match(bad.stderr, /takes a number of seconds/);
  }
});

test('"timeout" in the settings file applies below --timeout and KEYPOL_TIMEOUT; a bad one names the file', async t => {
  const stateDir = await mkdtemp(join(tmpdir(), 'keypol-timeout-'));
  t.after(() => rm(stateDir, {recursive: true, force: true}));
  const target: CliTarget = {endpoint: silent.endpoint, stateDir};
  const settingsFile = join(stateDir, 'config', 'settings.json');
  await mkdir(join(stateDir, 'config'));
  const settings = async (value: unknown) => writeFile(settingsFile, JSON.stringify({timeout: value}));
  const waited = async (args: string[], extra: Record<string, string> = {}) => {
    const result = await runKeypol(target, [...args, 'whoami'], {env: extra});
    assert.equal(result.code, 1, result.stderr);
    return /within (\d+) s/.exec(result.stderr)?.[1];
  };
  await settings(1);
  assert.equal(await waited([]), '1', 'the settings file alone');
  await settings(3600);
  assert.equal(await waited([], {KEYPOL_TIMEOUT: '1'}), '1', 'KEYPOL_TIMEOUT wins over the settings file');
  assert.equal(await waited(['--timeout', '1'], {KEYPOL_TIMEOUT: '3600'}), '1', '--timeout wins over both');
  for (const bad of [0, -3, 'soon', 3601]) {
    await settings(bad);
    const result = await runKeypol(target, ['whoami']);
    assert.equal(result.code, 2, `${JSON.stringify(bad)}: ${result.stderr}`);
    assert.ok(result.stderr.includes(settingsFile), result.stderr);
    assert.match(result.stderr, /"timeout" takes a number of seconds above 0 and at most 3600/);
  }
});

for (const forwardPut of [true, false]) {
  test(`a put whose answer never comes ends in seconds and says it was ${forwardPut ? '' : 'not '}applied`, async t => {
    const proxy = await hangingPutProxy(f.sandbox.endpoint, forwardPut);
    t.after(proxy.close);
    const key = await f.gateway.describeKey('alias/console-v3');
    const doc = JSON.parse((await f.gateway.getPolicy(key.arn)).text) as PolicyDocument;
    doc.Statement.push({
      Sid: `Auditors ${forwardPut}`,
      Effect: 'Allow',
      Principal: {AWS: 'arn:aws:iam::111122223333:role/Auditor'},
      Action: 'kms:DescribeKey',
      Resource: '*',
    });
    const file = join(f.stateDir, `timeout-${forwardPut}.json`);
    await writeFile(file, JSON.stringify(doc, null, 2));
    const from = f.sandbox.log.length;
    const result = await runKeypol(
      {endpoint: proxy.endpoint, stateDir: f.stateDir},
      ['put', key.arn, file, '--yes', '--json'],
      {
        env: {...env, KEYPOL_VERIFY_DELAY_MS: '0'},
      },
    );
    assert.equal(operations(f.sandbox, from).includes('PutKeyPolicy'), forwardPut);
    const outcome = JSON.parse(result.stdout) as {ok: boolean; message?: string; applied?: boolean};
    if (forwardPut) {
      assert.equal(result.code, 0, result.stderr);
      assert.match(
        result.stderr,
        /answer was lost \(No answer from .* within 1 s.*\), but re-reading shows the policy was applied/,
      );
    } else {
      assert.equal(result.code, 1, result.stderr);
      assert.equal(outcome.applied, false);
      assert.match(outcome.message ?? '', /within 1 s.*Re-reading shows the put was not applied/);
    }
  });
}
