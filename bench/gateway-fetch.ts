// Row 5: 10,000 GetKeyPolicy calls through keypol's gateway (its SDK client: adaptive retries,
// 8 attempts) against a sandbox with 20 ms latency that throttles GetKeyPolicy at KMS's quota,
// 1,000 requests per second. Retries are counted in the sandbox's request log.
import {execFile} from 'node:child_process';
import {promisify} from 'node:util';
import {startSandbox} from '../source/sandbox/index.js';
import type {BenchContext} from './context.js';
import {measured, notMeasured, type Row} from './report.js';

const SECTION = '5';
const KEYS = 10_000;
const BUDGET_S = 12;
const WORKER_TIMEOUT_MS = 90_000;
const run = promisify(execFile);

interface WorkerResult {
  keys: number;
  listMs: number;
  fetchMs: number;
  cpuMs: number;
  peakRssMiB: number;
  concurrency: number;
}

export async function benchGatewayFetch(ctx: BenchContext, runs: number): Promise<Row[]> {
  const label = 'fetch 10,000 policies (20 ms latency, throttled at 1,000 rps): total';
  const sandbox = await startSandbox({
    seed: 'empty',
    extraKeys: KEYS,
    faults: {latencyMs: 20, throttle: {GetKeyPolicy: 1000}},
  });
  const seconds: number[] = [];
  const cpu: number[] = [];
  const rps: number[] = [];
  const rss: number[] = [];
  const retries: number[] = [];
  let concurrency = 0;
  try {
    for (let i = 0; i < runs; i++) {
      sandbox.log.splice(0); // the log is capped at 100,000 entries: count each run from empty
      let result: WorkerResult;
      try {
        const {stdout} = await run(
          process.execPath,
          ['--import', 'tsx', 'bench/fetch-worker.ts', sandbox.endpoint],
          {
            cwd: ctx.cwd,
            timeout: WORKER_TIMEOUT_MS,
          },
        );
        result = JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as WorkerResult;
      } catch (error) {
        const reason = (error as Error).message.split('\n').slice(0, 3).join(' ');
        return [notMeasured(SECTION, label, reason, `≤ ${BUDGET_S} s`)];
      }
      if (result.keys !== KEYS) throw new Error(`the gateway listed ${result.keys} keys, not ${KEYS}`);
      const entries = sandbox.log.filter(e => e.operation === 'GetKeyPolicy');
      seconds.push(result.fetchMs / 1000);
      cpu.push(result.cpuMs / 1000);
      rss.push(result.peakRssMiB);
      rps.push(entries.length / (result.fetchMs / 1000));
      retries.push(entries.filter(e => e.error === 'ThrottlingException').length);
      concurrency = result.concurrency;
      await new Promise(resolve => setTimeout(resolve, 1500)); // let the token bucket refill
    }
  } finally {
    await sandbox.close();
  }
  return [
    measured(SECTION, label, seconds, 's', BUDGET_S, `${concurrency} in flight (the gateway's pool size)`),
    measured(SECTION, 'fetch 10,000 policies: ThrottlingException answers (retried)', retries, 'count'),
    measured(
      SECTION,
      'fetch 10,000 policies: GetKeyPolicy requests per second',
      rps,
      'count',
      undefined,
      'quota 1,000',
    ),
    measured(
      SECTION,
      "fetch 10,000 policies: the client process's CPU time",
      cpu,
      's',
      undefined,
      'user + system',
    ),
    measured(SECTION, "fetch 10,000 policies: the client process's peak RSS", rss, 'MiB', undefined, 'no UI'),
  ];
}
