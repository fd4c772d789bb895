// A real terminal for end-to-end tests: the built CLI in a pseudo-terminal (node-pty), its output
// parsed by a headless xterm, so assertions read the screen an operator would see.
import pty from 'node-pty';
import xterm from '@xterm/headless'; // CJS: the default import is the one that works in ESM (stack.md)
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

const {Terminal} = xterm;

export interface TerminalSession {
  term: InstanceType<typeof Terminal>;
  /** KEYPOL_STATE_DIR of the run (backups, saved grants, the audit log). */
  stateDir: string;
  /** Every byte the program wrote, for escape-sequence assertions. */
  output(): string;
  titles: string[];
  screen(): string;
  lines(): string[];
  waitFor(check: string | RegExp | ((screen: string) => boolean), timeoutMs?: number): Promise<string>;
  write(data: string): void;
  signal(name: string): void;
  resize(cols: number, rows: number): void;
  exited: Promise<number>;
  dispose(): void;
}

export interface StartOptions {
  cols?: number;
  rows?: number;
  env?: Record<string, string>;
  /** The program and its first arguments: by default this Node running dist/cli.js. */
  command?: string[];
  /** Start from `env` alone (plus TERM and the state dirs), not from this process's environment. */
  cleanEnv?: boolean;
  cwd?: string;
}

export function startKeypol(
  args: string[],
  {
    cols = 80,
    rows = 24,
    env = {},
    command = [process.execPath, 'dist/cli.js'],
    cleanEnv = false,
    cwd = process.cwd(),
  }: StartOptions = {},
): TerminalSession {
  const stateDir = mkdtempSync(join(tmpdir(), 'keypol-e2e-'));
  const childEnv: Record<string, string> = {};
  if (!cleanEnv) for (const [k, v] of Object.entries(process.env)) if (v !== undefined) childEnv[k] = v;
  delete childEnv.CI; // any CI value makes Ink silent until exit (stack.md, trap 1)
  delete childEnv.NO_COLOR;
  Object.assign(
    childEnv,
    {TERM: 'xterm-256color', KEYPOL_STATE_DIR: stateDir, XDG_CONFIG_HOME: stateDir},
    env,
  );

  const term = new Terminal({cols, rows, allowProposedApi: true});
  const titles: string[] = [];
  term.onTitleChange(title => titles.push(title));
  let raw = '';
  const [program = process.execPath, ...first] = command;
  const child = pty.spawn(program, [...first, ...args], {
    name: 'xterm-256color',
    cols,
    rows,
    cwd,
    env: childEnv,
  });
  child.onData(data => {
    raw += data;
    term.write(data);
  });
  const exited = new Promise<number>(resolve => child.onExit(({exitCode}) => resolve(exitCode)));
  const flush = () => new Promise<void>(resolve => term.write('', resolve));
  const lines = () => {
    const buffer = term.buffer.active;
    return Array.from(
      {length: term.rows},
      (_, i) => buffer.getLine(buffer.viewportY + i)?.translateToString(true) ?? '',
    );
  };
  const screen = () => lines().join('\n');

  return {
    term,
    stateDir,
    output: () => raw,
    titles,
    screen,
    lines,
    async waitFor(check, timeoutMs = 10_000) {
      const ok =
        typeof check === 'string'
          ? (s: string) => s.includes(check)
          : check instanceof RegExp
            ? (s: string) => check.test(s)
            : check;
      const end = Date.now() + timeoutMs;
      for (;;) {
        await flush();
        const now = screen();
        if (ok(now)) return now;
        if (Date.now() > end) throw new Error(`timed out waiting for ${String(check)}; screen:\n${now}`);
        await new Promise(resolve => setTimeout(resolve, 20));
      }
    },
    write: data => child.write(data),
    signal: name => child.kill(name),
    resize(c, r) {
      // The screen model first: output already on its way then lands in a terminal of the new size.
      term.resize(c, r);
      child.resize(c, r);
    },
    exited,
    dispose() {
      try {
        child.kill();
      } catch {
        // already gone
      }
      term.dispose();
      rmSync(stateDir, {recursive: true, force: true});
    },
  };
}

/** The line the picker or a choice list marks as selected. */
export const cursorLine = (s: TerminalSession): string =>
  s.lines().find(l => l.trimStart().startsWith('❯')) ?? '';

/** A us-east-1 key's policy as the in-process sandbox persisted it under `stateDir`. */
export function storedPolicy(stateDir: string, keyId: string): string {
  const state = JSON.parse(readFileSync(join(stateDir, 'sandbox', 'state.json'), 'utf8')) as {
    regions: Record<string, {keys: {keyId: string; policy: unknown}[]}>;
  };
  const key = state.regions['us-east-1']?.keys.find(k => k.keyId === keyId);
  return typeof key?.policy === 'string' ? key.policy : '';
}
