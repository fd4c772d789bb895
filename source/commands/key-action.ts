// The end of the key-action commands (revoke-grant, cancel-deletion, rotation): ask, then the
// gateway's guarded action, whose outcome becomes the exit code. Revoking asks for the first
// characters of the grant id to be typed (a grant cannot be got back with the same id).
import {createInterface} from 'node:readline';
import type {KeyActionOutcome} from '../aws/types.js';
import {confirmOrExit} from './confirm.js';
import {EXIT} from './exit.js';
import {clean, complain, emit, line, printJson, refuseLocally} from './output.js';
import type {CommandContext} from './context.js';

/** How many characters of a grant id the operator types to confirm its revocation. */
export const GRANT_CONFIRM_CHARS = 8;

export interface KeyAction {
  question: string;
  /** Text to type instead of y (the grant id's first characters). */
  typed?: string;
  /** A refusal known before asking (read-only, AWS managed): then no question. */
  certainRefusal: boolean;
  run(): Promise<KeyActionOutcome>;
  /** Extra --json fields on success (keyId, grantId...). */
  json: Record<string, unknown>;
}

async function confirmTyped(
  ctx: CommandContext,
  question: string,
  expected: string,
): Promise<number | undefined> {
  if (ctx.yes) return undefined;
  if (!ctx.stdin.isTTY) {
    return refuseLocally(
      ctx,
      'not-confirmed',
      'Not confirmed: stdin is not a terminal, so keypol cannot ask you to type the grant id; pass --yes.',
      EXIT.notConfirmed,
    );
  }
  emit(
    ctx.stderr,
    `${question}\nType the first ${expected.length} characters of the grant id (${clean(expected)}) to confirm: `,
  );
  const reader = createInterface({input: ctx.stdin, terminal: false});
  try {
    const next = await reader[Symbol.asyncIterator]().next();
    const typed = next.done ? '' : String(next.value).trim();
    if (typed === expected) return undefined;
    return refuseLocally(
      ctx,
      'not-confirmed',
      `Not confirmed: "${clean(typed)}" is not the start of the grant id; nothing was changed.`,
      EXIT.notConfirmed,
    );
  } finally {
    reader.close();
  }
}

export async function runKeyAction(ctx: CommandContext, action: KeyAction): Promise<number> {
  if (!action.certainRefusal) {
    const stop =
      action.typed === undefined
        ? await confirmOrExit(ctx, {question: action.question, level: 'simple', names: []})
        : await confirmTyped(ctx, action.question, action.typed);
    if (stop !== undefined) return stop;
  }
  const outcome = await action.run();
  if (outcome.ok) {
    if (ctx.json) {
      printJson(ctx, {
        ok: true,
        changed: true,
        ...action.json,
        operation: outcome.operation,
        message: outcome.message,
        savedPath: outcome.savedPath ?? null,
      });
    } else line(ctx.stdout, clean(outcome.message));
    for (const warning of outcome.warnings) complain(ctx, warning);
    return EXIT.ok;
  }
  if (ctx.json) {
    printJson(ctx, {ok: false, refusal: outcome.refusal, message: outcome.message, applied: outcome.applied});
  }
  complain(ctx, outcome.message);
  for (const warning of outcome.warnings) complain(ctx, warning);
  return outcome.refusal === 'read-only' || outcome.refusal === 'aws-managed' ? EXIT.refused : EXIT.error;
}
