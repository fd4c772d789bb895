// After a raw edit that is not valid JSON: the error with line and column, the edited text with
// the line marked (scrolled to it), and the offer to edit again with the text kept.
import React, {useMemo} from 'react';
import {Box, Text} from 'ink';
import {useKeyInput} from '../../keyInput.js';
import type {ParseError} from '../../../policy/types.js';
import {sanitizeText} from '../../../policy/index.js';
import {JsonView, jsonLines, jsonRows, jsonTextWidth, rowOfLine} from '../../components/JsonView.js';
import {useOverlayOpen, useScreen, useTheme} from '../../context.js';
import {actionFor} from '../../keymap.js';

export interface EditProblemProps {
  text: string;
  errors: readonly ParseError[];
  onEditAgain: () => void;
  onDiscard: () => void;
  width: number;
  height: number;
}

export function EditProblem({text, errors, onEditAgain, onDiscard, width, height}: EditProblemProps) {
  const theme = useTheme();
  const lines = useMemo(() => jsonLines(text), [text]);
  const rows = useMemo(() => jsonRows(lines, jsonTextWidth(width, lines.length)), [lines, width]);
  const marks = useMemo(() => new Map(errors.map(e => [e.line, 'error' as const])), [errors]);
  const shown = errors.slice(0, 3);
  const viewHeight = Math.max(1, height - 3 - shown.length);
  // The first error in the middle of the view.
  const errorRow = rowOfLine(rows, errors[0]?.line ?? 1);
  const top = Math.max(0, Math.min(errorRow - Math.floor(viewHeight / 2), rows.length - viewHeight));

  const overlay = useOverlayOpen();
  useScreen('flow'); // its keys: Enter or e edit again, Esc/q back (discard)
  useKeyInput(
    (input, key) => {
      const act = actionFor('flow', input, key);
      if (act === 'next' || act === 'editAgain') onEditAgain();
      else if (act === 'cancel') onDiscard();
    },
    {isActive: !overlay},
  );

  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold color={theme.danger} wrap="truncate-end">
        Raw edit · The edited policy is not valid JSON
      </Text>
      {shown.map((e, i) => (
        <Text key={i} color={theme.danger} wrap="truncate-end">
          ✖ Line {e.line}, column {e.column}: {sanitizeText(e.message)}
        </Text>
      ))}
      <JsonView
        rows={rows}
        lineCount={lines.length}
        top={top}
        height={viewHeight}
        width={width}
        marks={marks}
      />
      <Text> </Text>
      <Text color={theme.muted} wrap="truncate-end">
        Enter/e edit again (your text is kept) · Esc/q discard the edit
      </Text>
    </Box>
  );
}
