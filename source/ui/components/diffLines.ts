// A unified diff as lines for a scrolling pane: additions green, removals red, hunk headers in the
// header colour (the +/- prefixes carry the meaning when colour is off). Screens append these to
// their summary so the words and the diff scroll together in one viewport.
import {sanitizeText} from '../../policy/index.js';
import type {Theme} from '../theme.js';
import type {Line} from './LineView.js';

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
