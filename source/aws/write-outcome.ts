// The pieces of a write's outcome shared by the write path's steps: refusals, the audit trail of
// one attempt, and the semantic comparisons a re-read is judged by.
import {formatCount, parsePolicy, policiesEqual, type Finding, type PolicyDocument} from '../policy/index.js';
import type {Attempt} from '../store/audit.js';
import type {WriteOutcome} from './types.js';

export type Refusal = Extract<WriteOutcome, {ok: false}>;

/** The audit outcome line and the warnings of one attempt. */
export interface Trail {
  warnings: string[];
  /** Set when an outcome line could not be appended. */
  readonly unlogged: boolean;
  log(result: string, applied: boolean | null, fields?: Record<string, string>): Promise<void>;
  /** Logs the refusal as the outcome and returns it, saying whether keypol's put took effect. */
  end(outcome: Refusal, applied: boolean | null, fields?: Record<string, string>): Promise<WriteOutcome>;
}

export function auditTrail(attempt: Attempt): Trail {
  const warnings: string[] = [];
  let unlogged = false;
  const log: Trail['log'] = async (result, applied, fields = {}) => {
    await attempt.outcome(result, applied, fields).catch((error: Error) => {
      unlogged = true;
      warnings.push(`The audit log could not be appended: ${error.message}`);
    });
  };
  return {
    warnings,
    get unlogged() {
      return unlogged;
    },
    log,
    async end(outcome, applied, fields = {}) {
      await log(outcome.refusal, applied, {message: outcome.message, ...fields});
      return withWarnings(
        {...outcome, applied, ...(unlogged ? {auditLogged: false as const} : {})},
        warnings,
      );
    },
  };
}

export function refuse(refusal: Refusal['refusal'], message: string, findings?: Finding[]): Refusal {
  return {ok: false, refusal, message, ...(findings ? {findings} : {})};
}

export function withWarnings<T extends WriteOutcome>(outcome: T, warnings: string[]): T {
  const all = [...warnings, ...(outcome.warnings ?? [])];
  return all.length ? {...outcome, warnings: all} : outcome;
}

export function count(errors: Finding[]): string {
  return errors.length === 1 ? '1 error' : `${formatCount(errors.length)} errors`;
}

/** KMS re-serialises policies (and may reorder lists), so equality is semantic, not textual. */
export function sameText(a: string, b: string): boolean {
  if (a === b) return true;
  const left = parsePolicy(a);
  const right = parsePolicy(b);
  return left.ok && right.ok && policiesEqual(left.document, right.document);
}

export function sameStatements(a: string, b: string): boolean {
  const [left, right] = [documentOf(a), documentOf(b)];
  return (
    left.Statement.length > 0 && policiesEqual({Statement: left.Statement}, {Statement: right.Statement})
  );
}

export function documentOf(text: string): PolicyDocument {
  const parsed = parsePolicy(text);
  return parsed.ok ? parsed.document : {Statement: []};
}
