// The grants' part of two tabs: their findings under the policy's (Findings tab), and "Who can
// use this key" after the access view (Access tab) — policy principals, each grantee with its
// operations, and whether IAM policies can also grant access. Both say "reading…" or
// "not permitted: kms:ListGrants" in place while the grants are not known.
import {
  displayWidth,
  formatCount,
  lintGrants,
  sanitizeText,
  whoCanUse,
  type AccessModel,
} from '../../../policy/index.js';
import type {KeyDetails} from '../../../aws/types.js';
import {paragraph, type Line} from '../../components/LineView.js';
import type {GrantsState} from '../../hooks/useGrants.js';
import type {UniqueIds} from '../../hooks/useUniqueIds.js';
import type {Theme} from '../../theme.js';
import {findingLines} from '../confirmLines.js';
import {notPermitted} from './GrantsTab.js';
import {idName} from './uniqueIdLines.js';

/** A paragraph whose every line starts `by` cells in (paragraph() drops leading spaces). */
export function inset(
  text: string,
  width: number,
  by: number,
  style: Omit<Line[number], 'text'> = {},
): Line[] {
  return paragraph(text, Math.max(10, width - by), style).map((l): Line => [{text: ' '.repeat(by)}, ...l]);
}

function unknownGrants(state: GrantsState, theme: Theme): Line | undefined {
  if (state.status === 'error') {
    return state.denied
      ? [{text: `  ${notPermitted('kms:ListGrants')}`, color: theme.warning}]
      : [{text: `  ${sanitizeText(state.message)}`, color: theme.danger}];
  }
  if (state.status !== 'ready') return [{text: '  reading the grants…', color: theme.muted}];
  return undefined;
}

export function grantFindingLines(state: GrantsState, key: KeyDetails, width: number, theme: Theme): Line[] {
  const waiting = unknownGrants(state, theme);
  if (waiting) return [[{text: 'Grant findings', bold: true}], waiting];
  const grants = state.status === 'ready' ? state.grants : [];
  const findings = lintGrants(grants, {keyAccountId: key.accountId});
  const lines: Line[] = [
    [
      {
        text: `Grant findings (${formatCount(findings.length)} for ${formatCount(grants.length)} grants)`,
        bold: true,
      },
    ],
  ];
  if (findings.length === 0)
    lines.push([{text: '✔ Nothing to look at in the grants.', color: theme.success}]);
  return [...lines, ...findingLines(findings, width, theme)];
}

export function whoCanUseLines(
  access: AccessModel | undefined,
  state: GrantsState,
  key: KeyDetails,
  width: number,
  theme: Theme,
  /** The policy's unique ids as IAM resolved them: a live one by name. */
  ids?: UniqueIds,
): Line[] {
  if (!access) return [];
  const grants = state.status === 'ready' ? state.grants : undefined;
  const who = whoCanUse(access, grants, key.accountId);
  const lines: Line[] = [[], [{text: 'Who can use this key', bold: true}]];
  const rows = [
    ...who.policy.map(p => [idName(ids, p.value) ?? sanitizeText(p.name), `key policy: ${p.role}`]),
    ...who.accounts.map(a => [`account ${sanitizeText(a)}`, 'key policy: another account']),
  ];
  // Names in one column (a name longer than half the row keeps its length: a cut name misleads).
  const column = Math.min(
    Math.max(0, ...rows.map(([name]) => displayWidth(name ?? ''))),
    Math.floor(width / 2),
  );
  for (const [name = '', role = ''] of rows) {
    const pad = ' '.repeat(Math.max(0, column - displayWidth(name)));
    lines.push([{text: `  ${name}${pad}  `}, {text: role, color: theme.muted}]);
  }
  const waiting = unknownGrants(state, theme);
  if (waiting) lines.push(waiting);
  for (const g of who.grantees ?? []) {
    const n = g.grants === 1 ? 'grant' : `${formatCount(g.grants)} grants`;
    lines.push(
      ...inset(
        `${sanitizeText(g.name)}  ${n}: ${sanitizeText(g.operations.join(', '))}${g.constrained ? ' (with constraints)' : ''}`,
        width,
        2,
        g.external ? {color: theme.accent} : {},
      ),
    );
  }
  lines.push(...inset(sanitizeText(who.iam.sentence), width, 2, {color: theme.muted}));
  return lines;
}
