// One updating line on stderr for long runs ("described 1,200/2,018 keys"), for a person at a
// terminal only: a pipe or a log file gets nothing, so scripts see clean stderr.
import {emit} from './output.js';
import type {OutputStream} from './context.js';

export interface Progress {
  /** Replaces the line; redraws at most ten times a second, except for the first and last step. */
  update(done: number, total: number): void;
  /** Clears the line, so what follows starts at column 0 of a clean line. */
  clear(): void;
}

const INTERVAL_MS = 100;
const CLEAR_LINE = '\r\x1b[K';

export function progressLine(
  stream: OutputStream,
  describe: (done: number, total: number) => string,
): Progress {
  if (!stream.isTTY) return {update() {}, clear() {}};
  let shown = false;
  let last = 0;
  return {
    update(done, total) {
      const now = Date.now();
      if (shown && done !== total && now - last < INTERVAL_MS) return;
      shown = true;
      last = now;
      emit(stream, `${CLEAR_LINE}${describe(done, total)}`);
    },
    clear() {
      if (shown) emit(stream, CLEAR_LINE);
      shown = false;
    },
  };
}
