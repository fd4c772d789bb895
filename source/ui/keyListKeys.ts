// What the keys of one read do to the key list: move, filter, sort, open, copy, refresh, quit.
// Pure, so a burst of keys (several in one read, as over SSH) is applied in order, each to the
// state the previous one left, and it is tested without a terminal. Sorting and clearing the
// filter keep the cursor on the key it was on (at the same height on screen where possible).
import type {Key} from 'ink';
import {actionFor} from './keymap.js';
import {filterRows} from './keyFilter.js';
import type {KeyRow} from './keyRows.js';
import {nextSort, sortRows, type SortColumn} from './keySort.js';
import {follow, move, type Move, type View} from './viewport.js';

export interface ListState {
  view: View;
  query: string;
  sort: SortColumn;
  /** `S`: the sort runs backwards. */
  reverse: boolean;
  /** The `/` text field has the keyboard. */
  editing: boolean;
}

/** The rows as the screen last rendered them (it memoises the sort and the filter). */
export interface ListContext {
  rows: readonly KeyRow[];
  /** `rows` in `sort` order (reversed with `reverse`), and that filtered by `query`. */
  sort: SortColumn;
  reverse: boolean;
  sorted: readonly KeyRow[];
  query: string;
  shown: readonly KeyRow[];
  /** Rows the table shows. */
  height: number;
  /** The sortable columns on screen, for `s`. */
  visible: readonly string[];
}

export interface ListResult {
  state: ListState;
  /** Enter was pressed on this row. */
  open?: KeyRow;
  /** `y` was pressed on this row: copy its ARN. */
  copy?: KeyRow;
  refresh: boolean;
  quit?: true;
}

export const LIST_TOP: View = {cursor: 0, offset: 0};
const MOVES: ReadonlySet<string> = new Set<Move>(['up', 'down', 'top', 'bottom', 'pageUp', 'pageDown']);

/**
 * The view that keeps `keyId` selected in `rows`, at the same row of the screen as in `before`
 * when that is possible; the top when the key is not in `rows`.
 */
export function keepSelected(
  keyId: string | undefined,
  before: View,
  rows: readonly KeyRow[],
  height: number,
): View {
  const index = keyId === undefined ? -1 : rows.findIndex(r => r.keyId === keyId);
  if (index < 0) return LIST_TOP;
  const onScreen = Math.max(0, before.cursor - before.offset);
  return follow({cursor: index, offset: Math.max(0, index - onScreen)}, rows.length, height);
}

export function applyListKeys(
  start: ListState,
  presses: ReadonlyArray<readonly [string, Key]>,
  ctx: ListContext,
): ListResult {
  let state = start;
  let refresh = false;
  // The rendered rows unless a key since the last render changed the filter or the sort; then
  // recomputed, once, when a later key needs them.
  let shown: readonly KeyRow[] | undefined =
    start.query === ctx.query && start.sort === ctx.sort && start.reverse === ctx.reverse
      ? ctx.shown
      : undefined;
  const rows = () =>
    (shown ??= filterRows(
      state.sort === ctx.sort && state.reverse === ctx.reverse
        ? ctx.sorted
        : sortRows(ctx.rows, state.sort, state.reverse),
      state.query,
    ));
  const selected = () => rows()[follow(state.view, rows().length, ctx.height).cursor];
  const change = (next: Partial<ListState>) => {
    state = {...state, ...next, view: LIST_TOP};
    shown = undefined;
  };
  /** A change that reorders or widens the list: the selected key stays selected. */
  const keep = (next: Partial<ListState>) => {
    const key = selected()?.keyId;
    const before = follow(state.view, rows().length, ctx.height);
    change(next);
    state = {...state, view: keepSelected(key, before, rows(), ctx.height)};
  };

  for (const [input, key] of presses) {
    if (state.editing) {
      // Text typed right after `/` in the same read; later reads go to the text field itself.
      if (key.return) state = {...state, editing: false};
      else if (input !== '') change({query: state.query + input});
      continue;
    }
    const action = actionFor('keys', input, key);
    if (action !== undefined && MOVES.has(action)) {
      state = {...state, view: move(state.view, action as Move, rows().length, ctx.height)};
    } else if (action === 'filter') state = {...state, editing: true};
    else if (action === 'clearFilter') keep({query: ''});
    else if (action === 'sort') keep({sort: nextSort(state.sort, ctx.visible), reverse: false});
    else if (action === 'reverse') keep({reverse: !state.reverse});
    else if (action === 'refresh') refresh = true;
    else if (action === 'quit') return {state, refresh, quit: true};
    else if (action === 'copy') {
      const row = selected();
      if (row) return {state, copy: row, refresh};
    } else if (action === 'open') {
      const row = selected();
      // Opening hands the keyboard to the key's screen: the rest of the read was typed before it showed.
      if (row) return {state, open: row, refresh};
    }
  }
  return {state, refresh};
}
