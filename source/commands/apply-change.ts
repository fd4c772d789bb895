// The end of every changing subcommand (put, upgrade, grant-access, deletion, restore):
// preview (summary, diff, findings), confirm as the one risk rule says (policy/risk.ts, the
// TUI's rule too), then the gateway's one write path, whose outcome becomes the exit code.
// Local checks here only decide whether asking makes sense; the write path repeats them and is
// the authority.
import {
  assessChange,
  hasErrors,
  otherAccountsNote,
  parsePolicy,
  validatePolicy,
  type Finding,
} from '../policy/index.js';
import {keyInfoOf, type ChangeReason, type WriteOutcome} from '../aws/types.js';
import {confirmOrExit} from './confirm.js';
import {EXIT} from './exit.js';
import {findingLines, findingsJson} from './findings.js';
import {keyLabel, type LoadedKey} from './key.js';
import {clean, complain, diffText, line, printJson} from './output.js';
import type {CommandContext} from './context.js';

export interface ProposedChange {
  loaded: LoadedKey;
  afterText: string;
  reason: ChangeReason;
  /** Lines shown before the diff (e.g. what an upgrade adds and why). */
  preface?: string[];
}

const INVALID = 'The new policy is not valid: fix the errors below and try again.';

/**
 * The file's own problems, before any API call (put need not load the key to refuse a broken
 * file): undefined when it is valid, else the exit code after saying why.
 */
export function refuseInvalidText(ctx: CommandContext, text: string): number | undefined {
  const validation = validatePolicy(text);
  if (!hasErrors(validation)) return undefined;
  if (ctx.json)
    printJson(ctx, {ok: false, refusal: 'invalid', message: INVALID, findings: findingsJson(validation)});
  else {
    complain(ctx, INVALID);
    for (const text of findingLines(validation.filter(f => f.severity === 'error'))) line(ctx.stderr, text);
  }
  return EXIT.refused;
}

export async function applyChange(ctx: CommandContext, change: ProposedChange): Promise<number> {
  const {key, policy} = change.loaded;
  const caller = ctx.gateway.info.readOnly ? undefined : (await ctx.gateway.identity()).arn;
  const assessed = assessChange(policy.text, change.afterText, {
    key: keyInfoOf(key),
    ...(caller ? {callerArn: caller} : {}),
  });
  const {diff} = assessed;
  if (assessed.blocking.length > 0 || !diff) {
    return report(ctx, change, {
      ok: false,
      refusal: 'invalid',
      message: INVALID,
      findings: assessed.blocking,
    });
  }
  if (diff.unified === '') return nothingToChange(ctx, change.loaded, []);

  // The write path checks principals again (it is the authority); here the preview can say which
  // cannot be checked at all, and a certain refusal needs no question.
  const {checkPrincipals} = await import('../aws/principal-check.js');
  const proposed = parsePolicy(change.afterText);
  const principals = proposed.ok
    ? await checkPrincipals(proposed.document, key.accountId, ctx.gateway.principals, change.loaded.document)
    : {refused: [], unverifiable: [], otherAccounts: []};

  if (!ctx.json) {
    for (const text of change.preface ?? []) line(ctx.stdout, clean(text));
    line(ctx.stdout, `Changes to ${clean(keyLabel(key))}:`);
    for (const text of diff.summary) line(ctx.stdout, `  ${clean(text)}`);
    if (diff.removesAnything) line(ctx.stdout, '  Warning: this change removes permissions.');
    line(ctx.stdout);
    line(ctx.stdout, diffText(ctx, diff.unified.trimEnd()));
    if (assessed.risks.length) {
      line(ctx.stdout, 'Risky (you will be asked to type the key name):');
      for (const text of findingLines(assessed.risks)) line(ctx.stdout, text);
    }
    const shown = assessed.notes.filter(f => f.severity !== 'info');
    if (shown.length) {
      line(ctx.stdout, 'Findings:');
      for (const text of findingLines(shown)) line(ctx.stdout, text);
    }
    const notes = [
      ...principals.refused.map(p => `  ✖ ${p.reason}`),
      ...principals.unverifiable.map(p => `  ℹ ${p.reason}`),
      ...(principals.otherAccounts.length ? [`  ℹ ${otherAccountsNote(principals.otherAccounts)}`] : []),
    ];
    if (notes.length) {
      line(ctx.stdout, 'Principals:');
      for (const text of notes) line(ctx.stdout, clean(text));
    }
  }

  // A refusal that is certain needs no question: let the write path say no. A lockout is only
  // certain when nobody can type the override (--yes, or no terminal).
  const lintError = assessed.notes.some(f => f.severity === 'error');
  const canOverride = assessed.level === 'override' && !ctx.yes && ctx.stdin.isTTY === true;
  const certainRefusal =
    ctx.gateway.info.readOnly ||
    key.keyManager === 'AWS' ||
    lintError ||
    (assessed.level === 'override' && !canOverride) ||
    principals.refused.length > 0;
  if (!certainRefusal) {
    const stop = await confirmOrExit(ctx, {
      question: `Write this policy to ${clean(key.keyId)}?`,
      level: assessed.level,
      names: [...key.aliases, key.keyId],
    });
    if (stop !== undefined) return stop;
  }
  const outcome = await ctx.gateway.writePolicy({
    key,
    before: policy,
    afterText: change.afterText,
    reason: change.reason,
    ...(canOverride ? {bypassLockout: true} : {}),
  });
  return report(ctx, change, outcome);
}

