// What every benchmark gets from the runner.
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

export interface BenchContext {
  /** The built CLI (dist/cli.js), run with this same Node. */
  cli: string;
  cwd: string;
  /** Measured runs per figure (the 10,000-key figures use fewer). */
  runs: number;
  log: (line: string) => void;
  /** A fresh temporary directory (removed with the rest by the runner). */
  tempDir: (name: string) => string;
}

export function createContext(cli: string, cwd: string, runs: number, root: string): BenchContext {
  return {
    cli,
    cwd,
    runs,
    log: line => process.stderr.write(`  ${line}\n`),
    tempDir: name => mkdtempSync(join(root, `${name}-`)),
  };
}

export const tempRoot = (): string => mkdtempSync(join(tmpdir(), 'keypol-bench-'));
