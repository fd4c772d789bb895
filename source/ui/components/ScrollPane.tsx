// A LineView that scrolls with the keymap's scroll keys (↑/k ↓/j PgUp PgDn) while it is active.
// Remount it (change its `key`) to start again at the top when its content is replaced.
import React from 'react';
import {useInput} from 'ink';
import {useOverlayOpen} from '../context.js';
import {actionFor} from '../keymap.js';
import {useLineScroll} from '../hooks/useLineScroll.js';
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
  useInput((input, key) => void scroll(actionFor('keyDetail', input, key)), {isActive: isActive && !overlay});
  return <LineView lines={lines} top={top} height={height} width={width} />;
}
