// Row 1: `keypol list --json` (keys + aliases) against `aws kms list-keys` on the same standalone
// sandbox: wall time and peak RSS of each, and keypol's share of the AWS CLI's.
import {execFileSync} from 'node:child_process';
import {existsSync} from 'node:fs';
import {cliNodeFlags, type BenchContext} from './context.js';
import {measureCommand, PYTHON, type RunResult} from './proc.js';
import {measured, notMeasured, type Row} from './report.js';
import {clientEnv, startSandboxProcess} from './sandbox-process.js';
import {median} from './stats.js';

const SECTION = '1';
const AWS = '/usr/bin/aws';
const RATIO_BUDGET = 0.35;

/** Debian's AWS CLI v2, installed from Debian's packages when missing and we are root. */
function findAwsCli(log: (line: string) => void): string | {missing: string} {
  if (existsSync(AWS)) return AWS;
  if (process.getuid?.() !== 0) return {missing: `${AWS} is missing and installing it needs root`};
  log('installing the AWS CLI: apt-get install -y awscli');
  const env = {...process.env, DEBIAN_FRONTEND: 'noninteractive'};
  try {
    try {
      execFileSync('apt-get', ['install', '-y', '-q', 'awscli'], {env, stdio: 'ignore', timeout: 240_000});
    } catch {
      // A fresh machine has no package lists yet.
      execFileSync('apt-get', ['update', '-q'], {env, stdio: 'ignore', timeout: 120_000});
      execFileSync('apt-get', ['install', '-y', '-q', 'awscli'], {env, stdio: 'ignore', timeout: 240_000});
    }
  } catch (error) {
    return {missing: `apt-get install awscli failed: ${(error as Error).message.split('\n')[0]}`};
  }
  return existsSync(AWS) ? AWS : {missing: `apt-get installed awscli but ${AWS} is still missing`};
}

function keyCount(run: RunResult, pick: (json: unknown) => unknown): number {
  if (run.exitCode !== 0) throw new Error(`exit code ${run.exitCode}: ${run.stderr.trim().slice(0, 300)}`);
  const list = pick(JSON.parse(run.stdout));
  if (!Array.isArray(list)) throw new Error(`unexpected output: ${run.stdout.slice(0, 200)}`);
  return list.length;
}

export async function benchListVsAws(ctx: BenchContext): Promise<Row[]> {
  const labels = [
    'keypol list --json: wall time',
    'keypol list --json: peak RSS',
    'aws kms list-keys: wall time',
  ];
  if (!PYTHON) return labels.map(l => notMeasured(SECTION, l, 'python3 (for peak RSS) not found'));
  const aws = findAwsCli(ctx.log);
  const sandbox = await startSandboxProcess(ctx.cli, ['--seed', 'demo']);
  try {
    const env = clientEnv(ctx.tempDir('state'), ctx.tempDir('home'));
    const target = ['--endpoint-url', sandbox.endpoint, '--region', 'us-east-1'];
    const keypolCmd = [process.execPath, ...cliNodeFlags(ctx.cli), ctx.cli, ...target, 'list', '--json'];
    const awsCmd =
      typeof aws === 'string' ? [aws, ...target, '--output', 'json', 'kms', 'list-keys'] : undefined;
    const keypol: RunResult[] = [];
    const cli: RunResult[] = [];
    const bare: RunResult[] = [];
    // One unmeasured run of each first: the first run of a program reads its files from disk.
    for (let i = 0; i <= ctx.runs; i++) {
      const k = await measureCommand(keypolCmd, env);
      const a = awsCmd ? await measureCommand(awsCmd, env) : undefined;
      // Node's own floor, to read the others against (and to see how busy the machine is).
      const b = await measureCommand([process.execPath, '-e', '0'], env);
      if (i === 0) continue;
      bare.push(b);
      keypol.push(k);
      if (a) cli.push(a);
    }
    const keys = keyCount(keypol[0]!, json => json);
    const rows = [
      measured(
        SECTION,
        'baseline: node -e 0: wall time',
        bare.map(r => r.wallMs),
        'ms',
      ),
      measured(
        SECTION,
        'baseline: node -e 0: peak RSS',
        bare.map(r => r.peakRssMiB),
        'MiB',
      ),
      measured(
        SECTION,
        'keypol list --json: wall time',
        keypol.map(r => r.wallMs),
        'ms',
        undefined,
        `${keys} keys`,
      ),
      measured(
        SECTION,
        'keypol list --json: peak RSS',
        keypol.map(r => r.peakRssMiB),
        'MiB',
      ),
    ];
    if (!awsCmd) {
      const reason = typeof aws === 'string' ? '' : aws.missing;
      return [
        ...rows,
        notMeasured(SECTION, 'aws kms list-keys: wall time and peak RSS', reason),
        notMeasured(SECTION, 'ratio keypol / aws', reason, `≤ ${RATIO_BUDGET}×`),
      ];
    }
    const awsKeys = keyCount(cli[0]!, json => (json as {Keys?: unknown}).Keys);
    const version = execFileSync(awsCmd[0]!, ['--version'], {encoding: 'utf8'}).trim().split(' ')[0] ?? 'aws';
    const ratio = (pick: (r: RunResult) => number): number =>
      median(keypol.map(pick)) / median(cli.map(pick));
    return [
      ...rows,
      measured(
        SECTION,
        'aws kms list-keys: wall time',
        cli.map(r => r.wallMs),
        'ms',
        undefined,
        `${version}, ${awsKeys} keys`,
      ),
      measured(
        SECTION,
        'aws kms list-keys: peak RSS',
        cli.map(r => r.peakRssMiB),
        'MiB',
      ),
      measured(
        SECTION,
        'ratio keypol / aws: wall time',
        [ratio(r => r.wallMs)],
        '×',
        RATIO_BUDGET,
        'of the medians',
      ),
      measured(
        SECTION,
        'ratio keypol / aws: peak RSS',
        [ratio(r => r.peakRssMiB)],
        '×',
        RATIO_BUDGET,
        'of the medians',
      ),
    ];
  } finally {
    await sandbox.stop();
  }
}
