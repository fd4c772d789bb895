// `?`: every binding of the current screen and the global ones, from the keymap. It takes the
// body's place (Ink has no layers) and wraps into two columns when one does not fit. In
// read-only mode the actions that would change a policy are dimmed and marked.
import React from 'react';
import {Box, Text} from 'ink';
import {helpSections, helpText, SCREEN_TITLES, type Binding, type Screen} from '../keymap.js';
import {useTheme} from '../context.js';
import {fit, truncate} from '../textWidth.js';

type Line = {kind: 'title'; text: string} | {kind: 'binding'; binding: Binding};

const LABEL_WIDTH = 10;

export interface HelpOverlayProps {
  screen: Screen;
  readOnly: boolean;
  width: number;
  height: number;
}

export function HelpOverlay({screen, readOnly, width, height}: HelpOverlayProps) {
  const theme = useTheme();
  const lines: Line[] = helpSections(screen).flatMap(section => [
    {kind: 'title' as const, text: section.title},
    ...section.bindings.map(binding => ({kind: 'binding' as const, binding})),
  ]);
  const rows = Math.max(1, height - 2); // a title line and a closing hint
  const columnCount = lines.length > rows && width >= 60 ? 2 : 1;
  const columnWidth = Math.floor((width - 2) / columnCount);
  const columns = Array.from({length: columnCount}, (_, c) => lines.slice(c * rows, (c + 1) * rows));

  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold wrap="truncate">
        {truncate(` Help: ${SCREEN_TITLES[screen]} — press ? or Esc to close`, width)}
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
                  <Text bold>{fit(line.binding.label, LABEL_WIDTH)}</Text>
                  <Text>{truncate(helpText(line.binding, {readOnly}), columnWidth - LABEL_WIDTH - 2)}</Text>
                </Text>
              ),
            )}
          </Box>
        ))}
      </Box>
    </Box>
  );
}
