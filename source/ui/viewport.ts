// Viewport arithmetic for virtualised lists: which slice of `count` rows is on screen, and where
// the cursor goes for each movement. Pure, so the list renders only `height` rows whatever
// `count` is, and the edge cases (empty list, resize, list shrinking under the cursor) are tested.

export type Move = 'up' | 'down' | 'top' | 'bottom' | 'pageUp' | 'pageDown';

export interface View {
  cursor: number;
  /** Index of the first visible row. */
  offset: number;
}

const clamp = (n: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, n));

/** Keeps the cursor inside [0, count) and the viewport around it, moving the viewport as little as possible. */
export function follow(view: View, count: number, height: number): View {
  if (count <= 0 || height <= 0) return {cursor: 0, offset: 0};
  const cursor = clamp(view.cursor, 0, count - 1);
  let offset = clamp(view.offset, 0, Math.max(0, count - height));
  if (cursor < offset) offset = cursor;
  else if (cursor >= offset + height) offset = cursor - height + 1;
  return {cursor, offset};
}

export function move(view: View, how: Move, count: number, height: number): View {
  const page = Math.max(1, height - 1); // keep one row of context across a page turn
  const current = follow(view, count, height);
  const target: Record<Move, number> = {
    up: current.cursor - 1,
    down: current.cursor + 1,
    top: 0,
    bottom: count - 1,
    pageUp: current.cursor - page,
    pageDown: current.cursor + page,
  };
  // A page turn scrolls the viewport with the cursor, as less and vim do.
  const offset =
    how === 'pageDown' ? current.offset + page : how === 'pageUp' ? current.offset - page : current.offset;
  return follow({cursor: target[how], offset}, count, height);
}

/** The visible index range [start, end). */
export function visibleRange(view: View, count: number, height: number): {start: number; end: number} {
  const {offset} = follow(view, count, height);
  return {start: offset, end: Math.min(count, offset + Math.max(0, height))};
}
