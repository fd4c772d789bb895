// The keys screen: filter line, table, and the keys that move through it. Only the visible
// slice is rendered and reported to the loader, so metadata and badges arrive for what the
// operator looks at first. Sorting and filtering are memoised separately: a keystroke in the
// filter costs one pass over precomputed lower-case fields, never a sort.
import React, {useEffect, useMemo} from 'react';
import {Box, Text, useInput} from 'ink';
import {sanitizeText} from '../../policy/index.js';
import {useScreen, useTheme} from '../context.js';
import {actionFor, splitKeys} from '../keymap.js';
import {layoutColumns} from '../columns.js';
import {truncate} from '../../policy/index.js';
import {filterRows} from '../keyFilter.js';
import {applyListKeys, LIST_TOP, type ListState} from '../keyListKeys.js';
import type {KeyRow} from '../keyRows.js';
import {sortRows} from '../keySort.js';
import {follow} from '../viewport.js';
import type {KeysState} from '../hooks/useKeys.js';
import {useKeyState} from '../hooks/useKeyState.js';
import {FilterBar} from '../components/FilterBar.js';
import {KeyTable} from '../components/KeyTable.js';
import {StatusLine, statusText} from '../components/StatusLine.js';

export interface KeyListScreenProps {
  keys: KeysState;
  onOpen: (row: KeyRow) => void;
  /** `q`: on the keys screen it ends keypol (elsewhere it is the screen's "back"). */
  onQuit: () => void;
  /** False while another screen or an overlay has the keyboard (the list stays mounted to keep its place). */
  isActive: boolean;
  width: number;
  height: number;
}

export function KeyListScreen({keys, onOpen, onQuit, isActive, width, height}: KeyListScreenProps) {
  const theme = useTheme();
  // Every key starts from the state the previous key left, rendered or not (useKeyState).
  const [state, setState, latest] = useKeyState<ListState>({
    view: LIST_TOP,
    query: '',
    sort: 'alias',
    editing: false,
  });
  const {view, query, sort, editing} = state;
  useScreen(editing ? 'filter' : 'keys', isActive);

  const sorted = useMemo(() => sortRows(keys.rows, sort), [keys.rows, sort]);
  const shown = useMemo(() => filterRows(sorted, query), [sorted, query]);
  const fullHeight = Math.max(1, height - 2); // the filter/status line and the table header
  // When the selected key could not be read, one line under the table says why.
  const problem = shown[follow(view, shown.length, fullHeight).cursor]?.problem;
  const listHeight = problem ? Math.max(1, fullHeight - 1) : fullHeight;
  const current = follow(view, shown.length, listHeight);
  const visible = shown.slice(current.offset, current.offset + listHeight);
  const visibleIds = visible.map(r => r.keyId).join('\n');
  const {prioritise} = keys;
  useEffect(() => prioritise(visibleIds === '' ? [] : visibleIds.split('\n')), [prioritise, visibleIds]);

  const changeQuery = (next: string) => setState(s => ({...s, query: next, view: LIST_TOP}));

  // Typing wins over background loading (see KeyLoader.yieldToInput).
  useInput(() => keys.yieldToInput(), {isActive});

  useInput(
    (input, key) => {
      const action = actionFor('filter', input, key);
      // Text and Enter that arrived in one read (fast typing over SSH) still end the editing.
      if (action === 'apply' || (input.length > 1 && /[\r\n]/.test(input)))
        setState(s => ({...s, editing: false}));
      else if (action === 'clear') setState(s => ({...s, query: '', view: LIST_TOP, editing: false}));
    },
    {isActive: isActive && editing},
  );

  useInput(
    (input, key) => {
      const result = applyListKeys(latest(), splitKeys(input, key), {
        rows: keys.rows,
        sort,
        sorted,
        query,
        shown,
        height: listHeight,
      });
      setState(result.state);
      if (result.refresh) keys.reload();
      if (result.open) onOpen(result.open);
      if (result.quit) onQuit();
    },
    {isActive: isActive && !editing},
  );

  const status = {
    shown: shown.length,
    total: keys.rows.length,
    sort,
    progress: keys.progress,
    refreshing: keys.status.kind === 'loading' && keys.rows.length > 0,
  };
  // The filter keeps the room it needs; the counters take the rest of the line.
  const filterNeeds = editing ? Math.max(24, query.length + 5) : query ? query.length + 10 : 14;
  const statusWidth = Math.max(0, Math.min(statusText(status).length, width - filterNeeds));
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Box flexDirection="row" width={width}>
        <Box width={width - statusWidth}>
          <FilterBar
            query={query}
            editing={editing && isActive}
            onChange={changeQuery}
            width={width - statusWidth}
          />
        </Box>
        <Box width={statusWidth} justifyContent="flex-end">
          <StatusLine {...status} />
        </Box>
      </Box>
      {keys.status.kind === 'error' ? (
        <Box flexDirection="column" paddingLeft={1} paddingTop={1}>
          <Text color={theme.danger} wrap="wrap">
            Could not list the keys: {sanitizeText(keys.status.message)}
          </Text>
          <Text wrap="wrap">Press r to try again, : to switch region or profile, q to quit.</Text>
        </Box>
      ) : keys.status.kind === 'loading' && keys.rows.length === 0 ? (
        <Text color={theme.muted}> Listing keys…</Text>
      ) : (
        <>
          <KeyTable
            rows={visible}
            columns={layoutColumns(width)}
            selected={current.cursor - current.offset}
            width={width}
          />
          {problem ? (
            <Text color={theme.warning} wrap="truncate">
              {truncate(` ⚠ ${problem}`, width)}
            </Text>
          ) : null}
          {shown.length === 0 ? (
            <Text color={theme.muted} wrap="truncate">
              {keys.rows.length === 0
                ? ' This region has no keys.'
                : ' No key matches the filter. Esc clears it.'}
            </Text>
          ) : null}
        </>
      )}
    </Box>
  );
}
