// Row 6: the single executable (npm run build:exe) against `node dist/cli.js`, the npm bundle on the
// same Node 24: its size, TUI start → first key rows on the demo account and the peak RSS there, and
// `--sandbox list --json`. The two alternate run by run, so machine load falls on both alike.
// BENCH_EXE=path[,path…] compares other executables too (how the candidates in README were measured).
import {existsSync, statSync} from 'node:fs';
import {join} from 'node:path';
import {cliNodeFlags, type BenchContext} from './context.js';
import {measureCommand} from './proc.js';
import {drive, hasKeyRows, startTui} from './pty.js';
import {measured, notMeasured, type Row} from './report.js';
import {clientEnv} from './sandbox-process.js';

const SECTION = '6';
const TIMEOUT_MS = 15_000;

interface Variant {
  name: string;
  /** The command before keypol's own arguments. */
  command: string[];
  rowsAt: number[];
  cpu: number[];
  rss: number[];
  listMs: number[];
  listCpu: number[];
  listRss: number[];
}

export async function benchExe(ctx: BenchContext): Promise<Row[]> {
  const exes = (process.env.BENCH_EXE ?? join(ctx.cwd, 'dist-exe', 'keypol-linux-x64')).split(',');
  const missing = exes.find(e => !existsSync(e));
  if (missing) return [notMeasured(SECTION, 'single executable', `${missing} is missing: npm run build:exe`)];
  const variant = (name: string, command: string[]): Variant => ({
    name,
    command,
    rowsAt: [],
    cpu: [],
    rss: [],
    listMs: [],
    listCpu: [],
    listRss: [],
  });
  const variants = [
    variant('node dist/cli.js', [process.execPath, ...cliNodeFlags(ctx.cli), ctx.cli]),
    ...exes.map(e => variant(e.replace(`${ctx.cwd}/`, ''), [e])),
  ];
  for (let i = 0; i <= ctx.runs; i++) {
    for (const v of variants) {
      const [program, ...pre] = v.command as [string, ...string[]];
      const failed = await drive(ctx, startTui(ctx, [...pre, '--sandbox'], program), async session => {
        const shown = await session.waitFor(hasKeyRows, TIMEOUT_MS, 'key rows');
        const [used, peak] = [session.cpuMs(), session.peakRssMiB()];
        // The first run warms the page cache and is not counted (as in every row).
        if (i > 0) {
          v.rowsAt.push(shown - session.startedAt);
          if (used !== undefined) v.cpu.push(used);
          if (peak !== undefined) v.rss.push(peak);
        }
      });
      if (failed !== undefined) return [notMeasured(SECTION, `${v.name}: first key rows`, failed)];
      const env = clientEnv(ctx.tempDir('state'), ctx.tempDir('home'));
      const run = await measureCommand([...v.command, '--sandbox', 'list', '--json'], env);
      if (run.exitCode !== 0) return [notMeasured(SECTION, `${v.name} list`, `exit code ${run.exitCode}`)];
      if (i > 0) {
        v.listMs.push(run.wallMs);
        v.listCpu.push(run.cpuMs);
        v.listRss.push(run.peakRssMiB);
      }
    }
  }
  const rows: Row[] = exes.map(e =>
    measured(
      SECTION,
      `executable size: ${e.replace(`${ctx.cwd}/`, '')}`,
      [statSync(e).size / 2 ** 20],
      'MiB',
    ),
  );
  for (const v of variants) {
    rows.push(
      measured(SECTION, `${v.name}: TUI start → first key rows (demo, 80×24)`, v.rowsAt, 'ms'),
      measured(
        SECTION,
        `${v.name}: … CPU time used by the first rows`,
        v.cpu,
        'ms',
        undefined,
        '10 ms ticks',
      ),
      measured(SECTION, `${v.name}: … peak RSS at the first rows`, v.rss, 'MiB'),
      measured(SECTION, `${v.name}: --sandbox list --json wall time`, v.listMs, 'ms'),
      measured(SECTION, `${v.name}: … its CPU time`, v.listCpu, 'ms'),
      measured(SECTION, `${v.name}: … its peak RSS`, v.listRss, 'MiB'),
    );
  }
  return rows;
}
