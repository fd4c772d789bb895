// The policy as KMS returned it: highlighted, numbered, long lines wrapped, problems marked in
// the gutter at their line, scrolling inside the screen (↑/k ↓/j PgUp PgDn, g/G top and bottom),
// and `/` to find text, n/N for the next and previous line that has it.
import React, {useLayoutEffect, useMemo, useState} from 'react';
import {Box, Text} from 'ink';
import {useKeyInput} from '../../keyInput.js';
import {formatCount, policyByteLength, sanitizeText} from '../../../policy/index.js';
import {
  JsonView,
  jsonLines,
  jsonRows,
  jsonTextWidth,
  problemMarks,
  rowOfLine,
} from '../../components/JsonView.js';
import {TextInput} from '../../components/TextInput.js';
import {useOverlayOpen, useScreen, useTheme} from '../../context.js';
import {useLineScroll, viewerActions} from '../../hooks/useLineScroll.js';
import type {PolicyModel} from '../../hooks/usePolicy.js';
import {actionFor} from '../../keymap.js';
import {firstFrom, matchingLines, stepMatch} from '../../policySearch.js';

export interface TabProps {
  model: PolicyModel;
  width: number;
  height: number;
  isActive: boolean;
}

interface Search {
  typing: boolean;
  text: string;
  /** The text last searched for (n/N go through its matches). */
  applied: string;
  current: number;
}

const NO_SEARCH: Search = {typing: false, text: '', applied: '', current: 0};

export function PolicyTab({
  model,
  width,
  height,
  isActive,
  onTyping,
}: TabProps & {
  /** The search field has the keyboard: the detail screen's own keys (1-4, q) must wait. */
  onTyping?: (typing: boolean) => void;
}) {
  const theme = useTheme();
  const {text} = model.snapshot;
  const lines = useMemo(() => jsonLines(text), [text]);
  const plainLines = useMemo(() => lines.map(l => l.map(t => t.text).join('')), [lines]);
  const rows = useMemo(() => jsonRows(lines, jsonTextWidth(width, lines.length)), [lines, width]);
  const findings = useMemo(() => [...model.validation, ...model.lint], [model]);
  const marks = useMemo(() => problemMarks(findings), [findings]);
  const viewHeight = Math.max(1, height - 1);
  const {top, scroll, reveal} = useLineScroll(rows.length, viewHeight);
  const [search, setSearch] = useState<Search>(NO_SEARCH);
  const matches = useMemo(() => matchingLines(plainLines, search.applied), [plainLines, search.applied]);
  const overlay = useOverlayOpen();
  useScreen('search', isActive && search.typing);
  // A layout effect: the detail screen's keys stop before the next key of the read (keyInput.tsx).
  useLayoutEffect(() => onTyping?.(search.typing), [onTyping, search.typing]);

  const goTo = (index: number, found: readonly number[]) => {
    const line = found[index];
    if (line !== undefined) reveal(rowOfLine(rows, line));
  };

  useKeyInput(
    (input, key) => {
      for (const action of viewerActions(input, key)) {
        if (action === 'search') return setSearch(s => ({...s, typing: true, text: ''}));
        if ((action === 'nextMatch' || action === 'prevMatch') && matches.length > 0) {
          const next = stepMatch(matches.length, search.current, action === 'nextMatch' ? 1 : -1);
          setSearch(s => ({...s, current: next}));
          goTo(next, matches);
        } else scroll(action);
      }
    },
    {isActive: isActive && !overlay && !search.typing},
  );
  useKeyInput(
    (input, key) => {
      if (actionFor('search', input, key) === 'cancel') setSearch(s => ({...s, typing: false}));
    },
    {isActive: isActive && !overlay && search.typing},
  );
  const find = (query: string) => {
    const found = matchingLines(plainLines, query);
    const current = firstFrom(found, rows[top]?.line ?? 1);
    setSearch({typing: false, text: query, applied: query, current});
    goTo(current, found);
  };

  const highlight = useMemo(() => {
    const map = new Map<number, 'match' | 'current'>(matches.map(m => [m, 'match']));
    const current = matches[search.current];
    if (current !== undefined) map.set(current, 'current');
    return map;
  }, [matches, search.current]);

  const errors = findings.filter(f => f.severity === 'error').length;
  const warnings = findings.filter(f => f.severity === 'warning').length;
  const first = rows[top]?.line ?? 1;
  const last = rows[Math.min(rows.length, top + viewHeight) - 1]?.line ?? lines.length;
  const shownQuery = sanitizeText(search.applied);
  return (
    <Box flexDirection="column" width={width} height={height}>
      {search.typing ? (
        <Text wrap="truncate">
          <Text bold color={theme.accent}>
            {'/ '}
          </Text>
          <TextInput
            value={search.text}
            onChange={value => setSearch(s => ({...s, text: value}))}
            onSubmit={find}
            width={Math.max(1, width - 3)}
            placeholder="text to find in the policy · Enter find · Esc stop"
          />
        </Text>
      ) : (
        <Text wrap="truncate-end">
          <Text color={theme.muted}>
            {`${formatCount(policyByteLength(text))} bytes · lines ${formatCount(first)}–${formatCount(last)} of ${formatCount(lines.length)}`}
          </Text>
          {search.applied ? (
            <Text color={matches.length ? theme.accent : theme.warning}>
              {matches.length
                ? ` · "${shownQuery}" ${formatCount(search.current + 1)} of ${formatCount(matches.length)} (n/N)`
                : ` · no line has "${shownQuery}"`}
            </Text>
          ) : null}
          {errors > 0 ? (
            <Text color={theme.danger}>
              {' '}
              · ✖ {formatCount(errors)} error{errors === 1 ? '' : 's'}
            </Text>
          ) : null}
          {warnings > 0 ? (
            <Text color={theme.warning}>
              {' '}
              · ⚠ {formatCount(warnings)} warning{warnings === 1 ? '' : 's'} (Findings tab)
            </Text>
          ) : null}
        </Text>
      )}
      <JsonView
        rows={rows}
        lineCount={lines.length}
        top={top}
        height={viewHeight}
        width={width}
        marks={marks}
        highlight={highlight}
      />
    </Box>
  );
}
