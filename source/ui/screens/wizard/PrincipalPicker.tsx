// Step 2 of the access wizard for key administrators and key users: the account's roles and
// users as a table to pick from, like the console's — type to filter (name, path, ARN; substring
// or fuzzy), ↑↓ PgUp/PgDn (and j/k/g/G once Tab has moved to the list), Space picks several,
// Enter adds them in one change. Typing a full ARN still works (another account, a principal IAM
// does not list to you), and is the whole step when IAM refuses the listing. For a removal the
// same table lists the statement's principals. Only the visible rows are rendered.
import React, {useEffect, useMemo, useRef, useState} from 'react';
import {Box, Text, type Key} from 'ink';
import {useKeyInput} from '../../keyInput.js';
import {SERVICE_LINKED_NOTE, SSO_NOTE, fit, formatCount, incrementalFilter} from '../../../policy/index.js';
import type {AccessRole} from '../../../policy/types.js';
import {LineRows, paragraph, type Line} from '../../components/LineView.js';
import {TextInput} from '../../components/TextInput.js';
import {useOverlayOpen, useTheme} from '../../context.js';
import type {PrincipalsState} from '../../hooks/usePrincipals.js';
import {splitKeys} from '../../keymap.js';
import {follow, move, visibleRange, type Move, type View} from '../../viewport.js';
import type {PickerRow} from './pickerRows.js';
import {ROLE_WORDS} from './choices.js';

export type PickerSubmit = {kind: 'picked'; values: string[]} | {kind: 'typed'; text: string};

export interface PrincipalPickerProps {
  mode: 'add' | 'remove';
  role: AccessRole;
  rows: readonly PickerRow[];
  /** The IAM listing behind `rows` (add mode): loading, ready, or why it failed. */
  status: PrincipalsState;
  /** What a typed ARN would do (add mode): ok, and the lines that say so. */
  typedVerdict: (text: string) => {ok: boolean; lines: Line[]} | undefined;
  onSubmit: (submit: PickerSubmit) => void;
  onRefresh: () => void;
  /** The text to start with (kept by the wizard when the operator comes back to this step). */
  initialQuery?: string;
  /**
   * Told the text once, when the step is left: told on every key, the wizard would re-render
   * around the picker at each keystroke.
   */
  onLeave?: (query: string) => void;
  width: number;
  height: number;
}

/** A typed principal rather than a filter: an ARN or a 12-digit account id. */
export const isTypedPrincipal = (text: string): boolean => /^\s*(arn:|\d{12}\s*$)/i.test(text);

const TYPE_WIDTH = 14;
const PICK_WIDTH = 4;
const FIXED_LINES = 6; // question, field, status, header, two note lines

function keyFor(key: Key): Move | undefined {
  if (key.upArrow) return 'up';
  if (key.downArrow) return 'down';
  if (key.pageUp) return 'pageUp';
  if (key.pageDown) return 'pageDown';
  return undefined;
}

