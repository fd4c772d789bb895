// Reading a policy file named on the command line (or "-" for stdin).
import {readFile} from 'node:fs/promises';
import {resolve} from 'node:path';
import {text as readAll} from 'node:stream/consumers';
import {UsageError} from './exit.js';
import type {CommandContext} from './context.js';

export async function readPolicyFile(ctx: CommandContext, file: string): Promise<string> {
  if (file === '-') return readAll(ctx.stdin);
  try {
    return await readFile(resolve(ctx.cwd, file), 'utf8');
  } catch (error) {
    throw new UsageError(
      `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
}
