// The policy text with JSON highlighting, line numbers and problem marks, in a fixed-height
// viewport. The caller sanitises and tokenises once per policy (`jsonLines`) and lays the lines
// out for the width once (`jsonRows`: long lines wrap onto continuation rows, so an ARN is never
// cut off); a render then only builds the visible rows, so a 32 KB policy scrolls as cheaply as
// a short one.
import React, {memo} from 'react';
import {Box, Text} from 'ink';
import {sanitizeText, tokenizeJson, type JsonToken} from '../../policy/index.js';
import type {Finding, Severity} from '../../policy/types.js';
import {useTheme} from '../context.js';
import type {Theme} from '../theme.js';
import {charWidth} from '../textWidth.js';

/** One screen row: a whole text line, or a piece of a long one (`first` only on its first row). */
export interface JsonRow {
  /** 1-based line number in the policy text. */
  line: number;
  first: boolean;
  tokens: JsonToken[];
}

export interface JsonViewProps {
  /** From `jsonRows(jsonLines(text), jsonTextWidth(...))`, computed once per policy and width. */
  rows: readonly JsonRow[];
  /** Number of text lines (sets the gutter's width). */
  lineCount: number;
  top: number;
  height: number;
  width: number;
  /** Problems by 1-based line number. */
  marks?: ReadonlyMap<number, Severity>;
}

/** Splits the token stream at newlines: one array of tokens per text line. */
export function jsonLines(text: string): JsonToken[][] {
  const lines: JsonToken[][] = [[]];
  for (const token of tokenizeJson(sanitizeText(text, {keepNewlines: true}))) {
    const parts = token.text.split('\n');
    parts.forEach((part, i) => {
      if (i > 0) lines.push([]);
      if (part !== '') lines.at(-1)!.push({type: token.type, text: part});
    });
  }
  return lines;
}

/** Cells left for the text once the mark and the line-number gutter are drawn. */
export function jsonTextWidth(width: number, lineCount: number): number {
  return Math.max(10, width - 2 - String(lineCount).length);
}

/** Wraps each line to `textWidth` cells, splitting tokens where they cross the edge. */
export function jsonRows(lines: readonly JsonToken[][], textWidth: number): JsonRow[] {
  const rows: JsonRow[] = [];
  lines.forEach((tokens, index) => {
    let row: JsonRow = {line: index + 1, first: true, tokens: []};
    let used = 0;
    for (const token of tokens) {
      // Fast path: printable ASCII (nearly every policy) measures by length.
      if (/^[\x20-\x7e]*$/.test(token.text)) {
        let rest = token.text;
        while (used + rest.length > textWidth) {
          const room = textWidth - used;
          if (room > 0) row.tokens.push({type: token.type, text: rest.slice(0, room)});
          rows.push(row);
          row = {line: index + 1, first: false, tokens: []};
          rest = rest.slice(room);
          used = 0;
        }
        if (rest) row.tokens.push({type: token.type, text: rest});
        used += rest.length;
        continue;
      }
      let piece = '';
      for (const ch of token.text) {
        const w = charWidth(ch);
        if (used + w > textWidth) {
          if (piece) row.tokens.push({type: token.type, text: piece});
          rows.push(row);
          row = {line: index + 1, first: false, tokens: []};
          piece = '';
          used = 0;
        }
        piece += ch;
        used += w;
      }
      if (piece) row.tokens.push({type: token.type, text: piece});
    }
    rows.push(row);
  });
  return rows;
}

/** The first row of 1-based text line `line` (for scrolling to a problem). */
export function rowOfLine(rows: readonly JsonRow[], line: number): number {
  const i = rows.findIndex(r => r.line >= line);
  return i < 0 ? Math.max(0, rows.length - 1) : i;
}

const RANK: Record<Severity, number> = {info: 0, warning: 1, error: 2};

/** The worst severity found on each line, for the gutter marks. */
export function problemMarks(findings: readonly Finding[]): Map<number, Severity> {
  const marks = new Map<number, Severity>();
  for (const f of findings) {
    if (f.line === undefined) continue;
    const seen = marks.get(f.line);
    if (!seen || RANK[f.severity] > RANK[seen]) marks.set(f.line, f.severity);
  }
  return marks;
}

const MARK: Record<Severity, string> = {error: '✖', warning: '⚠', info: 'ℹ'};

interface RowProps {
  tokens: readonly JsonToken[];
  label: string;
  mark: Severity | undefined;
  theme: Theme;
}

// Memoised and keyed by position in the text, so scrolling by one row re-renders one row.
const Row = memo(function Row({tokens, label, mark, theme}: RowProps) {
  const markColor = mark === 'error' ? theme.danger : mark === 'warning' ? theme.warning : theme.accent;
  return (
    <Text wrap="truncate-end">
      <Text color={mark ? markColor : undefined}>{mark ? MARK[mark] : ' '}</Text>
      <Text color={theme.muted}>{label}</Text>
      {tokens.map((t, j) => (
        <Text key={j} color={theme.json[t.type]}>
          {t.text}
        </Text>
      ))}
    </Text>
  );
});

export function JsonView({rows, lineCount, top, height, width, marks}: JsonViewProps) {
  const theme = useTheme();
  const gutter = String(lineCount).length;
  return (
    <Box flexDirection="column" height={height} width={width} overflow="hidden">
      {rows.slice(top, top + height).map((row, i) => (
        <Row
          key={top + i}
          tokens={row.tokens}
          label={`${row.first ? String(row.line).padStart(gutter) : ' '.repeat(gutter)} `}
          mark={row.first ? marks?.get(row.line) : undefined}
          theme={theme}
        />
      ))}
    </Box>
  );
}
