// The words of the confirmation screen, as lines for a scrolling pane: the review of a proposed
// change, the verified result with how to undo it, and each refusal with its next step.
import {diffPolicies, otherAccountsNote, parsePolicy, sanitizeText} from '../../policy/index.js';
import type {Finding} from '../../policy/types.js';
import type {ConnectionInfo, KeyDetails, PolicySnapshot, WriteOutcome} from '../../aws/types.js';
import type {ProposedChange} from '../hooks/useProposedChange.js';
import {diffViewLines} from '../components/diffLines.js';
import {paragraph, type Line} from '../components/LineView.js';
import type {Theme} from '../theme.js';
import {restoreCommandLines} from './undoCommand.js';

type Refusal = Extract<WriteOutcome, {ok: false}>;
type Written = Extract<WriteOutcome, {ok: true}>;

const ICON = {error: '✖', warning: '⚠', info: 'ℹ'} as const;

export function findingLines(findings: readonly Finding[], width: number, theme: Theme): Line[] {
  const color = {error: theme.danger, warning: theme.warning, info: theme.accent};
  return findings.flatMap(f => {
    const message = sanitizeText(f.message);
    const sid = f.sid ? sanitizeText(f.sid) : undefined;
    // Most messages already name their statement; say where only when they do not.
    const where = sid ? (message.includes(sid) ? '' : ` (${sid})`) : f.line ? ` (line ${f.line})` : '';
    return paragraph(`${ICON[f.severity]} ${message}${where}`, width, {color: color[f.severity]}, 2);
  });
}

/** The review: what changes in words, what is risky or blocking, then (unless left out) the unified diff. */
export function reviewLines(change: ProposedChange, width: number, theme: Theme, withDiff = true): Line[] {
  const lines: Line[] = [];
  const {diff} = change;
  if (!diff) {
    // One side does not parse. When it is the new text, the blocking findings below say where.
    if (change.blocking.length === 0) {
      lines.push(
        ...paragraph(
          'The current policy is not valid JSON, so there is no semantic comparison: the new text replaces it whole.',
          width,
          {color: theme.warning},
        ),
      );
    }
  } else if (diff.changes.length === 0) {
    lines.push(
      ...paragraph('No changes: the new policy means the same as the current one.', width, {bold: true}),
    );
  } else {
    lines.push([{text: 'What changes', bold: true}]);
    for (const s of diff.summary) lines.push(...paragraph(`• ${sanitizeText(s)}`, width, {}, 2));
    if (diff.removesAnything) {
      lines.push([
        {text: 'This change removes permissions or principals (lines marked -).', color: theme.warning},
      ]);
    } else if (!diff.summary.some(s => /removes nothing/i.test(s))) {
      lines.push([{text: 'Removes nothing.', color: theme.success}]);
    }
  }
  if (change.blocking.length > 0) {
    lines.push([], [{text: 'This policy cannot be written:', bold: true, color: theme.danger}]);
    lines.push(...findingLines(change.blocking, width, theme));
  }
  if (change.risks.length > 0) {
    lines.push(
      [],
      [{text: 'Risky: you will be asked to type the key name.', bold: true, color: theme.warning}],
    );
    lines.push(...findingLines(change.risks, width, theme));
  }
  if (change.notes.length > 0) {
    lines.push([], [{text: 'Notes on the result', bold: true}]);
    lines.push(...findingLines(change.notes, width, theme));
  }
  if (change.otherAccounts.length > 0 && change.blocking.length === 0) {
    lines.push(
      [],
      ...paragraph(
        `ℹ ${sanitizeText(otherAccountsNote(change.otherAccounts))}`,
        width,
        {color: theme.accent},
        2,
      ),
    );
  }
  if (withDiff && diff?.unified) lines.push([], ...diffViewLines(diff.unified, theme));
  return lines;
}

export function keyRef(key: KeyDetails): string {
  return sanitizeText(key.aliases[0] ?? key.keyId);
}

export interface WrittenContext {
  key: KeyDetails;
  /** The connection the write went through: the undo command repeats it. */
  connection: ConnectionInfo;
  /** The write passed the lockout check's override: nobody can change the policy any more. */
  lockedOut: boolean;
}

