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
import {charWidth} from '../../policy/index.js';

/** One screen row: a whole text line, or a piece of a long one (`first` only on its first row). */
export interface JsonRow {
  /** 1-based line number in the policy text. */
  line: number;
  first: boolean;
  /** Blank cells before a continuation row's text, so it sits under the line's content. */
  indent: number;
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
  /** Lines a search found (the line number is shown inverted; the current match in colour). */
  highlight?: ReadonlyMap<number, 'match' | 'current'>;
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
  return Math.max(10, width - 3 - String(lineCount).length); // mark, space, gutter, space
}

const ASCII = /^[\x20-\x7e]*$/;

function cells(text: string): number {
  if (ASCII.test(text)) return text.length;
  let w = 0;
  for (const ch of text) w += charWidth(ch);
  return w;
}

/** UTF-16 length of the longest prefix of `text` that fits in `room` cells (at least one character). */
function prefixFitting(text: string, room: number): number {
  if (ASCII.test(text)) return Math.max(1, Math.min(text.length, room));
  let used = 0;
  let length = 0;
  for (const ch of text) {
    const w = charWidth(ch);
    if (used + w > room && length > 0) break;
    used += w;
    length += ch.length;
  }
  return length;
}

/** Where to cut a piece that must be split: after a space, slash, colon or comma if that keeps at least half of it. */
function breakPoint(piece: string): number {
  const at = Math.max(...[' ', '/', ':', ','].map(c => piece.lastIndexOf(c))) + 1;
  return at >= Math.ceil(piece.length / 2) ? at : piece.length;
}

/**
 * Wraps each line to `textWidth` cells. A token that does not fit moves whole to the next row
 * when it fits there; only a token longer than a row (an ARN) is split, at a `/`, `:`, space or
 * comma where possible. Continuation rows are indented under the line's content.
 */
export function jsonRows(lines: readonly JsonToken[][], textWidth: number): JsonRow[] {
  const rows: JsonRow[] = [];
  lines.forEach((tokens, index) => {
    const lead = /^ */.exec(tokens[0]?.type === 'plain' ? tokens[0].text : '')?.[0].length ?? 0;
    const indent = Math.min(lead + 2, Math.floor(textWidth / 2));
    let row: JsonRow = {line: index + 1, first: true, indent: 0, tokens: []};
    let used = 0;
    const nextRow = () => {
      rows.push(row);
      row = {line: index + 1, first: false, indent, tokens: []};
      used = indent;
    };
    tokens.forEach((token, t) => {
      let rest = token.text;
      let width = cells(rest);
      // Punctuation right after a token (`",`) goes with it, so a row never starts with a comma.
      let glued = 0;
      for (let n = t + 1; tokens[n]?.type === 'punctuation'; n++) glued += cells(tokens[n]!.text);
      const whole = width + glued;
      // Move down whole when it fits on a row of its own, or when only a sliver of this row is left.
      const fitsBelow = whole <= textWidth - indent || textWidth - used < 12;
      if (used + whole > textWidth && used > row.indent && fitsBelow && token.type !== 'punctuation')
        nextRow();
      while (used + width > textWidth) {
        if (used >= textWidth) {
          nextRow();
          continue;
        }
        const piece = rest.slice(0, prefixFitting(rest, textWidth - used));
        const cut = breakPoint(piece);
        row.tokens.push({type: token.type, text: rest.slice(0, cut)});
        rest = rest.slice(cut);
        width = cells(rest);
        nextRow();
      }
      if (rest) row.tokens.push({type: token.type, text: rest});
      used += width;
    });
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
  found: 'match' | 'current' | undefined;
  theme: Theme;
}

// Memoised and keyed by position in the text, so scrolling by one row re-renders one row.
const Row = memo(function Row({tokens, label, mark, found, theme}: RowProps) {
  const markColor = mark === 'error' ? theme.danger : mark === 'warning' ? theme.warning : theme.accent;
  return (
    <Text wrap="truncate-end">
      {/* The mark, then a space: `⚠ 12`, never `⚠12`. */}
      <Text color={mark ? markColor : undefined}>{mark ? `${MARK[mark]} ` : '  '}</Text>
      <Text color={found === 'current' ? theme.accent : theme.muted} inverse={found !== undefined}>
        {label}
      </Text>
      {tokens.map((t, j) => (
        <Text key={j} color={theme.json[t.type]}>
          {t.text}
        </Text>
      ))}
    </Text>
  );
});

export function JsonView({rows, lineCount, top, height, width, marks, highlight}: JsonViewProps) {
  const theme = useTheme();
  const gutter = String(lineCount).length;
  return (
    <Box flexDirection="column" height={height} width={width} overflow="hidden">
      {rows.slice(top, top + height).map((row, i) => (
        <Row
          key={top + i}
          tokens={row.tokens}
          // The top row always says which line it belongs to, even when it continues one.
          label={`${row.first || i === 0 ? String(row.line).padStart(gutter) : ' '.repeat(gutter)} ${' '.repeat(row.indent)}`}
          mark={row.first ? marks?.get(row.line) : undefined}
          found={highlight?.get(row.line)}
          theme={theme}
        />
      ))}
    </Box>
  );
}
