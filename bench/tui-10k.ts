// Row 3: the TUI against a standalone sandbox with 10,000 generated keys (plus the demo's) and
// 5 ms latency: start → first rows, filter keystroke → its frame, and peak RSS.
import type {BenchContext} from './context.js';
import {drive, hasKeyRows, startTuiOn, TimeoutError, type TuiSession} from './pty.js';
import {keystrokeCpuRows, measured, notMeasured, type Row} from './report.js';
import {startSandboxProcess} from './sandbox-process.js';

const SECTION = '3';
const FIRST_ROWS_BUDGET_MS = 1000;
const KEYSTROKE_BUDGET_MS = 30;
const RSS_BUDGET_MIB = 200;
const FIRST_ROWS_TIMEOUT_MS = 20_000;
const KEY_TIMEOUT_MS = 5000;
/** Filter keystrokes per run: a digit, then Backspace, this many times. */
const KEY_PAIRS = 5;
/** How long the last run waits for the background load of all metadata and policies. */
const FULL_LOAD_CAP_MS = 45_000;

const EDITING = /^ \/ (?!to filter)/m; // the filter bar while editing: " / " and the query
const FILTERED = / ([\d,]+) of ([\d,]+) keys/;
// Loaded when nothing follows the sort column (a truncated status line does not count as done).
const LOADED = /[\d,]+ keys · sort \S+ *$/m;
const pause = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

interface Keystrokes {
  times: number[];
  cpu: number[];
  wait: number[];
}

async function filterKeystrokes(session: TuiSession, into: Keystrokes): Promise<void> {
  await session.keyToFrame('/', s => EDITING.test(s), KEY_TIMEOUT_MS, 'the filter bar');
  // '7' narrows the list (aliases, ids, descriptions holding a 7): the frame shows "N of M keys".
  const strokes = [
    {key: '7', shown: (s: string) => FILTERED.test(s), what: 'the filtered list'},
    {key: '\x7f', shown: (s: string) => !FILTERED.test(s), what: 'the whole list again'},
  ];
  for (let i = 0; i < KEY_PAIRS * strokes.length; i++) {
    const {key, shown, what} = strokes[i % strokes.length]!;
    await pause(100);
    const before = session.sched();
    into.times.push(await session.keyToFrame(key, shown, KEY_TIMEOUT_MS, what));
    const after = session.sched();
    if (before && after) {
      into.cpu.push(after.cpuMs - before.cpuMs);
      into.wait.push(after.waitMs - before.waitMs);
    }
  }
}

const statusOf = (screen: string): string => / [\d,]+ keys · .*$/m.exec(screen)?.[0].trim() ?? '';

export async function benchTui10k(ctx: BenchContext, runs: number): Promise<Row[]> {
  const labels = {
    first: '10k keys: start → first rows',
    key: '10k keys: filter keystroke → frame',
    rss: '10k keys: peak RSS after first rows + 10 keystrokes',
    full: '10k keys: peak RSS after the background load',
  };
  const sandbox = await startSandboxProcess(ctx.cli, ['--keys', '10000', '--latency', '5']);
  const first: number[] = [];
  const strokes: Keystrokes = {times: [], cpu: [], wait: []};
  const keys = strokes.times;
  const rss: number[] = [];
  const cpu: number[] = [];
  const rows: Row[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const failed = await drive(ctx, startTuiOn(ctx, sandbox.endpoint), async session => {
        first.push(
          (await session.waitFor(hasKeyRows, FIRST_ROWS_TIMEOUT_MS, 'key rows')) - session.startedAt,
        );
        const used = session.cpuMs();
        if (used !== undefined) cpu.push(used);
        await pause(300);
        await filterKeystrokes(session, strokes);
        rss.push(session.peakRssMiB() ?? NaN);
        if (i === runs - 1) rows.push(await fullLoad(session, labels.full));
      });
      if (failed !== undefined) {
        if (first.length === 0) {
          return [
            notMeasured(SECTION, labels.first, failed, `≤ ${FIRST_ROWS_BUDGET_MS} ms`),
            notMeasured(SECTION, labels.key, 'needs key rows', `≤ ${KEYSTROKE_BUDGET_MS} ms`),
            notMeasured(SECTION, labels.rss, 'needs key rows', `≤ ${RSS_BUDGET_MIB} MiB`),
          ];
        }
        rows.push(notMeasured(SECTION, `10k keys: run ${i + 1}`, failed));
        break;
      }
    }
  } finally {
    await sandbox.stop();
  }
  const measuredRss = rss.filter(n => !Number.isNaN(n));
  return [
    measured(SECTION, labels.first, first, 'ms', FIRST_ROWS_BUDGET_MS),
    ...(cpu.length
      ? [measured(SECTION, '… CPU time used by the first rows', cpu, 'ms', undefined, '10 ms ticks')]
      : []),
    keys.length
      ? measured(SECTION, labels.key, keys, 'ms', KEYSTROKE_BUDGET_MS, 'each a digit or Backspace')
      : notMeasured(SECTION, labels.key, 'no keystroke measured', `≤ ${KEYSTROKE_BUDGET_MS} ms`),
    ...keystrokeCpuRows(SECTION, strokes.cpu, strokes.wait),
    measuredRss.length
      ? measured(SECTION, labels.rss, measuredRss, 'MiB', RSS_BUDGET_MIB)
      : notMeasured(SECTION, labels.rss, '/proc/PID/status unreadable', `≤ ${RSS_BUDGET_MIB} MiB`),
    ...rows,
  ];

  async function fullLoad(session: TuiSession, label: string): Promise<Row> {
    // Waits (capped) until the status line no longer counts metadata or policies still loading.
    // Esc first: while the filter is being edited, its field leaves the status line less room.
    session.write('\x1b');
    await pause(200);
    let note: string;
    try {
      const done = await session.waitFor(s => LOADED.test(s), FULL_LOAD_CAP_MS, 'everything loaded');
      note = `all loaded ${((done - session.startedAt) / 1000).toFixed(1)} s after start`;
    } catch (error) {
      if (!(error instanceof TimeoutError)) throw error;
      const after = ((performance.now() - session.startedAt) / 1000).toFixed(0);
      note = `load not finished ${after} s after start (${statusOf(session.screen())})`;
    }
    const peak = session.peakRssMiB();
    return peak === undefined
      ? notMeasured(SECTION, label, '/proc/PID/status unreadable')
      : measured(SECTION, label, [peak], 'MiB', RSS_BUDGET_MIB, note);
  }
}
