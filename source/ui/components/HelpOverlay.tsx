// `?`: every binding of the current screen and the global ones, from the keymap. It takes the
// body's place (Ink has no layers), wraps long descriptions, goes to two columns when one does
// not fit, and scrolls (↑↓ PgUp PgDn g G, handled by the app) when two do not either. In
// read-only mode the actions that would change a policy are dimmed and marked "(off)".
import React from 'react';
import {Box, Text} from 'ink';
import {helpSections, helpText, SCREEN_TITLES, type Screen} from '../keymap.js';
import {useTheme} from '../context.js';
import {displayWidth, fit, truncate} from '../../policy/index.js';
import {wrapWords} from './LineView.js';

/** A row of the help: a section title, or a binding (a long description continues on rows with no label). */
type Row = {kind: 'title'; text: string} | {kind: 'binding'; label: string; text: string; dim: boolean};

/** The first line; on a narrow terminal the screen's name gives way (its section title follows). */
function helpTitle(screen: string, extra: string, width: number): string {
  const full = ` Help: ${screen} — press ? or Esc to close${extra}`;
  return displayWidth(full) <= width ? full : truncate(` Help — ? or Esc closes${extra}`, width);
}

const continues = (row: Row | undefined) => row?.kind === 'binding' && row.label === '';

export interface HelpOverlayProps {
  screen: Screen;
  readOnly: boolean;
  width: number;
  height: number;
  /** First row shown of each column (the app clamps it with helpLayout's maxTop). */
  top?: number;
}

/**
 * The help's rows in columns for this size, and how far it can scroll. Descriptions wrap rather
 * than being cut; two columns are used only when one is taller than the body, and a binding is
 * never split between them.
 */
export function helpLayout(screen: Screen, width: number, height: number, readOnly = false) {
  const sections = helpSections(screen);
  const labelWidth = Math.max(...sections.flatMap(s => s.bindings.map(b => displayWidth(b.label)))) + 1;
  const build = (columnWidth: number): Row[] =>
    sections.flatMap(section => [
      ...wrapWords(section.title, columnWidth - 2).map(text => ({kind: 'title' as const, text})),
      ...section.bindings.flatMap(b =>
        wrapWords(helpText(b, {readOnly}), columnWidth - labelWidth - 2).map((text, i): Row => ({
          kind: 'binding',
          label: i === 0 ? b.label : '',
          text,
          dim: readOnly && !!b.writes,
        })),
      ),
    ]);
  const rows = Math.max(1, height - 1); // the title line
  let columnWidth = width - 2;
  let lines = build(columnWidth);
  let columns = [lines];
  if (lines.length > rows && width >= 60) {
    columnWidth = Math.floor((width - 2) / 2);
    lines = build(columnWidth);
    let split = Math.ceil(lines.length / 2);
    while (continues(lines[split])) split++;
    columns = [lines.slice(0, split), lines.slice(split)];
  }
  const perColumn = Math.max(...columns.map(c => c.length));
  return {columns, rows, columnWidth, labelWidth, maxTop: Math.max(0, perColumn - rows)};
}

export function HelpOverlay({screen, readOnly, width, height, top = 0}: HelpOverlayProps) {
  const theme = useTheme();
  const {columns, rows, columnWidth, labelWidth, maxTop} = helpLayout(screen, width, height, readOnly);
  const first = Math.min(Math.max(0, top), maxTop);
  const scroll = maxTop > 0 ? ' · ↑↓ g G scroll' : '';
  const off = readOnly ? ' · (off): read-only' : '';

  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold wrap="truncate">
        {helpTitle(SCREEN_TITLES[screen], `${scroll}${off}`, width)}
      </Text>
      <Box flexDirection="row">
        {columns.map((column, c) => (
          <Box key={c} flexDirection="column" width={columnWidth} paddingLeft={1}>
            {column.slice(first, first + rows).map((line, i) =>
              line.kind === 'title' ? (
                <Text key={i} bold color={theme.accent} wrap="truncate">
                  {line.text}
                </Text>
              ) : (
                <Text key={i} wrap="truncate" dimColor={line.dim}>
                  <Text bold>{fit(line.label, labelWidth)}</Text>
                  <Text>{line.text}</Text>
                </Text>
              ),
            )}
          </Box>
        ))}
      </Box>
    </Box>
  );
}
