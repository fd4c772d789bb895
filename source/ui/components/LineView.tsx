// Pre-laid-out text lines in a fixed-height viewport: the tabs that are not JSON (access, findings,
// history) build their content as lines, so the viewport knows exactly how tall it is and only the
// visible lines are rendered. Long sentences are wrapped here, at word boundaries, before layout.
import React from 'react';
import {Box, Text} from 'ink';

export interface Segment {
  text: string;
  color?: string | undefined;
  bold?: boolean;
  dim?: boolean;
  inverse?: boolean;
}

export type Line = Segment[];

/** Word-wraps `text` to `width` cells; continuation lines get `indent` spaces. */
export function wrapWords(text: string, width: number, indent = 0): string[] {
  const out: string[] = [];
  let line = '';
  const limit = Math.max(10, width);
  const room = () => limit - (out.length === 0 ? 0 : indent);
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > room()) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
    // A single word longer than the line (an ARN) is cut into pieces rather than overflowing,
    // after a / or : where one is in the second half of the row (role/…, not ro/le…).
    while (line.length > room()) {
      const soft = Math.max(line.lastIndexOf('/', room() - 1), line.lastIndexOf(':', room() - 1)) + 1;
      const cut = soft > room() / 2 ? soft : room();
      out.push(line.slice(0, cut));
      line = line.slice(cut);
    }
  }
  if (line || out.length === 0) out.push(line);
  return out.map((l, i) => (i === 0 ? l : ' '.repeat(indent) + l));
}

/** One line per wrapped piece of `text`, all in the same style. */
export function paragraph(
  text: string,
  width: number,
  style: Omit<Segment, 'text'> = {},
  indent = 0,
): Line[] {
  return wrapWords(text, width, indent).map(piece => [{...style, text: piece}]);
}

export interface LineViewProps {
  lines: readonly Line[];
  top: number;
  height: number;
  width: number;
}

export function LineView({lines, top, height, width}: LineViewProps) {
  return (
    <Box flexDirection="column" height={height} width={width} overflow="hidden">
      <LineRows lines={lines.slice(top, top + height)} first={top} />
    </Box>
  );
}

/** Lines as rows of text, each cut at the edge; `first` is the number of the first (for keys). */
export function LineRows({lines, first = 0}: {lines: readonly Line[]; first?: number}) {
  return (
    <>
      {lines.map((segments, i) => (
        <Text key={first + i} wrap="truncate-end">
          {segments.length === 0
            ? ' '
            : segments.map((s, j) => (
                <Text key={j} color={s.color} bold={s.bold} dimColor={s.dim} inverse={s.inverse}>
                  {s.text}
                </Text>
              ))}
        </Text>
      ))}
    </>
  );
}
