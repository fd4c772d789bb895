// The bottom line: the keys of the screen on top, generated from the keymap (never hand-written,
// so it cannot drift from what the keys do).
import React from 'react';
import {Text} from 'ink';
import {footerHints, type Screen} from '../keymap.js';
import {useTheme} from '../context.js';
import {displayWidth} from '../textWidth.js';

export function Footer({screen, width}: {screen: Screen; width: number}) {
  const theme = useTheme();
  const hints: Array<{label: string; description: string}> = [];
  let used = 1;
  for (const b of footerHints(screen)) {
    const cost = displayWidth(`${b.label} ${b.description}`) + 2;
    if (used + cost > width) break; // whole hints only: a cut-off hint would mislead
    hints.push(b);
    used += cost;
  }
  return (
    <Text wrap="truncate">
      {' '}
      {hints.map((h, i) => (
        <Text key={h.label + h.description}>
          {i > 0 ? '  ' : ''}
          <Text bold color={theme.accent}>
            {h.label}
          </Text>
          <Text color={theme.muted}> {h.description}</Text>
        </Text>
      ))}
    </Text>
  );
}
