// The console's "default view" of the policy: key administrators, whether they may delete the key,
// key users and other AWS accounts, each principal by name and kind. When the policy does not have
// the console's shape, a note says so and what could be recognised is still shown.
import React, {useMemo} from 'react';
import {sanitizeText} from '../../../policy/index.js';
import type {AccessModel, PrincipalKind, PrincipalRef} from '../../../policy/types.js';
import {paragraph, type Line} from '../../components/LineView.js';
import {ScrollPane} from '../../components/ScrollPane.js';
import {useTheme} from '../../context.js';
import type {Theme} from '../../theme.js';
import type {TabProps} from './PolicyTab.js';

const KIND: Record<PrincipalKind, string> = {
  account: 'account',
  user: 'IAM user',
  role: 'IAM role',
  'assumed-role': 'assumed-role session',
  service: 'AWS service',
  federated: 'federated user',
  deleted: '⚠ deleted principal',
  wildcard: '⚠ everyone',
  group: '✖ IAM group (not allowed)',
  invalid: '✖ not a valid principal',
};

const WARN_KINDS = new Set<PrincipalKind>(['deleted', 'wildcard', 'group', 'invalid']);

function principalLines(title: string, refs: readonly PrincipalRef[], width: number, theme: Theme): Line[] {
  const lines: Line[] = [[{text: `${title} (${refs.length})`, bold: true}]];
  if (refs.length === 0) lines.push([{text: '  none', color: theme.muted}]);
  const nameWidth = Math.min(48, Math.max(12, ...refs.map(r => r.name.length)));
  for (const r of refs) {
    const warn = WARN_KINDS.has(r.kind);
    lines.push([
      {text: `  ${sanitizeText(r.name).padEnd(nameWidth)}  `, color: warn ? theme.warning : undefined},
      {text: KIND[r.kind], color: warn ? theme.warning : theme.muted},
      ...(r.external ? [{text: ' · other account', color: theme.accent}] : []),
    ]);
    if (r.kind === 'deleted') {
      lines.push(
        ...paragraph('The IAM user or role was deleted; KMS shows its unique id. Remove it.', width - 4, {
          dim: true,
        }).map((l): Line => [{text: '    '}, ...l]),
      );
    }
  }
  return lines;
}

export function accessLines(
  access: AccessModel | undefined,
  accountId: string,
  width: number,
  theme: Theme,
): Line[] {
  if (!access)
    return paragraph('The policy is not valid JSON: see the Policy tab for where.', width, {
      color: theme.danger,
    });
  const lines: Line[] = [];
  if (!access.representable) {
    lines.push(
      ...paragraph(
        "This policy does not follow the console's default layout, so this view may be incomplete; " +
          'the Policy and Findings tabs show everything it allows.',
        width,
        {color: theme.warning},
      ),
      [],
    );
  }
  lines.push(...principalLines('Key administrators', access.administrators, width, theme));
  lines.push([
    {text: 'Allow key administrators to delete this key: '},
    {text: access.administratorsCanDelete ? 'Yes' : 'No', bold: true},
  ]);
  lines.push([], ...principalLines('Key users', access.users, width, theme), []);
  lines.push([{text: `Other AWS accounts (${access.externalAccounts.length})`, bold: true}]);
  if (access.externalAccounts.length === 0) lines.push([{text: '  none', color: theme.muted}]);
  for (const id of access.externalAccounts) lines.push([{text: `  ${sanitizeText(id)}`}]);
  lines.push([]);
  lines.push(
    ...paragraph(
      access.rootEnabled
        ? `IAM policies in account ${accountId} can also grant access to this key (statement "Enable IAM User Permissions").`
        : `IAM policies cannot grant access to this key: only the principals above have it.`,
      width,
      {color: theme.muted},
    ),
  );
  for (const note of access.notes)
    lines.push(...paragraph(`ℹ ${sanitizeText(note)}`, width, {color: theme.accent}, 2));
  return lines;
}

export function AccessTab({model, width, height, isActive, accountId}: TabProps & {accountId: string}) {
  const theme = useTheme();
  const lines = useMemo(
    () => accessLines(model.access, accountId, width, theme),
    [model, accountId, width, theme],
  );
  return <ScrollPane lines={lines} height={height} width={width} isActive={isActive} />;
}
