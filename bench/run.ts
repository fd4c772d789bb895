// `npm run bench`: builds keypol, measures every figure of issue 7 against sandboxes it starts
// itself, prints the table and writes bench/RESULTS.md. Benchmarks report; they never fail a build
// (a figure over budget is a verdict in the table, and a row that cannot run says why).
import {existsSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {createContext, tempRoot, type BenchContext} from './context.js';
import {describeMachine, loadAverage} from './machine.js';
import {markdownTable, notMeasured, type Row} from './report.js';

const RUNS = 7;
const RUNS_10K = 3;
const cwd = process.cwd();
const cli = join(cwd, 'dist', 'cli.js');

interface Bench {
  section: string;
  name: string;
  run: (ctx: BenchContext) => Promise<Row[]>;
}

// Each imported only when its turn comes: a product module that does not load (a part of keypol
// in mid-change) then costs only the rows that need it.
const BENCHES: Bench[] = [
  {
    section: '1',
    name: 'keypol list --json vs aws kms list-keys',
    run: async ctx => (await import('./list-vs-aws.js')).benchListVsAws(ctx),
  },
  {
    section: '2',
    name: 'TUI start-up (demo account)',
    run: async ctx => (await import('./tui-start.js')).benchTuiStart(ctx),
  },
  {
    section: '3',
    name: 'TUI with 10,000 keys',
    run: async ctx => (await import('./tui-10k.js')).benchTui10k(ctx, RUNS_10K),
  },
  {
    section: '4',
    name: 'policy scale',
    run: async ctx => (await import('./policy-scale.js')).benchPolicyScale(ctx),
  },
  {
    section: '5',
    name: 'fetching 10,000 policies through the gateway',
    run: async ctx => (await import('./gateway-fetch.js')).benchGatewayFetch(ctx, RUNS_10K),
  },
  {
    section: '6',
    name: 'single executable vs node dist/cli.js',
    run: async ctx => (await import('./exe.js')).benchExe(ctx),
  },
  {
    section: '7',
    name: 'principal picker and keypol principals with 5,000 roles and users',
    run: async ctx => (await import('./principals.js')).benchPrincipals(ctx, RUNS_10K),
  },
  {
    section: '8',
    name: 'Grants tab with 2,000 grants',
    run: async ctx => (await import('./grants.js')).benchGrants(ctx, RUNS_10K),
  },
];

/** `BENCH_ONLY=2,3 npm run bench`: just those rows, for a quick loop (RESULTS.md is then left alone). */
const only = process.env.BENCH_ONLY?.split(',').map(s => s.trim());

async function main(): Promise<void> {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run npm run build first`);
  const root = tempRoot();
  const started = new Date();
  const startLoad = loadAverage();
  const t0 = performance.now();
  const rows: Row[] = [];
  try {
    for (const bench of BENCHES.filter(b => !only || only.includes(b.section))) {
      process.stderr.write(`${bench.section}. ${bench.name}…\n`);
      const ctx = createContext(cli, cwd, RUNS, root);
      const benchStart = performance.now();
      try {
        rows.push(...(await bench.run(ctx)));
      } catch (error) {
        // One broken row must not cost the others: it is reported as not measured.
        const message = error instanceof Error ? error.message : String(error);
        ctx.log(`failed: ${message}`);
        rows.push(notMeasured(bench.section, bench.name, `failed: ${message.split('\n')[0]}`));
      }
      process.stderr.write(`   (${((performance.now() - benchStart) / 1000).toFixed(1)} s)\n`);
    }
  } finally {
    rmSync(root, {recursive: true, force: true});
  }
  const totalS = (performance.now() - t0) / 1000;
  const table = markdownTable(rows);
  process.stdout.write(`\n${table}\n\nwhole run ${totalS.toFixed(0)} s\n`);
  if (only) return;
  writeFileSync(join(cwd, 'bench', 'RESULTS.md'), results(started, table, totalS, startLoad));
  process.stdout.write('written to bench/RESULTS.md\n');
}

function results(date: Date, table: string, totalS: number, startLoad: string): string {
  const notes = join(cwd, 'bench', 'NOTES.md');
  return [
    '# keypol benchmarks: latest results',
    '',
    'Written by `npm run bench` (bench/run.ts); do not edit by hand. Each figure is the median of',
    `its runs (${RUNS} for most, ${RUNS_10K} for the 10,000-key ones, more for the fast policy figures),`,
    'after one unmeasured warm-up run. Budgets are from issue 7. Everything runs against sandboxes the',
    'bench starts on 127.0.0.1.',
    '',
    `- date: ${date.toISOString().replace(/\.\d+Z$/, 'Z')}`,
    ...describeMachine().map(line => `- ${line}`),
    `- load average at start: ${startLoad}; at end: ${loadAverage()}`,
    `- whole run: ${totalS.toFixed(0)} s`,
    '',
    table,
    '',
    ...(existsSync(notes) ? [readFileSync(notes, 'utf8').trim(), ''] : []),
  ].join('\n');
}

await main();
