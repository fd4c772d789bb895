// What every benchmark gets from the runner.
import {mkdtempSync, readFileSync} from 'node:fs';
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

/**
 * The Node flags the built CLI's shebang asks for (`#!/usr/bin/env -S node FLAGS`): the bench runs
 * `process.execPath` (the project's Node 24) with them, which is how the installed bin runs.
 */
export function cliNodeFlags(cli: string): string[] {
  const first = readFileSync(cli, 'utf8').split('\n', 1)[0] ?? '';
  return /^#!\/usr\/bin\/env -S node\s+(.*)$/.exec(first)?.[1]?.split(/\s+/).filter(Boolean) ?? [];
}