export function PrincipalPicker({
  mode,
  role,
  rows,
  status,
  typedVerdict,
  onSubmit,
  onRefresh,
  initialQuery = '',
  onLeave,
  width,
  height,
}: PrincipalPickerProps) {
  const theme = useTheme();
  const overlay = useOverlayOpen();
  const [query, setQuery] = useState(initialQuery);
  const [inList, setInList] = useState(false);
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const [nudge, setNudge] = useState<string>();
  const typed = mode === 'add' && (isTypedPrincipal(query) || status.status === 'failed');
  // One per picker: typing narrows the previous matches instead of searching every row again.
  const filter = useMemo(() => incrementalFilter<PickerRow>(), []);
  const filtered = useMemo(() => (typed ? [] : filter(rows, query)), [filter, rows, query, typed]);
  const left = useRef({query, onLeave});
  left.current = {query, onLeave};
  useEffect(() => () => left.current.onLeave?.(left.current.query), []);
  const listHeight = Math.max(3, height - FIXED_LINES);
  const [view, setView] = useState<View>({cursor: 0, offset: 0});
  // Keys that arrive in one read act on the cursor the previous key left (as ChoiceList does).
  const latest = useRef({view, filtered, picked});
  latest.current = {view: follow(view, filtered.length, listHeight), filtered, picked};

  const setCursor = (next: View) => {
    latest.current.view = next;
    setView(next);
  };
  const changeQuery = (text: string) => {
    if (text.includes(' ') && !isTypedPrincipal(text)) {
      // Names and ARNs have no spaces: Space picks the highlighted row instead.
      togglePick();
      return;
    }
    setQuery(text);
    setNudge(undefined);
    setCursor({cursor: 0, offset: 0});
  };
  const highlighted = (): PickerRow | undefined => latest.current.filtered[latest.current.view.cursor];
  const togglePick = () => {
    const row = highlighted();
    if (!row) return;
    if (mode === 'add' && row.present) {
      setNudge(`${row.shownName} is already ${ROLE_WORDS[role].article} ${ROLE_WORDS[role].one}.`);
      return;
    }
    const next = new Set(latest.current.picked);
    if (next.has(row.value)) next.delete(row.value);
    else next.add(row.value);
    latest.current.picked = next;
    setPicked(next);
    setNudge(undefined);
  };
  const submit = (text: string, fromList: boolean) => {
    if (mode === 'add' && (isTypedPrincipal(text) || status.status === 'failed')) {
      if (!text.trim()) return setNudge(emptyHint(role));
      return onSubmit({kind: 'typed', text: text.trim()});
    }
    const chosen = [...latest.current.picked];
    if (chosen.length > 0) return onSubmit({kind: 'picked', values: chosen});
    const row = highlighted();
    if (mode === 'add' && !text.trim() && !fromList) return setNudge(emptyHint(role));
    if (!row) return setNudge(text.trim() ? `Nothing matches "${text.trim()}".` : emptyHint(role));
    if (mode === 'add' && row.present) {
      return setNudge(`${row.shownName} is already ${ROLE_WORDS[role].article} ${ROLE_WORDS[role].one}.`);
    }
    onSubmit({kind: 'picked', values: [row.value]});
  };

  useKeyInput(
    (input, key) => {
      for (const [ch, k] of splitKeys(input, key)) {
        const how = keyFor(k) ?? (inList ? listMove(ch) : undefined);
        if (how) {
          setCursor(move(latest.current.view, how, latest.current.filtered.length, listHeight));
          continue;
        }
        if (k.tab) {
          setInList(!inList);
          continue;
        }
        if (k.ctrl && ch === 'r') onRefresh();
        if (!inList) continue;
        if (ch === ' ') togglePick();
        else if (k.return) return submit(query, true);
        else if (ch === 'r') onRefresh();
        else if (ch === '/') setInList(false);
      }
    },
    {isActive: !overlay},
  );

  const verdict = typed && query.trim() ? typedVerdict(query) : undefined;
  const lines: Line[] = [];
  if (nudge) lines.push(...paragraph(nudge, width, {color: theme.warning}, 2));
  if (verdict) lines.push(...verdict.lines);
  const current = filtered[view.cursor];
  if (!verdict && current && mode === 'add') lines.push(...rowNote(current, role, width, theme));

  const {start, end} = visibleRange(view, filtered.length, listHeight);
  const pathWidth = Math.min(34, Math.max(8, Math.floor(width * 0.28)));
  // A removal shows the pick column only once something is picked with Space.
  const pickWidth = mode === 'remove' && picked.size === 0 ? 0 : PICK_WIDTH;
  const nameWidth = Math.max(12, width - 2 - pickWidth - TYPE_WIDTH - pathWidth - 2);
  const question =
    mode === 'add'
      ? `Which role or user? Type to filter, Space picks several, or paste an ARN:`
      : `Which principal to remove? Type to filter:`;
  return (
    <Box flexDirection="column" width={width}>
      <Text bold wrap="truncate-end">
        {question}
      </Text>
      <Box>
        <Text color={inList ? theme.muted : theme.accent}>› </Text>
        <TextInput
          value={query}
          onChange={changeQuery}
          onSubmit={text => submit(text, false)}
          isActive={!inList}
          placeholder={mode === 'add' ? 'name, path or arn:aws:iam::111122223333:role/NAME' : 'name or ARN'}
          width={Math.max(10, width - 2)}
        />
      </Box>
      <Text color={theme.muted} wrap="truncate-end">
        {statusLine(mode, status, typed, filtered.length, rows.length, picked.size, inList)}
      </Text>
      {typed ? null : (
        <>
          <Text bold color={theme.muted} wrap="truncate">
            {'  '}
            {''.padEnd(pickWidth)}
            {fit('NAME', nameWidth)} {fit('TYPE', TYPE_WIDTH)} {fit('PATH', pathWidth)}
          </Text>
          {filtered.slice(start, end).map((row, i) => {
            const selected = start + i === view.cursor;
            const mark =
              mode === 'remove'
                ? picked.has(row.value)
                  ? '[x] '
                  : ''.padEnd(pickWidth)
                : row.present
                  ? ' ✓  '
                  : picked.has(row.value)
                    ? '[x] '
                    : '[ ] ';
            return (
              <Text
                key={row.value}
                color={selected ? theme.accent : row.present && mode === 'add' ? theme.muted : undefined}
                wrap="truncate"
              >
                {selected ? '❯ ' : '  '}
                {mark}
                {fit(row.shownName, nameWidth)}{' '}
                <Text color={labelColor(row, theme)}>{fit(row.typeText, TYPE_WIDTH)}</Text>{' '}
                {fit(row.shownPath, pathWidth)}
              </Text>
            );
          })}
        </>
      )}
      <LineRows lines={lines.slice(0, typed ? 8 : 2)} />
    </Box>
  );
}

