// Row 7: the access wizard's principal picker against a standalone sandbox with 5,000 generated
// roles and users (plus the demo's): "Add a key user" (Enter) → the picker's first frame with rows,
// a filter keystroke → its frame, and `keypol principals --json` wall time.
import {cliNodeFlags, type BenchContext} from './context.js';
import {measureCommand} from './proc.js';
import {drive, filterToKey, startTuiOn, TimeoutError, type TuiSession} from './pty.js';
import {keystrokeCpuRows, measured, notMeasured, type Row} from './report.js';
import {clientEnv, startSandboxProcess} from './sandbox-process.js';

const SECTION = '7';
const PRINCIPALS = 5000;
const FIRST_FRAME_BUDGET_MS = 1000;
const KEYSTROKE_BUDGET_MS = 30;
const TIMEOUT_MS = 20_000;
const BACKSPACE = '\x7f';
// Words typed a letter at a time and erased, as an operator looks for a role: each new letter
// searches (a repeated letter and Backspace would mostly find the filter's kept answers).
const TYPED = [...'adm', ...BACKSPACE.repeat(3), ...'ops', ...BACKSPACE.repeat(3)];
// The picker's status line ("5,290 of 5,290 · …"), shown once the listing is in: at a line's
// start, so that the wizard's heading ("Step 2 of 5 · Which principal?") does not count.
const COUNT = /^(\d[\d,]*) of (\d[\d,]*) · /m;
const pause = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));
/** The picker's rows for `query`: the field holds exactly it (the placeholder when empty). */
const shows = (screen: string, query: string): boolean =>
  COUNT.test(screen) &&
  screen
    .split('\n')
    .some(l => l.startsWith('› ') && (query ? l.slice(2).trim() === query : l.includes('name, path or arn')));
const cursorLine = (screen: string) => screen.split('\n').find(l => l.trimStart().startsWith('❯')) ?? '';

/** Key list → console-v3 → a → the cursor on "Add a key user" (not yet chosen). */
async function toAddUser(session: TuiSession): Promise<void> {
  await filterToKey(session, 'console-v3', TIMEOUT_MS);
  await session.keyToFrame('\r', s => s.includes('"Statement"'), TIMEOUT_MS, 'the key');
  for (let i = 0; ; i++) {
    session.write('a');
    try {
      await session.waitFor(s => s.includes('What do you want to change?'), 2000, 'the wizard');
      break;
    } catch (error) {
      if (!(error instanceof TimeoutError) || i > 10) throw error;
    }
  }
  while (!cursorLine(session.screen()).includes('Add a key user')) {
    const before = cursorLine(session.screen());
    await session.keyToFrame('\x1b[B', s => cursorLine(s) !== before, TIMEOUT_MS, 'the next choice');
  }
}

export async function benchPrincipals(ctx: BenchContext, runs: number): Promise<Row[]> {
  const labels = {
    first: `${PRINCIPALS.toLocaleString('en-US')} principals: "Add a key user" → picker's first rows`,
    key: `${PRINCIPALS.toLocaleString('en-US')} principals: filter keystroke → frame`,
    cli: `keypol principals --json (${PRINCIPALS.toLocaleString('en-US')} + demo)`,
  };
  const sandbox = await startSandboxProcess(ctx.cli, ['--principals', String(PRINCIPALS)]);
  const first: number[] = [];
  const keys: number[] = [];
  const keyCpu: number[] = [];
  const keyWait: number[] = [];
  const cli: number[] = [];
  const rows: Row[] = [];
  try {
    const env = clientEnv(ctx.tempDir('state'), ctx.tempDir('home'));
    for (let i = 0; i < runs; i++) {
      const result = await measureCommand(
        [
          process.execPath,
          ...cliNodeFlags(ctx.cli),
          ctx.cli,
          'principals',
          '--json',
          '--endpoint-url',
          sandbox.endpoint,
          '--region',
          'us-east-1',
        ],
        env,
      );
      if (result.exitCode !== 0) {
        throw new Error(`keypol principals exited ${result.exitCode}: ${result.stderr}`);
      }
      cli.push(result.wallMs);
    }
    for (let i = 0; i < runs; i++) {
      const failed = await drive(ctx, startTuiOn(ctx, sandbox.endpoint), async session => {
        await toAddUser(session);
        first.push(await session.keyToFrame('\r', s => COUNT.test(s), TIMEOUT_MS, 'the picker rows'));
        let query = '';
        for (const key of TYPED) {
          query = key === BACKSPACE ? query.slice(0, -1) : query + key;
          const typed = query;
          await pause(100);
          const before = session.sched();
          keys.push(
            await session.keyToFrame(key, s => shows(s, typed), TIMEOUT_MS, `the rows for "${typed}"`),
          );
          const after = session.sched();
          if (before && after) {
            keyCpu.push(after.cpuMs - before.cpuMs);
            keyWait.push(after.waitMs - before.waitMs);
          }
        }
      });
      if (failed !== undefined) {
        rows.push(notMeasured(SECTION, `picker run ${i + 1}`, failed));
        break;
      }
    }
  } finally {
    await sandbox.stop();
  }
  return [
    first.length
      ? measured(
          SECTION,
          labels.first,
          first,
          'ms',
          FIRST_FRAME_BUDGET_MS,
          'IAM listing included (first visit)',
        )
      : notMeasured(SECTION, labels.first, 'no run finished', `≤ ${FIRST_FRAME_BUDGET_MS} ms`),
    keys.length
      ? measured(SECTION, labels.key, keys, 'ms', KEYSTROKE_BUDGET_MS, 'typing adm and ops, each erased')
      : notMeasured(SECTION, labels.key, 'no keystroke measured', `≤ ${KEYSTROKE_BUDGET_MS} ms`),
    ...keystrokeCpuRows(SECTION, keyCpu, keyWait),
    measured(SECTION, labels.cli, cli, 'ms', undefined, 'wall time, node dist/cli.js'),
    ...rows,
  ];
}
