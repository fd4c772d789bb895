// Row 2: `keypol --sandbox` (the demo account, in-process sandbox) in a pseudo-terminal at 80×24:
// from process start to the first frame that shows key rows. With it, to see where the time goes:
// the first frame of any kind, the CPU the process used by the first rows, and the same start-up
// without the UI (`keypol --sandbox list --json`).
import {cliNodeFlags, type BenchContext} from './context.js';
import {measureCommand} from './proc.js';
import {drive, hasKeyRows, startTui} from './pty.js';
import {measured, notMeasured, type Row} from './report.js';
import {clientEnv} from './sandbox-process.js';

const SECTION = '2';
const LABEL = 'TUI start → first frame with key rows (demo, 80×24)';
const BUDGET_MS = 500;
const TIMEOUT_MS = 15_000;
const EXIT_CAP_MS = 10_000;

export async function benchTuiStart(ctx: BenchContext): Promise<Row[]> {
  const rowsAt: number[] = [];
  const anyAt: number[] = [];
  const cpu: number[] = [];
  const rss: number[] = [];
  let exitMs: number | undefined;
  for (let i = 0; i <= ctx.runs; i++) {
    const failed = await drive(ctx, startTui(ctx, [ctx.cli, '--sandbox']), async session => {
      const painted = await session.waitFor(s => s.trim() !== '', TIMEOUT_MS, 'any output');
      const shown = await session.waitFor(hasKeyRows, TIMEOUT_MS, 'key rows');
      const [used, peak] = [session.cpuMs(), session.peakRssMiB()];
      // The first run warms the page cache and is not counted (as in every row).
      if (i > 0) {
        anyAt.push(painted - session.startedAt);
        rowsAt.push(shown - session.startedAt);
        if (used !== undefined) cpu.push(used);
        if (peak !== undefined) rss.push(peak);
      }
      if (i === ctx.runs) exitMs = await session.quit(EXIT_CAP_MS);
    });
    if (failed !== undefined) return [notMeasured(SECTION, LABEL, failed, `≤ ${BUDGET_MS} ms`)];
  }
  const rows = [
    measured(SECTION, LABEL, rowsAt, 'ms', BUDGET_MS),
    measured(SECTION, '… TUI start → first frame of any kind', anyAt, 'ms'),
  ];
  if (cpu.length)
    rows.push(measured(SECTION, '… CPU time used by the first rows', cpu, 'ms', undefined, '10 ms ticks'));
  if (rss.length) rows.push(measured(SECTION, '… peak RSS at the first rows', rss, 'MiB'));
  rows.push(await withoutUi(ctx));
  rows.push(
    exitMs === undefined
      ? notMeasured(SECTION, '… q → process exit', `still running ${EXIT_CAP_MS / 1000} s after q (killed)`)
      : measured(SECTION, '… q → process exit', [exitMs], 'ms'),
  );
  return rows;
}

/** The same start (in-process sandbox, list keys + aliases, describe) with no Ink and no React. */
async function withoutUi(ctx: BenchContext): Promise<Row> {
  const env = clientEnv(ctx.tempDir('state'), ctx.tempDir('home'));
  const times: number[] = [];
  for (let i = 0; i <= ctx.runs; i++) {
    const run = await measureCommand(
      [process.execPath, ...cliNodeFlags(ctx.cli), ctx.cli, '--sandbox', 'list', '--json'],
      env,
    );
    if (run.exitCode !== 0) {
      return notMeasured(SECTION, '… keypol --sandbox list --json (no UI)', `exit code ${run.exitCode}`);
    }
    if (i > 0) times.push(run.wallMs);
  }
  return measured(SECTION, '… keypol --sandbox list --json (no UI): wall time', times, 'ms');
}
