// The standalone sandbox (`keypol sandbox …`) as a child process: the programs measured talk to it
// over HTTP as they would to KMS, and it does not share a CPU's event loop with the bench.
import {spawn, type ChildProcess} from 'node:child_process';
import {createInterface} from 'node:readline';
import {SANDBOX_CREDENTIALS} from '../source/sandbox/index.js';

export interface SandboxProcess {
  endpoint: string;
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 30_000;

export async function startSandboxProcess(cli: string, args: string[]): Promise<SandboxProcess> {
  const child = spawn(process.execPath, [cli, 'sandbox', ...args], {stdio: ['ignore', 'pipe', 'pipe']});
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = createInterface({input: child.stdout!});
  const endpoint = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => fail(`no endpoint after ${START_TIMEOUT_MS} ms`), START_TIMEOUT_MS);
    function fail(why: string): void {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`keypol sandbox ${args.join(' ')}: ${why}${stderr ? `\n${stderr.trim()}` : ''}`));
    }
    lines.once('line', line => {
      clearTimeout(timer);
      const match = /^endpoint: (http:\/\/\S+)/.exec(line);
      if (match?.[1]) resolve(match[1]);
      else fail(`unexpected first line "${line}"`);
    });
    child.once('exit', code => fail(`exited with code ${code}`));
  });
  lines.on('line', () => {}); // keep draining stdout
  return {endpoint, stop: () => stop(child)};
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise(resolve => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** The environment for a client of the sandbox: its credentials, nothing from the operator's. */
export function clientEnv(stateDir: string, home: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    // The operator's AWS settings (profiles, regions, real credentials) must not leak in.
    if (value !== undefined && !name.startsWith('AWS_')) env[name] = value;
  }
  return {
    ...env,
    HOME: home,
    AWS_ACCESS_KEY_ID: SANDBOX_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: SANDBOX_CREDENTIALS.secretAccessKey,
    AWS_CONFIG_FILE: `${home}/aws-config`,
    AWS_SHARED_CREDENTIALS_FILE: `${home}/aws-credentials`,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PAGER: '',
    KEYPOL_STATE_DIR: stateDir,
  };
}
