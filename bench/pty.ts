// keypol's TUI in a real pseudo-terminal (node-pty) with an exact screen model (@xterm/headless):
// times are taken when the bytes that complete a frame arrive from the pty, not when we poll.
import {readdirSync, readFileSync, writeSync} from 'node:fs';
import pty from 'node-pty';
import xterm from '@xterm/headless'; // CJS: only the default import works in ESM (stack.md, trap 8)
import {cliNodeFlags, type BenchContext} from './context.js';
import {clientEnv} from './sandbox-process.js';

export interface TuiOptions {
  args: string[];
  /** A program to run as itself (keypol's single executable) instead of this Node. */
  executable?: string;
  env: Record<string, string>;
  cwd: string;
  cols?: number;
  rows?: number;
}

export class TimeoutError extends Error {}

type Check = {test: (screen: string) => boolean; resolve: (at: number) => void};

export class TuiSession {
  /** performance.now() just before the process was spawned. */
  readonly startedAt: number;
  private readonly term: InstanceType<typeof xterm.Terminal>;
  private readonly proc: pty.IPty;
  private readonly checks = new Set<Check>();
  private readonly exited: Promise<number>;
  private done = false;

  constructor(options: TuiOptions) {
    const cols = options.cols ?? 80;
    const rows = options.rows ?? 24;
    this.term = new xterm.Terminal({cols, rows, allowProposedApi: true});
    const env: Record<string, string> = {...options.env, TERM: 'xterm-256color'};
    delete env.CI; // with CI set (even empty) Ink writes nothing until unmount (stack.md, trap 1)
    this.startedAt = performance.now();
    // The CLI runs with its shebang's Node flags, as the installed bin does.
    const [script, ...rest] = options.args;
    const args = script?.endsWith('.js') ? [...cliNodeFlags(script), script, ...rest] : options.args;
    this.proc = pty.spawn(options.executable ?? process.execPath, args, {
      name: 'xterm-256color',
      cols,
      rows,
      cwd: options.cwd,
      env,
    });
    this.exited = new Promise(resolve =>
      this.proc.onExit(({exitCode}) => {
        this.done = true;
        resolve(exitCode);
      }),
    );
    this.proc.onData(data => {
      const arrived = performance.now();
      // The write callback runs once xterm has parsed these bytes: the screen is then current.
      this.term.write(data, () => this.runChecks(arrived));
    });
  }

  get pid(): number {
    return this.proc.pid;
  }

  /** The visible screen only: stale frames that scrolled off must not satisfy a check. */
  screen(): string {
    const buffer = this.term.buffer.active;
    const lines: string[] = [];
    for (let i = buffer.baseY; i < buffer.baseY + this.term.rows; i++) {
      lines.push(buffer.getLine(i)?.translateToString(true) ?? '');
    }
    return lines.join('\n').trimEnd();
  }

  /** Resolves with the arrival time of the bytes after which `test(screen)` first holds. */
  waitFor(test: (screen: string) => boolean, timeoutMs: number, what: string): Promise<number> {
    if (test(this.screen())) return Promise.resolve(performance.now());
    return this.nextFrame(test, timeoutMs, what);
  }

  /** Sends one key and returns the ms until the frame that satisfies `test` arrived. */
  async keyToFrame(
    key: string,
    test: (screen: string) => boolean,
    timeoutMs: number,
    what: string,
  ): Promise<number> {
    const waiting = this.nextFrame(test, timeoutMs, what);
    const sent = performance.now();
    this.send(key);
    return (await waiting) - sent;
  }

