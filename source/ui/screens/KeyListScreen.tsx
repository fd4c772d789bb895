// The keys screen: filter line, table, and the keys that move through it. Only the visible
// slice is rendered and reported to the loader, so metadata and badges arrive for what the
// operator looks at first. Sorting and filtering are memoised separately: a keystroke in the
// filter costs one pass over precomputed lower-case fields, never a sort.
import React, {useContext, useEffect, useMemo, useState} from 'react';
import {Box, Text} from 'ink';
import {useKeyInput} from '../keyInput.js';
import {sanitizeText} from '../../policy/index.js';
import {GatewayContext, useScreen, useTheme} from '../context.js';
import {actionFor, splitKeys} from '../keymap.js';
import {layoutColumns} from '../columns.js';
import {truncate} from '../../policy/index.js';
import {analyseFilter, filterNotes, filterRows} from '../keyFilter.js';
import {applyListKeys, keepSelected, LIST_TOP, type ListState} from '../keyListKeys.js';
import {wrapWords} from '../components/LineView.js';
import {useCopy} from '../hooks/useCopy.js';
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
  /** A pasted ARN names another Region: reconnect there (absent when keypol cannot switch). */
  onSwitchRegion?: ((region: string) => void) | undefined;
  width: number;
  height: number;
}

export function KeyListScreen({
  keys,
  onOpen,
  onQuit,
  isActive,
  onSwitchRegion,
  width,
  height,
}: KeyListScreenProps) {
  const theme = useTheme();
  // The Region the list is of (for a pasted ARN of another one); tests may render without a gateway.
  const region = useContext(GatewayContext)?.info.region ?? '';
  const copy = useCopy();
  // A sentence about the last key pressed (a copy); the next key clears it.
  const [notice, setNotice] = useState<string>();
  // Every key starts from the state the previous key left, rendered or not (useKeyState).
  const [state, setState, latest] = useKeyState<ListState>({
    view: LIST_TOP,
    query: '',
    sort: 'alias',
    reverse: false,
    editing: false,
  });
  const {view, query, sort, reverse, editing} = state;
  useScreen(editing ? 'filter' : 'keys', isActive);

  const columns = layoutColumns(width);
  const visibleColumns = useMemo(() => columns.map(c => c.key as string), [width]);
  const sorted = useMemo(() => sortRows(keys.rows, sort, reverse), [keys.rows, sort, reverse]);
  const shown = useMemo(() => filterRows(sorted, query), [sorted, query]);
  const fullHeight = Math.max(1, height - 2); // the filter/status line and the table header
  // Under the table: why the selected key could not be read, what the filter needs saying, a notice.
  const problem = shown[follow(view, shown.length, fullHeight).cursor]?.problem;
  const notes = query ? filterNotes(query, region, keys.progress) : [];
  const below = [
    ...(problem ? [{text: ` ⚠ ${problem}`, color: theme.warning}] : []),
    ...[...notes, ...(notice ? [notice] : [])].flatMap(n =>
      wrapWords(n, width - 1, 2).map(text => ({text: ` ${text}`, color: theme.muted})),
    ),
  ].slice(0, Math.max(0, fullHeight - 3));
  const listHeight = Math.max(1, fullHeight - below.length);
  const current = follow(view, shown.length, listHeight);
  const visible = shown.slice(current.offset, current.offset + listHeight);
  const visibleIds = visible.map(r => r.keyId).join('\n');
  const {prioritise} = keys;
  useEffect(() => prioritise(visibleIds === '' ? [] : visibleIds.split('\n')), [prioritise, visibleIds]);

  const changeQuery = (next: string) => setState(s => ({...s, query: next, view: LIST_TOP}));

  // Typing wins over background loading (see KeyLoader.yieldToInput).
  useKeyInput(() => keys.yieldToInput(), {isActive});

  useKeyInput(
    (input, key) => {
      const action = actionFor('filter', input, key);
      if (action === 'apply') {
        setState(s => ({...s, editing: false}));
        // A pasted ARN of another Region: go there, keeping the filter (as `keypol show ARN` does).
        const other = analyseFilter(latest().query).arnRegions.find(r => r !== region.toLowerCase());
        if (other && onSwitchRegion) onSwitchRegion(other);
      } else if (action === 'clear') {
        // The key the cursor was on stays selected in the whole list.
        const selected = shown[follow(view, shown.length, listHeight).cursor]?.keyId;
        const kept = keepSelected(selected, follow(view, shown.length, listHeight), sorted, listHeight);
        setState(s => ({...s, query: '', view: kept, editing: false}));
      }
    },
    {isActive: isActive && editing},
  );

  useKeyInput(
    (input, key) => {
      const result = applyListKeys(latest(), splitKeys(input, key), {
        rows: keys.rows,
        sort,
        reverse,
        sorted,
        query,
        shown,
        height: listHeight,
        visible: visibleColumns,
      });
      setState(result.state);
      setNotice(
        result.copy
          ? copy(result.copy.summary.arn, `the ARN of ${result.copy.cells.alias || result.copy.cells.id}`)
          : undefined,
      );
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
    reverse,
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
            columns={columns}
            selected={current.cursor - current.offset}
            sort={{column: sort, reverse}}
            width={width}
          />
          {below.map((line, i) => (
            <Text key={i} color={line.color} wrap="truncate">
              {truncate(line.text, width)}
            </Text>
          ))}
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
