// The key's grants: a virtualised table like the key list (only the visible rows render, the
// viewport arithmetic is viewport.ts's), `/` filters, Enter shows one grant in full, x revokes.
// Rows appear with the first ListGrants page; a refusal to list says so in place.
import React, {useEffect, useLayoutEffect, useMemo, useRef, useState} from 'react';
import {Box, Text} from 'ink';
import {useKeyInput} from '../../keyInput.js';
import type {KeyDetails, KeyGrant} from '../../../aws/types.js';
import {formatCount, grantPrincipal, sanitizeText} from '../../../policy/index.js';
import {FilterBar} from '../../components/FilterBar.js';
import {paragraph, type Line} from '../../components/LineView.js';
import {ScrollPane} from '../../components/ScrollPane.js';
import {useOverlayOpen, useScreen, useTheme} from '../../context.js';
import {
  filterGrantRows,
  grantColumns,
  grantHeader,
  grantLine,
  grantRow,
  type GrantRow,
} from '../../grantRows.js';
import type {GrantsModel} from '../../hooks/useGrants.js';
import {actionFor, splitKeys} from '../../keymap.js';
import type {Theme} from '../../theme.js';
import {follow, move, type Move, type View} from '../../viewport.js';

export interface GrantsTabProps {
  keyDetails: KeyDetails;
  grants: GrantsModel;
  width: number;
  height: number;
  isActive: boolean;
  /** True while the tab keeps every key for itself (filtering, one grant shown). */
  onCapture: (capturing: boolean) => void;
  /** Why revoking is refused now (read-only, AWS managed key), if so. */
  revokeRefusal?: string | undefined;
  onRevoke: (grant: KeyGrant) => void;
  onStatus: (message: string) => void;
  /**
   * The filter and the cursor, kept by the detail screen: the tab unmounts while a revoke is
   * confirmed, and comes back to the same filter with the cursor on the same row number, which is
   * the revoked grant's nearest neighbour once the list is read again.
   */
  place: {current: GrantsPlace};
}

export interface GrantsPlace {
  query: string;
  view: View;
}

export const NO_PLACE: GrantsPlace = {query: '', view: {cursor: 0, offset: 0}};

type Mode = {name: 'list'} | {name: 'filter'} | {name: 'grant'; grant: KeyGrant};

const MOVES: Readonly<Record<string, Move>> = {
  up: 'up',
  down: 'down',
  pageUp: 'pageUp',
  pageDown: 'pageDown',
  top: 'top',
  bottom: 'bottom',
};

/** "not permitted: kms:ListGrants" — the one thing this tab cannot show, said where it would be. */
const GRANT_PLACEHOLDER = [
  'id, name, grantee, operation, constraint…',
  'id, name, grantee, operation…',
  'id, grantee…',
];

export const notPermitted = (action: string): string => `not permitted: ${action}`;

