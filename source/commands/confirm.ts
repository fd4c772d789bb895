// Asking before a change. A prompt is only shown to a person at a terminal: with no TTY on
// stdin the answer is "not confirmed" at once (exit 5), never a hang waiting for input.
import {createInterface} from 'node:readline';
import {EXIT} from './exit.js';
import {emit, refuseLocally} from './output.js';
import type {CommandContext} from './context.js';

/** Returns an exit code when not confirmed, or undefined to go ahead. */
export async function confirmOrExit(ctx: CommandContext, question: string): Promise<number | undefined> {
  if (ctx.yes) return undefined;
  if (!ctx.stdin.isTTY) {
    return refuseLocally(
      ctx,
      'not-confirmed',
      'Not confirmed: stdin is not a terminal, so keypol cannot ask; pass --yes to apply without a prompt.',
      EXIT.notConfirmed,
    );
  }
  emit(ctx.stderr, `${question} [y/N] `);
  const answer = await readLine(ctx);
  if (/^y(es)?$/i.test(answer.trim())) return undefined;
  return refuseLocally(ctx, 'not-confirmed', 'Not confirmed: nothing was changed.', EXIT.notConfirmed);
}

function readLine(ctx: CommandContext): Promise<string> {
  const reader = createInterface({input: ctx.stdin, terminal: false});
  return new Promise(resolve => {
    let answered = false;
    reader.once('line', text => {
      answered = true;
      reader.close();
      resolve(text);
    });
    reader.once('close', () => {
      if (!answered) resolve('');
    });
  });
}
