// The end of every changing subcommand (put, upgrade, grant-access, deletion, restore):
// preview (summary, diff, findings), confirm, then the gateway's one write path, whose
// outcome becomes the exit code. Local checks here only decide whether asking makes sense;
// the write path repeats them and is the authority.
import {
  diffPolicies,
  hasErrors,
  lintPolicy,
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

export async function applyChange(ctx: CommandContext, change: ProposedChange): Promise<number> {
  const {key, policy, document} = change.loaded;
  const validation = validatePolicy(change.afterText);
  const parsed = parsePolicy(change.afterText);
  if (hasErrors(validation) || !parsed.ok) {
    return report(ctx, change, {
      ok: false,
      refusal: 'invalid',
      message: 'The new policy is not valid: fix the errors below and try again.',
      findings: validation,
    });
  }
  const diff = diffPolicies(document, parsed.document);
  if (diff.unified === '') return nothingToChange(ctx, change.loaded, []);
  const caller = ctx.gateway.info.readOnly ? undefined : (await ctx.gateway.identity()).arn;
  const lint = lintPolicy(parsed.document, {
    key: keyInfoOf(key),
    ...(caller ? {callerArn: caller} : {}),
    text: change.afterText,
  });

  if (!ctx.json) {
    for (const text of change.preface ?? []) line(ctx.stdout, clean(text));
    line(ctx.stdout, `Changes to ${clean(keyLabel(key))}:`);
    for (const text of diff.summary) line(ctx.stdout, `  ${clean(text)}`);
    if (diff.removesAnything) line(ctx.stdout, '  Warning: this change removes permissions.');
    line(ctx.stdout);
    line(ctx.stdout, diffText(ctx, diff.unified.trimEnd()));
    const shown = lint.filter(f => f.severity !== 'info');
    if (shown.length) {
      line(ctx.stdout, 'Findings:');
      for (const text of findingLines(shown)) line(ctx.stdout, text);
    }
  }

  // A refusal that is certain needs no question: let the write path say no.
  const certainRefusal =
    ctx.gateway.info.readOnly || key.keyManager === 'AWS' || lint.some(f => f.severity === 'error');
  if (!certainRefusal) {
    const stop = await confirmOrExit(ctx, `Write this policy to ${clean(key.keyId)}?`);
    if (stop !== undefined) return stop;
  }
  const outcome = await ctx.gateway.writePolicy({
    key,
    before: policy,
    afterText: change.afterText,
    reason: change.reason,
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
