// `?`: every binding of the current screen and the global ones, from the keymap. It takes the
// body's place (Ink has no layers), wraps into two columns when one does not fit, and scrolls
// (↑↓ PgUp PgDn g G, handled by the app) when two do not either. In read-only mode the actions
// that would change a policy are dimmed and marked "(off)".
import React from 'react';
import {Box, Text} from 'ink';
import {helpSections, helpText, SCREEN_TITLES, type Binding, type Screen} from '../keymap.js';
import {useTheme} from '../context.js';
import {displayWidth, fit, truncate} from '../../policy/index.js';

type Line = {kind: 'title'; text: string} | {kind: 'binding'; binding: Binding};

export interface HelpOverlayProps {
  screen: Screen;
  readOnly: boolean;
  width: number;
  height: number;
  /** First row shown of each column (the app clamps it with helpLayout's maxTop). */
  top?: number;
}

/** The help's lines in columns for this size, and how far it can scroll. */
export function helpLayout(screen: Screen, width: number, height: number) {
  const lines: Line[] = helpSections(screen).flatMap(section => [
    {kind: 'title' as const, text: section.title},
    ...section.bindings.map(binding => ({kind: 'binding' as const, binding})),
  ]);
  const rows = Math.max(1, height - 1); // the title line
  const columnCount = lines.length > rows && width >= 60 ? 2 : 1;
  const perColumn = Math.ceil(lines.length / columnCount);
  const labelWidth =
    Math.max(...lines.map(l => (l.kind === 'binding' ? displayWidth(l.binding.label) : 0))) + 1;
  return {lines, rows, columnCount, perColumn, labelWidth, maxTop: Math.max(0, perColumn - rows)};
}

export function HelpOverlay({screen, readOnly, width, height, top = 0}: HelpOverlayProps) {
  const theme = useTheme();
  const {lines, rows, columnCount, perColumn, labelWidth, maxTop} = helpLayout(screen, width, height);
  const first = Math.min(Math.max(0, top), maxTop);
  const columnWidth = Math.floor((width - 2) / columnCount);
  const columns = Array.from({length: columnCount}, (_, c) =>
    lines.slice(c * perColumn + first, Math.min((c + 1) * perColumn, c * perColumn + first + rows)),
  );
  const scroll = maxTop > 0 ? ' · ↑↓ g G scroll' : '';
  const off = readOnly ? ' · (off): read-only' : '';

  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold wrap="truncate">
        {truncate(` Help: ${SCREEN_TITLES[screen]} — press ? or Esc to close${scroll}${off}`, width)}
      </Text>
      <Box flexDirection="row">
        {columns.map((column, c) => (
          <Box key={c} flexDirection="column" width={columnWidth} paddingLeft={1}>
            {column.map((line, i) =>
              line.kind === 'title' ? (
                <Text key={i} bold color={theme.accent} wrap="truncate">
                  {truncate(line.text, columnWidth - 1)}
                </Text>
              ) : (
                <Text key={i} wrap="truncate" dimColor={readOnly && line.binding.writes === true}>
                  <Text bold>{fit(line.binding.label, labelWidth)}</Text>
                  <Text>{truncate(helpText(line.binding, {readOnly}), columnWidth - labelWidth - 2)}</Text>
                </Text>
              ),
            )}
          </Box>
        ))}
      </Box>
    </Box>
  );
}
