// A unified diff in a fixed-height viewport: additions green, removals red, hunk headers in the
// header colour (and the +/- prefixes carry the meaning when colour is off). `diffViewLines` lets a
// screen put the diff in the same scrolling viewport as its summary.
import React, {useMemo} from 'react';
import {sanitizeText} from '../../policy/index.js';
import {useTheme} from '../context.js';
import type {Theme} from '../theme.js';
import {LineView, type Line} from './LineView.js';

/** The diff's lines, without the "===" banner and the trailing empty line `diff` adds. */
export function diffTextLines(unified: string): string[] {
  const lines = sanitizeText(unified, {keepNewlines: true}).split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines.filter(line => !/^={3,}$/.test(line));
}

export function diffViewLines(unified: string, theme: Theme): Line[] {
  return diffTextLines(unified).map(line => {
    const header = line.startsWith('+++') || line.startsWith('---') || line.startsWith('@@');
    const color = header
      ? theme.diff.header
      : line.startsWith('+')
        ? theme.diff.added
        : line.startsWith('-')
          ? theme.diff.removed
          : theme.muted;
    return [{text: line, color}];
  });
}

export interface DiffViewProps {
  unified: string;
  /** First visible line (0-based), usually from useLineScroll. */
  top: number;
  height: number;
  width: number;
}

export function DiffView({unified, top, height, width}: DiffViewProps) {
  const theme = useTheme();
  const lines = useMemo(() => diffViewLines(unified, theme), [unified, theme]);
  return <LineView lines={lines} top={top} height={height} width={width} />;
}
