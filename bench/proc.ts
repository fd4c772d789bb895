// Runs a command to completion and measures its wall time and peak RSS. The peak comes from
// getrusage(RUSAGE_CHILDREN) in a tiny python3 wrapper: exact, unlike sampling /proc, which misses
// the last moments of a short process (and python3 is there wherever the AWS CLI is).
import {spawn} from 'node:child_process';
import {existsSync, mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

export interface RunResult {
  wallMs: number;
  peakRssMiB: number;
  /** User + system CPU time of the command (and its children), in ms. */
  cpuMs: number;
  exitCode: number;
  stdout: string;
  stderr: string;
}

const WRAPPER = `
import resource, subprocess, sys, time
out = sys.argv[1]
start = time.perf_counter()
code = subprocess.run(sys.argv[2:]).returncode
wall = (time.perf_counter() - start) * 1000
with open(out, "w") as f:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    f.write("%f %d %d %f" % (wall, usage.ru_maxrss, code, (usage.ru_utime + usage.ru_stime) * 1000))
`;

export const PYTHON = ['/usr/bin/python3', '/usr/local/bin/python3'].find(p => existsSync(p));

export async function measureCommand(
  command: string[],
  env: Record<string, string>,
  timeoutMs = 60_000,
): Promise<RunResult> {
  if (!PYTHON) throw new Error('python3 is needed to measure peak RSS and was not found');
  const dir = mkdtempSync(join(tmpdir(), 'keypol-bench-rss-'));
  const out = join(dir, 'result');
  try {
    const child = spawn(PYTHON, ['-c', WRAPPER, out, ...command], {env, stdio: ['ignore', 'pipe', 'pipe']});
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    await new Promise<void>(resolve => child.once('close', () => resolve()));
    clearTimeout(timer);
    if (!existsSync(out))
      throw new Error(`${command.join(' ')}: no measurement (killed after ${timeoutMs} ms?)`);
    const [wall, rssKiB, code, cpu] = readFileSync(out, 'utf8').split(' ').map(Number);
    return {wallMs: wall!, peakRssMiB: rssKiB! / 1024, cpuMs: cpu!, exitCode: code!, stdout, stderr};
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
}