export function writtenLines(outcome: Written, context: WrittenContext, width: number, theme: Theme): Line[] {
  const {key, connection, lockedOut} = context;
  const summary = outcome.diff.summary.flatMap(s => paragraph(`• ${sanitizeText(s)}`, width, {}, 2));
  const written: Line[] = [
    [{text: '✔ Policy written and verified.', bold: true, color: theme.success}],
    ...paragraph(`Backup written: ${sanitizeText(outcome.backupPath)}`, width),
    ...(outcome.warnings ?? []).flatMap(w =>
      paragraph(`⚠ ${sanitizeText(w)}`, width, {color: theme.warning}, 2),
    ),
    [],
    ...summary,
    [],
  ];
  if (lockedOut) {
    // A restore is itself a PutKeyPolicy, which the new policy allows nobody: no undo to offer.
    return [
      ...written,
      ...paragraph(
        "⚠ Nobody can change this key's policy any more, keypol included: only AWS Support can help. " +
          'The backup keeps the previous policy for reference.',
        width,
        {bold: true, color: theme.danger},
        2,
      ),
    ];
  }
  return [
    ...written,
    ...paragraph('To undo: open the History tab (4) and press Enter on this backup, or run', width),
    ...restoreCommandLines(connection, keyRef(key), sanitizeText(outcome.backupId), width).map(
      (text): Line => [{text, color: theme.accent}],
    ),
  ];
}

const REFUSAL_HEADLINE: Record<Refusal['refusal'], string> = {
  'read-only': 'Nothing was written: keypol is in read-only mode.',
  'aws-managed': 'Nothing was written: this is an AWS managed key.',
  invalid: 'Nothing was written: the policy is not valid.',
  lockout: 'Nothing was written: the policy would lock everyone out of the key.',
  conflict: 'Nothing was written: the policy changed since you reviewed it.',
  busy: 'Nothing was written: another keypol is changing this key right now.',
  backup: 'Nothing was written: the backup of the current policy could not be saved.',
  audit: 'Nothing was written: the audit log could not be written.',
  api: 'Nothing was written: AWS refused the change.',
  unverified: 'keypol cannot tell whether the policy was written.',
};

/** The headline, for the refusals whose meaning depends on whether keypol's put took effect. */
function headline(outcome: Refusal): string {
  if (outcome.refusal === 'conflict' && outcome.applied !== false && outcome.applied !== undefined) {
    return 'Another writer changed the policy right after keypol wrote it.';
  }
  if (outcome.refusal === 'unverified' && outcome.applied === true) {
    return 'The policy was written, but it could not be read back to verify it.';
  }
  return REFUSAL_HEADLINE[outcome.refusal];
}

const REFUSAL_NEXT: Partial<Record<Refusal['refusal'], string>> = {
  'aws-managed': 'AWS manages the policies of AWS managed keys: they can be viewed but not changed.',
  conflict: 'Press Enter to review your change again against the policy as it is now.',
  unverified:
    'Check the Policy tab (press r to reload); the backup of the previous policy is in the History tab.',
};

/** What changed underneath: the reviewed policy against the live one. */
function conflictDiff(before: PolicySnapshot, live: PolicySnapshot | undefined, theme: Theme): Line[] {
  if (!live) return [];
  const a = parsePolicy(before.text);
  const b = parsePolicy(live.text);
  if (!a.ok || !b.ok) return [];
  const diff = diffPolicies(a.document, b.document);
  if (!diff.unified) return [];
  return [
    [],
    [{text: 'Changed since your review (your copy → the live policy):', bold: true}],
    ...diffViewLines(diff.unified, theme),
  ];
}

/** Refusals whose headline and next step already say all the gateway's message says. */
function saidInFull(outcome: Refusal): boolean {
  if (outcome.refusal === 'aws-managed') return true;
  return outcome.refusal === 'conflict' && outcome.applied === false && !outcome.backupPaths;
}

export function refusalLines(outcome: Refusal, before: PolicySnapshot, width: number, theme: Theme): Line[] {
  const next = REFUSAL_NEXT[outcome.refusal];
  return [
    ...paragraph(headline(outcome), width, {bold: true, color: theme.danger}),
    ...(saidInFull(outcome) ? [] : paragraph(sanitizeText(outcome.message), width)),
    ...(outcome.warnings ?? []).flatMap(w =>
      paragraph(`⚠ ${sanitizeText(w)}`, width, {color: theme.warning}, 2),
    ),
    ...(next ? paragraph(next, width, {color: theme.accent}) : []),
    ...(outcome.findings?.length ? [[], ...findingLines(outcome.findings, width, theme)] : []),
    ...(outcome.refusal === 'conflict' ? conflictDiff(before, outcome.live, theme) : []),
  ];
}
