// Printing: every string that came from AWS (descriptions, aliases, ARNs, policies, error
// messages) goes through sanitizeText before it reaches a terminal. --json output is
// JSON.stringify'd, then escapeJsonText escapes what JSON.stringify leaves raw (C1, DEL, bidi and
// invisible format characters).
import {styleText} from 'node:util';
import {
  displayWidth,
  escapeJsonText,
  fit,
  sanitizeText,
  tokenizeJson,
  type JsonTokenType,
} from '../policy/index.js';
import {RefusedError, UsageError} from './exit.js';
import type {CommandContext, OutputStream} from './context.js';

export function clean(text: string): string {
  return sanitizeText(text);
}

const closed = new WeakSet<OutputStream>();
const watched = new WeakSet<OutputStream>();

/**
 * Writes unless the reader has gone away (`keypol show KEY | head`: EPIPE). Then printing stops
 * quietly and the command carries on, so a change already under way (backup, PutKeyPolicy,
 * verification, audit log) completes rather than dying halfway with a stack trace.
 */
export function emit(stream: OutputStream, text: string): void {
  if (closed.has(stream)) return;
  if (!watched.has(stream) && typeof stream.on === 'function') {
    watched.add(stream);
    stream.on('error', (error: NodeJS.ErrnoException) => {
      // After EPIPE the stream is destroyed; a later write reports ERR_STREAM_DESTROYED.
      if (error.code !== 'EPIPE' && !closed.has(stream)) throw error;
      closed.add(stream);
    });
  }
  stream.write(text);
}

export function line(stream: OutputStream, text = ''): void {
  emit(stream, text + '\n');
}

const printedJson = new WeakSet<CommandContext>();

export function printJson(ctx: CommandContext, value: unknown): void {
  printedJson.add(ctx);
  emit(ctx.stdout, escapeJsonText(JSON.stringify(value, null, 2)) + '\n');
}

/**
 * Runs a changing command so that --json always ends with one documented object: a usage error
 * or an API error that escapes the command becomes {ok: false, refusal: "usage" | "error",
 * message} on stdout, then goes on to main, which reports it on stderr with its exit code.
 */
export async function withJsonOutcome(ctx: CommandContext, run: () => Promise<number>): Promise<number> {
  try {
    return await run();
  } catch (error) {
    if (ctx.json && !printedJson.has(ctx)) {
      const message = error instanceof Error ? error.message : String(error);
      const refusal =
        error instanceof UsageError ? 'usage' : error instanceof RefusedError ? 'invalid' : 'error';
      printJson(ctx, {ok: false, refusal, message});
      // Said once, as JSON on stdout: main gives the exit code and prints nothing more.
      if (error instanceof Error) Object.assign(error, {[REPORTED_AS_JSON]: true});
    }
    throw error;
  }
}

/** An error withJsonOutcome already printed as the command's JSON outcome (see main). */
export const REPORTED_AS_JSON = Symbol.for('keypol.reportedAsJson');

/** "keypol: <message>" on stderr, sanitised (messages often quote AWS's text). */
export function complain(ctx: CommandContext, message: string): void {
  line(ctx.stderr, `keypol: ${sanitizeText(message)}`);
}

/** A column wider than this is cut with "…" (--json has every value whole). */
export const TABLE_COLUMN_MAX = 64;

/**
 * Left-aligned columns separated by two spaces, measured in terminal cells (a CJK character or an
 * emoji takes two); the last column is neither padded nor cut.
 */
export function table(headers: string[], rows: string[][]): string {
  const cells = [headers, ...rows].map(row => row.map(cell => clean(cell)));
  const last = headers.length - 1;
  const widths = headers.map((_, i) =>
    Math.min(TABLE_COLUMN_MAX, Math.max(...cells.map(row => displayWidth(row[i] ?? '')))),
  );
  return cells
    .map(row =>
      row
        .map((cell, i) => (i >= last ? cell : fit(cell, widths[i] ?? 0)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** "Label   value" lines with the labels padded to one width. */
export function fields(pairs: [string, string][]): string {
  const width = Math.max(...pairs.map(([label]) => label.length));
  return pairs.map(([label, value]) => `${label.padEnd(width)}  ${clean(value)}`).join('\n');
}

const STYLE: Record<JsonTokenType, Parameters<typeof styleText>[0] | undefined> = {
  key: 'cyan',
  string: 'green',
  number: 'yellow',
  boolean: 'magenta',
  null: 'gray',
  punctuation: undefined,
  plain: undefined,
};

/** Policy text for a terminal: sanitised, and coloured only when ctx.color allows it. */
export function policyText(ctx: CommandContext, text: string): string {
  const safe = sanitizeText(text, {keepNewlines: true});
  if (!ctx.color) return safe;
  return tokenizeJson(safe)
    .map(token => {
      const style = STYLE[token.type];
      return style ? styleText(style, token.text, {validateStream: false}) : token.text;
    })
    .join('');
}

/** A unified diff, with + and - lines coloured when allowed. */
export function diffText(ctx: CommandContext, unified: string): string {
  const safe = sanitizeText(unified, {keepNewlines: true});
  if (!ctx.color) return safe;
  return safe
    .split('\n')
    .map(l =>
      l.startsWith('+') && !l.startsWith('+++')
        ? styleText('green', l, {validateStream: false})
        : l.startsWith('-') && !l.startsWith('---')
          ? styleText('red', l, {validateStream: false})
          : l,
    )
    .join('\n');
}

/** A refusal decided by the command itself (before the write path): message, JSON, exit code. */
export function refuseLocally(ctx: CommandContext, refusal: string, message: string, code: number): number {
  // With --json the JSON outcome on stdout is the whole answer: it is not repeated as text.
  if (ctx.json) printJson(ctx, {ok: false, refusal, message});
  else complain(ctx, message);
  return code;
}