/** The policy already says what was asked: a success (exit 0) that writes nothing. */
export function nothingToChange(
  ctx: CommandContext,
  loaded: LoadedKey,
  notes: string[],
  message = `No changes: the policy of ${keyLabel(loaded.key)} already says this.`,
): number {
  if (ctx.json) {
    const {keyId, arn} = loaded.key;
    printJson(ctx, {ok: true, changed: false, keyId, arn, message: [...notes, message].join(' ')});
  } else {
    for (const text of [...notes, message]) line(ctx.stdout, clean(text));
  }
  return EXIT.ok;
}

function report(ctx: CommandContext, change: ProposedChange, outcome: WriteOutcome): number {
  const {key, policy} = change.loaded;
  if (outcome.ok) {
    if (ctx.json) {
      printJson(ctx, {
        ok: true,
        changed: true,
        keyId: key.keyId,
        arn: key.arn,
        reason: change.reason,
        backupId: outcome.backupId,
        backupPath: outcome.backupPath,
        sha256Before: policy.sha256,
        sha256After: outcome.after.sha256,
        summary: outcome.diff.summary,
        ...jsonWarnings(outcome),
      });
    } else {
      line(ctx.stdout, `Backup written: ${outcome.backupPath}`);
      line(ctx.stdout, `Policy written and verified for ${clean(keyLabel(key))}.`);
    }
    for (const warning of outcome.warnings ?? []) complain(ctx, warning);
    return EXIT.ok;
  }
  const findings: Finding[] = outcome.findings ?? [];
  if (ctx.json) {
    printJson(ctx, {
      ok: false,
      refusal: outcome.refusal,
      message: outcome.message,
      findings: findingsJson(findings),
      ...(outcome.applied === undefined ? {} : {applied: outcome.applied}),
      ...(outcome.backupPaths ? {backupPaths: outcome.backupPaths} : {}),
      ...jsonWarnings(outcome),
    });
  } else {
    complain(ctx, outcome.message);
    for (const text of findingLines(findings.filter(f => f.severity === 'error'))) line(ctx.stderr, text);
  }
  for (const warning of outcome.warnings ?? []) complain(ctx, warning);
  switch (outcome.refusal) {
    case 'read-only':
    case 'aws-managed':
    case 'invalid':
    case 'lockout':
      return EXIT.refused;
    case 'conflict':
    case 'busy':
      return EXIT.conflict;
    default:
      return EXIT.error;
  }
}

/** Warnings (and a failed audit append) in --json output, not only on stderr. */
function jsonWarnings(outcome: WriteOutcome): {warnings?: string[]; auditLogged?: false} {
  return {
    ...(outcome.warnings?.length ? {warnings: outcome.warnings} : {}),
    ...(outcome.auditLogged === false ? {auditLogged: false} : {}),
  };
}
