// The scroll position of a line viewport (policy, diff, findings). The parent maps keys to
// keymap actions and hands them to `scroll`; the position is clamped whenever the content or
// the viewport height changes, so a resize never leaves the view past the end.
import {useCallback, useState} from 'react';
import type {Key} from 'ink';
import {actionFor, splitKeys} from '../keymap.js';

export interface LineScroll {
  top: number;
  /** Applies a keymap action (up, down, pageUp, pageDown, top, bottom); false if it is not a scroll. */
  scroll: (action: string | undefined) => boolean;
  /** Puts row `row` on screen, a little below the top (a search match). */
  reveal: (row: number) => void;
}

const clamp = (n: number, max: number) => Math.min(Math.max(0, n), max);

/**
 * The viewer actions of one read of input, one per key ("jjj" is three keys). g/G are the list's
 * top/bottom keys; a viewer honours them too, like less.
 */
export function viewerActions(input: string, key: Key): string[] {
  return splitKeys(input, key).flatMap(([i, k]) => {
    const action = actionFor('keyDetail', i, k);
    if (action) return [action];
    const jump = actionFor('keys', i, k);
    return jump === 'top' || jump === 'bottom' ? [jump] : [];
  });
}

export function useLineScroll(total: number, height: number): LineScroll {
  const [wanted, setWanted] = useState(0);
  const max = Math.max(0, total - Math.max(1, height));
  const top = clamp(wanted, max);
  const page = Math.max(1, height - 1);

  const scroll = useCallback(
    (action: string | undefined): boolean => {
      const delta: Record<string, number> = {up: -1, down: 1, pageUp: -page, pageDown: page};
      if (action === 'top' || action === 'bottom') {
        setWanted(action === 'top' ? 0 : max);
        return true;
      }
      if (!action || !(action in delta)) return false;
      // From the latest position, not this render's: several keys may arrive before a render.
      setWanted(w => clamp(clamp(w, max) + (delta[action] ?? 0), max));
      return true;
    },
    [max, page],
  );

  const reveal = useCallback(
    (row: number) => setWanted(clamp(row - Math.floor(Math.max(1, height) / 3), max)),
    [height, max],
  );

  return {top, scroll, reveal};
}
