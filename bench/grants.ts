// Row 8: the Grants tab of alias/many-grants (2,000 grants, 20 ListGrants pages) against a standalone
// demo sandbox: `5` → the first grant rows, `5` → all 2,000 listed, process start → first rows
// (includes driving the key list to the key), and a filter keystroke → its frame.
import {formatCount} from '../source/policy/index.js';
import type {BenchContext} from './context.js';
import {drive, filterToKey, startTuiOn, type TuiSession} from './pty.js';
import {measured, notMeasured, type Row} from './report.js';
import {startSandboxProcess} from './sandbox-process.js';

const SECTION = '8';
const GRANTS = 2000;
const FIRST_ROWS_BUDGET_MS = 1000;
const KEYSTROKE_BUDGET_MS = 30;
const TIMEOUT_MS = 30_000;
const KEY_PAIRS = 5;
// A grant row starts with its id (cut short with …), after the cursor column.
const GRANT_ROW = /^[ ›] [0-9a-f]{8}/m;
const SHOWN = formatCount(GRANTS); // as keypol prints counts: 2,000
const ALL = new RegExp(`(^|\\s)${SHOWN} grants`);
const FILTERED = new RegExp(`[\\d,]+ of ${SHOWN} grants`);
const pause = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/** Key list → alias/many-grants, its policy shown (the detail screen then takes keys). */
async function toKey(session: TuiSession): Promise<void> {
  await filterToKey(session, 'many-grants', TIMEOUT_MS);
  await session.keyToFrame('\r', s => /lines 1–\d+ of \d+/.test(s), TIMEOUT_MS, 'the policy');
}

export async function benchGrants(ctx: BenchContext, runs: number): Promise<Row[]> {
  const labels = {
    first: `Grants tab, ${SHOWN} grants: 5 → first grant rows`,
    all: `Grants tab, ${SHOWN} grants: 5 → all listed`,
    start: `Grants tab, ${SHOWN} grants: process start → first grant rows`,
    key: `Grants tab, ${SHOWN} grants: filter keystroke → frame`,
  };
  const sandbox = await startSandboxProcess(ctx.cli, []);
  const first: number[] = [];
  const all: number[] = [];
  const start: number[] = [];
  const keys: number[] = [];
  const rows: Row[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const failed = await drive(ctx, startTuiOn(ctx, sandbox.endpoint), async session => {
        await toKey(session);
        const everything = session.waitFor(s => ALL.test(s), TIMEOUT_MS, `${SHOWN} grants`);
        const sent = performance.now();
        const shown = await session.keyToFrame('5', s => GRANT_ROW.test(s), TIMEOUT_MS, 'grant rows');
        first.push(shown);
        start.push(sent + shown - session.startedAt);
        all.push((await everything) - sent);
        await session.keyToFrame('/', s => s.includes('id, name, grantee'), TIMEOUT_MS, 'the filter field');
        await session.waitFor(s => s.includes('keep filter'), TIMEOUT_MS, "the filter field's footer");
        for (let k = 0; k < KEY_PAIRS; k++) {
          await pause(100);
          // 'q' is in no grant's text: every row goes; Backspace brings them back.
          keys.push(await session.keyToFrame('q', s => FILTERED.test(s), TIMEOUT_MS, 'filtered'));
          await pause(100);
          keys.push(
            await session.keyToFrame('\x7f', s => ALL.test(s) && !FILTERED.test(s), TIMEOUT_MS, 'all rows'),
          );
        }
      });
      if (failed !== undefined) {
        rows.push(notMeasured(SECTION, `grants run ${i + 1}`, failed));
        break;
      }
    }
  } finally {
    await sandbox.stop();
  }
  const none = (label: string, budget = '') => notMeasured(SECTION, label, 'no run finished', budget);
  return [
    first.length
      ? measured(SECTION, labels.first, first, 'ms', FIRST_ROWS_BUDGET_MS, 'first ListGrants page')
      : none(labels.first, `≤ ${FIRST_ROWS_BUDGET_MS} ms`),
    all.length ? measured(SECTION, labels.all, all, 'ms', undefined, '20 pages of 100') : none(labels.all),
    start.length
      ? measured(SECTION, labels.start, start, 'ms', undefined, 'includes opening the key by keys')
      : none(labels.start),
    keys.length
      ? measured(SECTION, labels.key, keys, 'ms', KEYSTROKE_BUDGET_MS, 'each q or Backspace, all pages read')
      : none(labels.key, `≤ ${KEYSTROKE_BUDGET_MS} ms`),
    ...rows,
  ];
}
