// The policy text with JSON highlighting, line numbers and problem marks, in a fixed-height
// viewport. The caller sanitises and tokenises once per policy (`jsonLines`); a render then only
// builds the visible lines, so a 32 KB policy scrolls as cheaply as a short one.
import React, {memo} from 'react';
import {Box, Text} from 'ink';
import {sanitizeText, tokenizeJson, type JsonToken} from '../../policy/index.js';
import type {Finding, Severity} from '../../policy/types.js';
import {useTheme} from '../context.js';
import type {Theme} from '../theme.js';

export interface JsonViewProps {
  /** From `jsonLines(text)`, computed once per policy by the caller. */
  lines: readonly JsonToken[][];
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

interface LineProps {
  tokens: readonly JsonToken[];
  label: string;
  mark: Severity | undefined;
  theme: Theme;
}

// Memoised per line and keyed by line number, so scrolling by one line re-renders one line.
const JsonLine = memo(function JsonLine({tokens, label, mark, theme}: LineProps) {
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

export function JsonView({lines, top, height, width, marks}: JsonViewProps) {
  const theme = useTheme();
  const gutter = String(lines.length).length;
  return (
    <Box flexDirection="column" height={height} width={width} overflow="hidden">
      {lines.slice(top, top + height).map((tokens, i) => {
        const number = top + i + 1;
        return (
          <JsonLine
            key={number}
            tokens={tokens}
            label={`${String(number).padStart(gutter)} `}
            mark={marks?.get(number)}
            theme={theme}
          />
        );
      })}
    </Box>
  );
}