  /** Peak resident set size so far (VmHWM), in MiB; undefined where /proc is missing. */
  peakRssMiB(): number | undefined {
    try {
      const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${this.pid}/status`, 'utf8'));
      return match ? Number(match[1]) / 1024 : undefined;
    } catch {
      return undefined;
    }
  }

  write(data: string): void {
    this.send(data);
  }

  /** CPU time (user + system) the process has used so far, in ms (10 ms resolution). */
  cpuMs(): number | undefined {
    try {
      const stat = readFileSync(`/proc/${this.pid}/stat`, 'utf8');
      // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return (Number(fields[11]) + Number(fields[12])) * 10; // clock ticks of 10 ms (USER_HZ 100)
    } catch {
      return undefined;
    }
  }

  /**
   * CPU time the process has run so far and time it waited, ready, for a CPU (the run queue), in
   * ms, summed over its threads (/proc/PID/task/TID/schedstat, nanoseconds): the difference over
   * one keystroke tells a slow program (CPU) from a busy machine (waiting). Undefined without /proc.
   */
  sched(): {cpuMs: number; waitMs: number} | undefined {
    let tids: string[];
    try {
      tids = readdirSync(`/proc/${this.pid}/task`);
    } catch {
      return undefined;
    }
    let cpu = 0;
    let wait = 0;
    for (const tid of tids) {
      try {
        const [run = 0, queued = 0] = readFileSync(`/proc/${this.pid}/task/${tid}/schedstat`, 'utf8')
          .split(' ')
          .map(Number);
        cpu += run;
        wait += queued;
      } catch {
        // The thread ended while we read: its time is no longer counted anywhere.
      }
    }
    return {cpuMs: cpu / 1e6, waitMs: wait / 1e6};
  }

  /** `q`, then the ms until the process exited, or undefined if it was killed after `capMs`. */
  async quit(capMs = 3000): Promise<number | undefined> {
    const sent = performance.now();
    this.send('q');
    let killed = false;
    const timer = setTimeout(() => {
      killed = true;
      this.proc.kill('SIGKILL');
    }, capMs);
    await this.exited;
    clearTimeout(timer);
    return killed ? undefined : performance.now() - sent;
  }

  /** SIGKILL, unless the process has already exited. */
  kill(): Promise<number> {
    if (!this.done) this.proc.kill('SIGKILL');
    return this.exited;
  }

  /**
   * Writes to the terminal at once. node-pty's own write is an fs.write on libuv's thread pool,
   * whose thread on a busy machine waits for a CPU before the key reaches keypol (up to ~30 ms
   * seen at load 12): a delay the figures would charge to keypol.
   */
  private send(data: string): void {
    const bytes = Buffer.from(data);
    let written = 0;
    const fd = (this.proc as unknown as {fd?: number}).fd;
    try {
      if (typeof fd === 'number') written = writeSync(fd, bytes);
    } catch {
      // EAGAIN (the terminal's buffer is full): what is left goes through node-pty's queue.
    }
    if (written < bytes.length) this.proc.write(bytes.subarray(written));
  }

  /** Like waitFor, but only a frame arriving from now on counts, not the current screen. */
  private nextFrame(test: (screen: string) => boolean, timeoutMs: number, what: string): Promise<number> {
    return new Promise((resolve, reject) => {
      const check: Check = {
        test,
        resolve: at => {
          clearTimeout(timer);
          this.checks.delete(check);
          resolve(at);
        },
      };
      const timer = setTimeout(() => {
        this.checks.delete(check);
        reject(new TimeoutError(`no frame with ${what} after ${timeoutMs} ms; screen:\n${this.screen()}`));
      }, timeoutMs);
      this.checks.add(check);
    });
  }

  private runChecks(arrived: number): void {
    if (this.checks.size === 0) return;
    const screen = this.screen();
    for (const check of [...this.checks]) if (check.test(screen)) check.resolve(arrived);
  }
}

/** A frame shows key rows when a line holds a key id (a UUID's first group, or an mrk- id). */
export const KEY_ROW = /(^|\s)(?:[0-9a-f]{8}-|mrk-[0-9a-f])/m;
export const hasKeyRows = (screen: string): boolean => KEY_ROW.test(screen);

/** keypol's TUI at 80×24 with a fresh state directory and home, as a first-time operator starts it. */
export function startTui(ctx: BenchContext, args: string[], executable?: string): TuiSession {
  return new TuiSession({
    executable,
    args,
    env: clientEnv(ctx.tempDir('state'), ctx.tempDir('home')),
    cwd: ctx.cwd,
  });
}

/** keypol's TUI on a standalone sandbox (bench/sandbox-process.ts) at its endpoint. */
export const startTuiOn = (ctx: BenchContext, endpoint: string): TuiSession =>
  startTui(ctx, [ctx.cli, '--endpoint-url', endpoint, '--region', 'us-east-1']);

/**
 * Runs `steps` on the session, then kills it. A frame that never came is a figure not measured,
 * not a failed bench: its reason (the message up to the screen dump, which goes to the log) is
 * returned. Any other error is thrown.
 */
export async function drive(
  ctx: BenchContext,
  session: TuiSession,
  steps: (session: TuiSession) => Promise<void>,
): Promise<string | undefined> {
  try {
    await steps(session);
    return undefined;
  } catch (error) {
    if (!(error instanceof TimeoutError)) throw error;
    ctx.log(error.message);
    return error.message.split(';')[0] ?? '';
  } finally {
    await session.kill();
  }
}

/** Key list → the one key whose name holds `name`, typed into the filter; Enter keeps the filter. */
export async function filterToKey(session: TuiSession, name: string, timeoutMs: number): Promise<void> {
  await session.waitFor(hasKeyRows, timeoutMs, 'key rows');
  await session.keyToFrame('/', s => /^ \/ /m.test(s), timeoutMs, 'the filter bar');
  for (const ch of name) session.write(ch);
  await session.waitFor(s => /1 of [\d,]+ keys/.test(s), timeoutMs, 'one key');
  await session.keyToFrame('\r', s => s.includes(`filter ${name}`), timeoutMs, 'the filter kept');
}
