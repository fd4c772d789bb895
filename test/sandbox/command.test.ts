// `keypol sandbox` as a process: first line, example command, signals, flags, start-up time.
import {ListKeysCommand} from '@aws-sdk/client-kms';
import assert from 'node:assert/strict';
import {spawn, type ChildProcess} from 'node:child_process';
import {createInterface} from 'node:readline';
import {describe, it} from 'node:test';
import {sandboxOptions} from '../../source/commands/sandbox.js';
import {kmsClient} from './helpers.js';

const SCRIPT = new URL('./fixtures/run-sandbox-command.ts', import.meta.url).pathname;

function start(args: string[]): {
  child: ChildProcess;
  lines: AsyncIterator<string>;
  exit: Promise<number | null>;
} {
  const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines = createInterface({input: child.stdout!})[Symbol.asyncIterator]();
  const exit = new Promise<number | null>(resolve => child.on('exit', code => resolve(code)));
  return {child, lines, exit};
}

async function line(lines: AsyncIterator<string>): Promise<string> {
  const next = await lines.next();
  return next.done ? '' : next.value;
}

// Child processes that never exit must fail the test rather than hang the run.
describe('keypol sandbox', {timeout: 120_000}, () => {
  it('prints the endpoint first, then an AWS CLI example, serves, and stops cleanly on SIGTERM', async () => {
    const {child, lines, exit} = start(['--seed', 'empty', '--keys', '10000']);
    const first = await line(lines);
    const match = /^endpoint: (http:\/\/127\.0\.0\.1:\d+)$/.exec(first);
    assert.ok(match, first);
    const endpoint = match[1]!;
    const example = await line(lines);
    assert.ok(example.includes('AWS_ACCESS_KEY_ID=') && example.includes('AWS_SECRET_ACCESS_KEY='), example);
    assert.ok(example.includes(`aws kms list-keys --endpoint-url ${endpoint} --region us-east-1`), example);
    const kms = kmsClient(endpoint);
    const page = await kms.send(new ListKeysCommand({Limit: 1000}));
    assert.equal(page.Keys?.length, 1000);
    kms.destroy();
    child.kill('SIGTERM');
    assert.equal(await exit, 0);
  });

  it('stops on SIGINT too', async () => {
    const {child, lines, exit} = start([]);
    assert.match(await line(lines), /^endpoint: /);
    child.kill('SIGINT');
    assert.equal(await exit, 0);
  });

  it('--help says that signatures are not verified', async () => {
    const {child, exit} = start(['--help']);
    let text = '';
    child.stdout!.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    assert.equal(await exit, 0);
    assert.match(text, /does NOT verify SigV4 signatures/);
    assert.match(text, /--throttle OP=RPS/);
  });

  it('refuses bad flags with exit code 2', async () => {
    for (const args of [['--seed', 'huge'], ['--fail-rate', '2'], ['--throttle', 'nonsense'], ['--bogus']]) {
      const {exit} = start(args);
      assert.equal(await exit, 2, args.join(' '));
    }
  });

  it('turns flags into sandbox options', () => {
    assert.deepEqual(
      sandboxOptions([
        '--host',
        '0.0.0.0',
        '--port',
        '4599',
        '--state',
        's.json',
        '--seed',
        'empty',
        '--keys',
        '12',
        '--latency',
        '20',
        '--throttle',
        'GetKeyPolicy=5',
        '--throttle',
        '*=100',
        '--fail-rate',
        '0.1',
      ]),
      {
        host: '0.0.0.0',
        port: 4599,
        stateFile: 's.json',
        seed: 'empty',
        extraKeys: 12,
        faults: {latencyMs: 20, throttle: {GetKeyPolicy: 5, '*': 100}, failRate: 0.1},
      },
    );
    assert.equal(sandboxOptions(['--help']), 'help');
  });
});
