// Driving ink-testing-library like an operator: one key per write, then wait for the frame that
// answers it. Test files set COLUMNS/LINES before importing ink (stack.md: ink 8 otherwise runs
// `tput` on every frame).
import type {render} from 'ink-testing-library';

export type Rendered = ReturnType<typeof render>;

export const KEY = {
  up: '\u001B[A',
  down: '\u001B[B',
  right: '\u001B[C',
  left: '\u001B[D',
  pageDown: '\u001B[6~',
  pageUp: '\u001B[5~',
  enter: '\r',
  escape: '\u001B',
  backspace: '\u007F',
  tab: '\t',
  ctrlC: '\u0003',
} as const;

const delay = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/** Waits until the last frame satisfies `check` (a substring or a predicate). */
export async function waitForFrame(
  r: Rendered,
  check: string | ((frame: string) => boolean),
  timeoutMs = 15_000, // a ceiling for a loaded machine; a passing wait returns as soon as the frame shows
): Promise<string> {
  const ok = typeof check === 'string' ? (f: string) => f.includes(check) : check;
  const end = Date.now() + timeoutMs;
  for (;;) {
    const frame = r.lastFrame() ?? '';
    if (ok(frame)) return frame;
    if (Date.now() > end) throw new Error(`timed out waiting for ${String(check)}; last frame:\n${frame}`);
    await delay(5);
  }
}

/** Writes one key and waits for a new frame (or returns after `quietMs` if the key changes nothing). */
export async function press(r: Rendered, key: string, quietMs = 300): Promise<string> {
  const before = r.frames.length;
  r.stdin.write(key);
  const end = Date.now() + quietMs;
  while (r.frames.length === before && Date.now() < end) await delay(2);
  await delay(2);
  return r.lastFrame() ?? '';
}

/**
 * Esc, and wait for the frame it makes. Ink holds a lone ESC for 20 ms to see whether a sequence
 * follows: a key written before that timer fires (a loaded machine fires it late) is read as
 * Alt+key, as in any terminal. So the next key waits for Esc's own frame, however long it takes.
 */
export async function pressEscape(r: Rendered): Promise<string> {
  const before = r.frames.length;
  r.stdin.write(KEY.escape);
  return waitForFrame(r, () => r.frames.length > before);
}

export async function type(r: Rendered, text: string): Promise<string> {
  for (const ch of text) await press(r, ch);
  return r.lastFrame() ?? '';
}
