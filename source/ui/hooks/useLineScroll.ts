// The scroll position of a line viewport (policy, diff, findings). The parent maps keys to
// keymap actions and hands them to `scroll`; the position is clamped whenever the content or
// the viewport height changes, so a resize never leaves the view past the end.
import {useCallback, useState} from 'react';

export interface LineScroll {
  top: number;
  /** Applies a keymap action (up, down, pageUp, pageDown); false if it is not a scroll. */
  scroll: (action: string | undefined) => boolean;
}

export function useLineScroll(total: number, height: number): LineScroll {
  const [wanted, setWanted] = useState(0);
  const max = Math.max(0, total - Math.max(1, height));
  const top = Math.min(Math.max(0, wanted), max);
  const page = Math.max(1, height - 1);

  const scroll = useCallback(
    (action: string | undefined): boolean => {
      const delta: Record<string, number> = {up: -1, down: 1, pageUp: -page, pageDown: page};
      if (!action || !(action in delta)) return false;
      setWanted(Math.min(Math.max(0, top + (delta[action] ?? 0)), max));
      return true;
    },
    [top, max, page],
  );

  return {top, scroll};
}
