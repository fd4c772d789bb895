// Asking before a change, as the one risk rule (policy/risk.ts) says: y/N for a simple change;
// the key's alias or id typed for a risky one; then the lockout override phrase when the policy
// would lock everyone out. --yes skips the question (but never types the lockout override). A
// prompt is only shown to a person at a terminal: with no TTY on stdin the answer is "not
// confirmed" at once (exit 5), never a hang waiting for input.
import {createInterface} from 'node:readline';
import {OVERRIDE_PHRASE, type ConfirmLevel} from '../policy/index.js';
import {EXIT} from './exit.js';
import {clean, emit, refuseLocally} from './output.js';
import type {CommandContext} from './context.js';

export interface Confirmation {
  question: string;
  level: ConfirmLevel;
  /** What typing may name: the key's aliases and its id. */
  names: readonly string[];
}

/** Returns an exit code when not confirmed, or undefined to go ahead. */
export async function confirmOrExit(ctx: CommandContext, ask: Confirmation): Promise<number | undefined> {
  if (ctx.yes) return undefined;
  if (!ctx.stdin.isTTY) {
    const what = ask.level === 'simple' ? '' : ' (a risky change: it would ask you to type the key name)';
    return refuseLocally(
      ctx,
      'not-confirmed',
      `Not confirmed${what}: stdin is not a terminal, so keypol cannot ask; pass --yes to apply without a prompt.`,
      EXIT.notConfirmed,
    );
  }
  const reader = createInterface({input: ctx.stdin, terminal: false});
  // The iterator buffers: a name and the phrase typed ahead (or piped in one chunk) both count.
  const lines = reader[Symbol.asyncIterator]();
  try {
    if (ask.level === 'simple') {
      emit(ctx.stderr, `${ask.question} [y/N] `);
      if (/^y(es)?$/i.test((await nextLine(lines)).trim())) return undefined;
      return notConfirmed(ctx, 'Not confirmed: nothing was changed.');
    }
    const first = ask.names[0] ?? '';
    emit(
      ctx.stderr,
      `${ask.question}\nThis change is risky: type the key's alias or id (${clean(first)}) to confirm: `,
    );
    const typed = (await nextLine(lines)).trim();
    if (!ask.names.includes(typed)) {
      return notConfirmed(
        ctx,
        `Not confirmed: "${clean(typed)}" is not the alias or id of this key; nothing was changed.`,
      );
    }
    if (ask.level === 'override') {
      emit(
        ctx.stderr,
        `This policy may lock everyone out of the key. Type "${OVERRIDE_PHRASE}" to write it anyway: `,
      );
      if ((await nextLine(lines)).trim() !== OVERRIDE_PHRASE) {
        return notConfirmed(ctx, 'Not confirmed: the lockout override was not typed; nothing was changed.');
      }
    }
    return undefined;
  } finally {
    reader.close();
  }
}

function notConfirmed(ctx: CommandContext, message: string): number {
  return refuseLocally(ctx, 'not-confirmed', message, EXIT.notConfirmed);
}

/** The next line typed, or '' when input ends first. */
async function nextLine(lines: AsyncIterator<string>): Promise<string> {
  const next = await lines.next();
  return next.done ? '' : next.value;
}