export function GrantsTab(props: GrantsTabProps) {
  const {keyDetails, grants, width, height, isActive, onCapture, revokeRefusal, onRevoke, onStatus, place} =
    props;
  const theme = useTheme();
  const overlay = useOverlayOpen();
  const [mode, setMode] = useState<Mode>({name: 'list'});
  const [query, setQuery] = useState(place.current.query);
  const [view, setView] = useState<View>(place.current.view);
  const latest = useRef(view);
  latest.current = view;
  place.current = {query, view};
  const cache = useRef(new WeakMap<KeyGrant, GrantRow>());

  useEffect(() => grants.want(), [grants]);
  // The capture is reported with the mode change, not from an effect: the detail screen's keys
  // stop in the same render the filter field's start, so a key typed right after `/` is not
  // also taken by the detail screen (an effect took one more render: `a` opened the wizard).
  const toMode = (next: Mode) => {
    setMode(next);
    onCapture(next.name !== 'list');
  };
  useLayoutEffect(() => () => onCapture(false), [onCapture]);
  const screen = mode.name === 'filter' ? 'grantFilter' : mode.name === 'grant' ? 'grant' : 'grants';
  useScreen(screen, isActive);

  const {state} = grants;
  const list = state.status === 'loading' || state.status === 'ready' ? state.grants : [];
  // Rows are built once per grant: each new page adds rows, it does not rebuild the old ones.
  const rows = useMemo(
    () =>
      list.map(g => {
        let row = cache.current.get(g);
        if (!row) cache.current.set(g, (row = grantRow(g, keyDetails.accountId)));
        return row;
      }),
    [list, keyDetails.accountId],
  );
  const shown = useMemo(() => filterGrantRows(rows, query), [rows, query]);
  const listHeight = Math.max(1, height - 2);
  const current = follow(view, shown.length, listHeight);

  const revoke = (grant: KeyGrant | undefined) => {
    if (!grant) return;
    if (revokeRefusal) onStatus(revokeRefusal);
    else onRevoke(grant);
  };

  useKeyInput(
    (input, key) => {
      for (const [i, k] of splitKeys(input, key)) {
        const scroll = actionFor('keyDetail', i, k) ?? actionFor('grants', i, k);
        const how = scroll ? MOVES[scroll] : undefined;
        if (how) {
          latest.current = move(latest.current, how, shown.length, listHeight);
          setView(latest.current);
          continue;
        }
        const act = actionFor('grants', i, k);
        const at = shown[follow(latest.current, shown.length, listHeight).cursor]?.grant;
        if (act === 'filter') return toMode({name: 'filter'});
        if (act === 'open' && at) return toMode({name: 'grant', grant: at});
        if (act === 'revoke') return revoke(at);
      }
    },
    {isActive: isActive && !overlay && mode.name === 'list'},
  );

  useKeyInput(
    (input, key) => {
      const act = actionFor('grantFilter', input, key);
      if (act === 'apply') toMode({name: 'list'});
      else if (act === 'clear') {
        setQuery('');
        toMode({name: 'list'});
      }
    },
    {isActive: isActive && !overlay && mode.name === 'filter'},
  );

  useKeyInput(
    (input, key) => {
      const act = actionFor('grant', input, key);
      if (act === 'close') toMode({name: 'list'});
      else if (act === 'revoke' && mode.name === 'grant') revoke(mode.grant);
    },
    {isActive: isActive && !overlay && mode.name === 'grant'},
  );

  if (mode.name === 'grant') {
    return (
      <ScrollPane
        key={mode.grant.grantId}
        lines={grantLines(mode.grant, keyDetails.accountId, width, theme)}
        height={height}
        width={width}
        isActive={isActive}
      />
    );
  }
  if (state.status === 'error') {
    return (
      <Box flexDirection="column" width={width} height={height}>
        {paragraph(
          state.denied ? `${notPermitted('kms:ListGrants')} — ${state.message}` : state.message,
          width,
          {color: state.denied ? theme.warning : theme.danger},
        ).map((l, i) => (
          <Text key={i} color={l[0]?.color} wrap="truncate-end">
            {l.map(s => s.text).join('')}
          </Text>
        ))}
        <Text color={theme.muted}>Press r to try again.</Text>
      </Box>
    );
  }
  const counts =
    state.status === 'ready'
      ? `${shown.length === rows.length ? '' : `${formatCount(shown.length)} of `}${formatCount(rows.length)} grants`
      : `reading grants… ${formatCount(rows.length)}`;
  const columns = grantColumns(width);
  const visible = shown.slice(current.offset, current.offset + listHeight);
  const filterWidth = Math.max(10, width - counts.length - 1);
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Box width={width}>
        <Box width={filterWidth}>
          <FilterBar
            query={query}
            editing={mode.name === 'filter' && isActive}
            onChange={q => {
              setQuery(q);
              setView({cursor: 0, offset: 0});
            }}
            width={filterWidth}
            placeholder={GRANT_PLACEHOLDER}
          />
        </Box>
        <Text color={theme.muted}> {counts}</Text>
      </Box>
      {rows.length === 0 && state.status === 'ready' ? (
        <Text color={theme.muted}>
          This key has no grants: only its key policy (and IAM, if it allows) decide.
        </Text>
      ) : (
        <>
          <Text bold color={theme.muted} wrap="truncate">
            {'  '}
            {grantHeader(columns)}
          </Text>
          {visible.map((row, i) => {
            const isSelected = current.offset + i === current.cursor;
            return (
              <Text key={row.grant.grantId} inverse={isSelected} bold={isSelected} wrap="truncate">
                {isSelected ? '› ' : '  '}
                {grantLine(row, columns)}
              </Text>
            );
          })}
          {shown.length === 0 && rows.length > 0 ? (
            <Text color={theme.muted}> No grant matches the filter. Esc clears it.</Text>
          ) : null}
        </>
      )}
    </Box>
  );
}

/** One grant in full: every field KMS returned, names beside the ARNs, constraints spelled out. */
export function grantLines(grant: KeyGrant, keyAccountId: string, width: number, theme: Theme): Line[] {
  const field = (label: string, value: string, note?: string): Line[] => {
    const text = `${sanitizeText(value)}${note ? `  (${sanitizeText(note)})` : ''}`;
    const [first = [], ...rest] = paragraph(text, Math.max(10, width - 20)).map((l): Line => [
      {text: ' '.repeat(20)},
      ...l,
    ]);
    return [[{text: label.padEnd(20), color: theme.muted}, ...first.slice(1)], ...rest];
  };
  const who = (arn: string) => grantPrincipal(arn, keyAccountId).name;
  const lines: Line[] = [[{text: `Grant ${sanitizeText(grant.grantId)}`, bold: true}]];
  lines.push(...field('Name', grant.name ?? '(none)'));
  lines.push(...field('Grantee', grant.granteePrincipal, who(grant.granteePrincipal)));
  lines.push(
    ...field(
      'Retiring principal',
      grant.retiringPrincipal ?? '(none)',
      grant.retiringPrincipal ? who(grant.retiringPrincipal) : undefined,
    ),
  );
  lines.push(...field('Issuing account', grant.issuingAccount));
  lines.push(...field('Created', grant.creationDate ?? '(unknown)'));
  lines.push(...field('Operations', grant.operations.join(', ')));
  const c = grant.constraints;
  if (!c) lines.push(...field('Constraints', 'none: the grant applies to any encryption context'));
  for (const [label, map] of [
    ['Context equals', c?.encryptionContextEquals],
    ['Context includes', c?.encryptionContextSubset],
  ] as const) {
    if (!map) continue;
    lines.push(
      ...field(
        label,
        Object.entries(map)
          .map(([k, v]) => `${k}=${v}`)
          .join(', '),
      ),
    );
  }
  lines.push(
    [],
    ...paragraph(
      'Grants are not part of the key policy. Revoking one (x) is immediate; keypol saves its definition ' +
        'first, so it can be recreated with CreateGrant — it then gets a new grant id. Esc goes back.',
      width,
      {color: theme.muted},
    ),
  );
  return lines;
}
