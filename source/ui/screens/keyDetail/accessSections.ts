// The Access tab as a list of small sections, each a function of the same inputs returning its
// lines: a disclaimer, administrators, deletion, users, other accounts, IAM delegation, notes.
// New sections (grants, IAM principals) are added to ACCESS_SECTIONS, not woven into the others.
import {conditionWords, formatCount, sanitizeText} from '../../../policy/index.js';
import type {AccessModel, Classification, PrincipalKind, PrincipalRef} from '../../../policy/types.js';
import {paragraph, type Line} from '../../components/LineView.js';
import type {UniqueIds} from '../../hooks/useUniqueIds.js';
import type {Theme} from '../../theme.js';
import {idDisplay, uniqueIdBlock} from './uniqueIdLines.js';

export interface AccessSectionInput {
  access: AccessModel;
  classification: Classification | undefined;
  accountId: string;
  width: number;
  theme: Theme;
  /** The policy's unique ids as IAM resolved them (absent: not asked). */
  ids?: UniqueIds;
  /** Why the deleted ones cannot be removed from this key, if they cannot. */
  removalRefusal?: string;
}

export type AccessSection = (input: AccessSectionInput) => Line[];

const KIND: Record<PrincipalKind, string> = {
  account: 'account',
  user: 'IAM user',
  role: 'IAM role',
  'assumed-role': 'assumed-role session',
  service: 'AWS service',
  federated: 'federated user',
  deleted: '⚠ deleted principal',
  wildcard: 'any principal',
  group: '✖ IAM group (not allowed)',
  invalid: '✖ not a valid principal',
};

const WARN_KINDS = new Set<PrincipalKind>(['deleted', 'group', 'invalid']);

const indented = (lines: Line[], by: string): Line[] => lines.map((l): Line => [{text: by}, ...l]);

function principalLines(
  title: string,
  refs: readonly PrincipalRef[],
  {width, theme, ids}: AccessSectionInput,
): Line[] {
  const lines: Line[] = [[{text: `${title} (${formatCount(refs.length)})`, bold: true}]];
  if (refs.length === 0) lines.push([{text: '  none', color: theme.muted}]);
  // A unique id IAM resolved shows by name: the name column fits the names shown.
  const shown = refs.map(r => (r.kind === 'deleted' ? idDisplay(ids, r.value) : undefined));
  const names = refs.map((r, i) => shown[i]?.name ?? sanitizeText(r.name));
  const nameWidth = Math.min(48, Math.max(12, ...names.map(n => n.length)));
  refs.forEach((r, i) => {
    const id = shown[i];
    // "everyone (*)" with no condition is the one wildcard that is a warning in itself.
    const warn = id
      ? id.warn
      : WARN_KINDS.has(r.kind) || (r.kind === 'wildcard' && r.accountId === undefined && !r.conditions);
    const kindColor = warn ? theme.warning : id && !id.muted ? undefined : theme.muted;
    lines.push([
      {text: `  ${(names[i] ?? '').padEnd(nameWidth)}  `, color: warn ? theme.warning : undefined},
      {text: id?.kind ?? KIND[r.kind], color: kindColor},
      ...(r.external ? [{text: ' · other account', color: theme.accent}] : []),
    ]);
    const words = conditionWords(r.conditions);
    if (words)
      lines.push(...indented(paragraph(`only ${sanitizeText(words)}`, width - 4, {dim: true}), '    '));
    const note =
      r.kind === 'deleted' && !id
        ? 'The IAM user or role was deleted; KMS shows its unique id. Remove it.'
        : id?.note;
    if (note) lines.push(...indented(paragraph(note, width - 4, {dim: true}), '    '));
  });
  return lines;
}

/** Once, at the top: AWS manages this key, or the policy is not the console's layout. */
const disclaimer: AccessSection = ({access, classification, width, theme}) => {
  if (classification?.kind === 'aws-managed')
    return [
      ...paragraph(
        'AWS manages this key and its policy: the access below is what AWS set up, and it cannot be changed.',
        width,
        {color: theme.accent},
      ),
      [],
    ];
  if (access.representable) return [];
  return [
    ...paragraph(
      'This policy was not written by the console: the sections below are worked out from what its statements allow.',
      width,
      {color: theme.warning},
    ),
    [],
  ];
};

/** What IAM says about the policy's unique ids, and the offer to remove the deleted ones. */
const uniqueIds: AccessSection = ({ids, removalRefusal, width, theme}) =>
  uniqueIdBlock(ids, removalRefusal, width, theme);

const administrators: AccessSection = input => [
  ...principalLines('Key administrators', input.access.administrators, input),
];

const deletion: AccessSection = ({access}) => [
  [
    {text: 'Allow key administrators to delete this key: '},
    {text: access.administratorsCanDelete ? 'Yes' : 'No', bold: true},
  ],
  [],
];

const users: AccessSection = input => [...principalLines('Key users', input.access.users, input), []];

const otherAccounts: AccessSection = ({access, theme}) => [
  [{text: `Other AWS accounts (${formatCount(access.externalAccounts.length)})`, bold: true}],
  ...(access.externalAccounts.length === 0 ? [[{text: '  none', color: theme.muted}]] : []),
  ...access.externalAccounts.map((id): Line => [{text: `  ${sanitizeText(id)}`}]),
  [],
];

const iam: AccessSection = ({access, accountId, width, theme}) => {
  const text = {
    all: `IAM policies in account ${accountId} can also grant access to this key (the policy allows the account root every action).`,
    some: `IAM policies in account ${accountId} can grant only these actions on this key: ${access.iamActions.join(', ')}.`,
    conditional: `IAM policies in account ${accountId} can grant access to this key only under the policy's conditions.`,
    none: 'IAM policies cannot grant access to this key: only the principals above have it.',
  }[access.iamDelegation];
  return paragraph(text, width, {color: theme.muted});
};

const notes: AccessSection = ({access, classification, width, theme}) =>
  access.notes
    // The AWS managed note is the disclaimer already.
    .filter(note => classification?.kind !== 'aws-managed' || !note.startsWith('AWS manages'))
    .flatMap(note => paragraph(`ℹ ${sanitizeText(note)}`, width, {color: theme.accent}, 2));

export const ACCESS_SECTIONS: AccessSection[] = [
  disclaimer,
  uniqueIds,
  administrators,
  deletion,
  users,
  otherAccounts,
  iam,
  notes,
];
