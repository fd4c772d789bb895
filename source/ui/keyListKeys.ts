// What the keys of one read do to the key list: move, filter, sort, open, refresh, quit. Pure, so a
// burst of keys (several in one read, as over SSH) is applied in order, each to the state the
// previous one left, and it is tested without a terminal.
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
  /** The `/` text field has the keyboard. */
  editing: boolean;
}

/** The rows as the screen last rendered them (it memoises the sort and the filter). */
export interface ListContext {
  rows: readonly KeyRow[];
  /** `rows` in `sort` order, and that filtered by `query`. */
  sort: SortColumn;
  sorted: readonly KeyRow[];
  query: string;
  shown: readonly KeyRow[];
  /** Rows the table shows. */
  height: number;
}

export interface ListResult {
  state: ListState;
  /** Enter was pressed on this row. */
  open?: KeyRow;
  refresh: boolean;
  quit?: true;
}

export const LIST_TOP: View = {cursor: 0, offset: 0};
const MOVES: ReadonlySet<string> = new Set<Move>(['up', 'down', 'top', 'bottom', 'pageUp', 'pageDown']);

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
    start.query === ctx.query && start.sort === ctx.sort ? ctx.shown : undefined;
  const rows = () =>
    (shown ??= filterRows(
      state.sort === ctx.sort ? ctx.sorted : sortRows(ctx.rows, state.sort),
      state.query,
    ));
  const change = (next: Partial<ListState>) => {
    state = {...state, ...next, view: LIST_TOP};
    shown = undefined;
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
    else if (action === 'clearFilter') change({query: ''});
    else if (action === 'sort') change({sort: nextSort(state.sort)});
    else if (action === 'refresh') refresh = true;
    else if (action === 'quit') return {state, refresh, quit: true};
    else if (action === 'open') {
      const row = rows()[follow(state.view, rows().length, ctx.height).cursor];
      // Opening hands the keyboard to the key's screen: the rest of the read was typed before it showed.
      if (row) return {state, open: row, refresh};
    }
  }
  return {state, refresh};
}