function listMove(ch: string): Move | undefined {
  return ({j: 'down', k: 'up', g: 'top', G: 'bottom'} as const)[ch as 'j'];
}

export function emptyHint(role: AccessRole): string {
  return `Type part of a role or user name (Space picks several), or paste the ARN of an IAM user or role, to add ${ROLE_WORDS[role].article} ${ROLE_WORDS[role].one}.`;
}

function statusLine(
  mode: 'add' | 'remove',
  status: PrincipalsState,
  typed: boolean,
  shown: number,
  total: number,
  picked: number,
  inList: boolean,
): string {
  if (mode === 'add' && status.status === 'loading') {
    return 'Loading the account’s roles and users from IAM… (you can paste an ARN meanwhile)';
  }
  if (mode === 'add' && status.status === 'failed') return ''; // the note below says why
  if (typed) return 'An ARN: Enter checks it and goes on.';
  const keys = inList
    ? 'j/k g/G PgUp/PgDn · Space pick · / filter · r refresh'
    : '↑↓ PgUp/PgDn · Space pick · Tab list (g/G)';
  return `${formatCount(shown)} of ${formatCount(total)}${picked ? ` · ${formatCount(picked)} picked` : ''} · ${keys}`;
}

function labelColor(row: PickerRow, theme: ReturnType<typeof useTheme>): string | undefined {
  if (row.label === 'service-linked') return theme.warning;
  if (row.label === 'sso') return theme.accent;
  return theme.muted;
}

function rowNote(
  row: PickerRow,
  role: AccessRole,
  width: number,
  theme: ReturnType<typeof useTheme>,
): Line[] {
  if (row.present) {
    return paragraph(
      `✓ ${row.shownName} is already ${ROLE_WORDS[role].article} ${ROLE_WORDS[role].one}.`,
      width,
      {color: theme.muted},
      2,
    );
  }
  if (row.label === 'service-linked') {
    return paragraph(
      `ℹ ${role === 'administrator' ? 'Not a useful key administrator. ' : ''}${SERVICE_LINKED_NOTE}`,
      width,
      {color: theme.warning},
      2,
    );
  }
  if (row.label === 'sso') return paragraph(`ℹ ${SSO_NOTE}`, width, {color: theme.accent}, 2);
  return [];
}
