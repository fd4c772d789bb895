// A LineView that scrolls with the viewer keys (↑/k ↓/j PgUp PgDn g G) while it is active.
// Remount it (change its `key`) to start again at the top when its content is replaced.
import React from 'react';
import {useKeyInput} from '../keyInput.js';
import {useOverlayOpen} from '../context.js';
import {useLineScroll, viewerActions} from '../hooks/useLineScroll.js';
import {LineView, type Line} from './LineView.js';

export interface ScrollPaneProps {
  lines: readonly Line[];
  height: number;
  width: number;
  isActive?: boolean;
}

export function ScrollPane({lines, height, width, isActive = true}: ScrollPaneProps) {
  const {top, scroll} = useLineScroll(lines.length, height);
  const overlay = useOverlayOpen();
  useKeyInput(
    (input, key) => {
      for (const action of viewerActions(input, key)) scroll(action);
    },
    {isActive: isActive && !overlay},
  );
  return <LineView lines={lines} top={top} height={height} width={width} />;
}
