// Running keypol's command line against a sandbox, two ways:
// - runKeypol: in this process, through commands/main.ts with captured streams (fast; the
//   AWS SDK still reads the sandbox credentials from process.env, set once below);
// - runBuiltCli: `node dist/cli.js` as a child process, exactly as a user runs it.
import {spawn} from 'node:child_process';
import {existsSync} from 'node:fs';
import {PassThrough} from 'node:stream';
import {join} from 'node:path';
import {after, before} from 'node:test';
import {main} from '../../source/commands/main.js';
import {SANDBOX_CREDENTIALS} from '../../source/sandbox/index.js';
import {withSandbox, type SandboxFixture} from './sandbox.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliTarget {
  endpoint: string;
  stateDir: string;
  region?: string;
}

/** The environment an operator would set to point the AWS CLI (and keypol) at the sandbox. */
export function sandboxEnv(target: CliTarget): Record<string, string> {
  return {
    AWS_ACCESS_KEY_ID: SANDBOX_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: SANDBOX_CREDENTIALS.secretAccessKey,
    AWS_REGION: target.region ?? 'us-east-1',
    AWS_ENDPOINT_URL: target.endpoint,
    // Never read the developer's own AWS files or the instance metadata service in tests.
    AWS_CONFIG_FILE: join(target.stateDir, 'no-aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(target.stateDir, 'no-aws-credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    KEYPOL_STATE_DIR: target.stateDir,
    KEYPOL_VERIFY_DELAY_MS: '20',
    KEYPOL_CONFIG_DIR: join(target.stateDir, 'config'),
  };
}

/**
 * One demo sandbox and the command line's target on it for the whole file. Both objects are filled
 * in by `before` (read them inside tests only); the sandbox is cleaned up after the last test.
 */
export function fileCliSandbox(): {f: SandboxFixture; target: CliTarget} {
  const f = {} as SandboxFixture;
  const target = {} as CliTarget;
  before(async () => {
    Object.assign(f, await withSandbox());
    Object.assign(target, {endpoint: f.sandbox.endpoint, stateDir: f.stateDir});
  });
  after(() => f.cleanup());
  return {f, target};
}

export interface RunOptions {
  /** Text on stdin; the stream ends after it unless `tty` keeps it open for a prompt. */
  stdin?: string;
  /** Pretend stdin (and stdout) are a terminal. */
  tty?: boolean;
  env?: Record<string, string>;
  cwd?: string;
}

/** Streams for an in-process run; `answer` writes to stdin once the prompt is on stderr. */
export function captureIo(target: CliTarget, options: RunOptions = {}) {
  const env = {...sandboxEnv(target), ...options.env};
  // The SDK's credential chain reads process.env, so the sandbox keys go there too.
  for (const name of [
    'AWS_ACCESS_KEY_ID',
    'AWS_SECRET_ACCESS_KEY',
    'AWS_CONFIG_FILE',
    'AWS_SHARED_CREDENTIALS_FILE',
    'AWS_EC2_METADATA_DISABLED',
  ]) {
    process.env[name] = env[name];
  }
  delete process.env.AWS_PROFILE;
  const stdin = Object.assign(new PassThrough(), {isTTY: options.tty === true});
  if (options.stdin !== undefined) stdin.write(options.stdin);
  if (!options.tty) stdin.end();
  const out = {text: '', isTTY: options.tty === true, write: (s: string) => ((out.text += s), true)};
  const err = {text: '', isTTY: false, write: (s: string) => ((err.text += s), true)};
  return {env, stdin, stdout: out, stderr: err, cwd: options.cwd ?? process.cwd()};
}

export async function runKeypol(
  target: CliTarget,
  args: string[],
  options: RunOptions = {},
): Promise<CliResult> {
  const io = captureIo(target, options);
  const code = await main(args, io);
  io.stdin.destroy();
  return {code, stdout: io.stdout.text, stderr: io.stderr.text};
}

/** dist/cli.js, or another bundle named by KEYPOL_BUILT_CLI (e.g. one built elsewhere). */
export const BUILT_CLI =
  process.env.KEYPOL_BUILT_CLI ?? join(import.meta.dirname, '..', '..', 'dist', 'cli.js');

/** Runs the bundle as a child process; builds it first when dist/ is missing. */
export async function runBuiltCli(
  target: CliTarget,
  args: string[],
  options: RunOptions = {},
): Promise<CliResult & {ms: number}> {
  if (!existsSync(BUILT_CLI))
    await run(process.execPath, ['scripts/build.mjs'], {}, join(import.meta.dirname, '..', '..'));
  const env = {PATH: process.env.PATH ?? '', HOME: target.stateDir, ...sandboxEnv(target), ...options.env};
  const started = performance.now();
  const result = await run(
    process.execPath,
    [BUILT_CLI, ...args],
    env,
    options.cwd ?? process.cwd(),
    options.stdin,
  );
  return {...result, ms: performance.now() - started};
}

function run(
  command: string,
  args: string[],
  env: Record<string, string>,
  cwd: string,
  input?: string,
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env: Object.keys(env).length ? env : process.env,
      cwd,
      stdio: 'pipe',
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', chunk => (stdout += chunk));
    child.stderr.on('data', chunk => (stderr += chunk));
    child.on('error', reject);
    child.on('close', code => resolve({code: code ?? -1, stdout, stderr}));
    child.stdin.end(input ?? '');
  });
}

/** Starts an in-process run on a pretend terminal, to answer its prompt from the test. */
export function startKeypol(target: CliTarget, args: string[], options: RunOptions = {}) {
  const io = captureIo(target, {...options, tty: true});
  const done: Promise<CliResult> = main(args, io).then(code => {
    io.stdin.destroy();
    return {code, stdout: io.stdout.text, stderr: io.stderr.text};
  });
  return {
    done,
    /** Waits until stderr ends with the prompt (by default the y/N question). */
    async waitForPrompt(prompt: RegExp = /\[y\/N\] $/): Promise<void> {
      const deadline = Date.now() + 30_000;
      while (!prompt.test(io.stderr.text)) {
        if (Date.now() > deadline) throw new Error(`no prompt; stderr: ${io.stderr.text}`);
        await new Promise(resolve => setTimeout(resolve, 10));
      }
    },
    answer(text: string): void {
      io.stdin.write(text);
    },
  };
}
