// The policy as KMS returned it: highlighted, numbered, long lines wrapped, problems marked in
// the gutter at their line, scrolling inside the screen (↑/k ↓/j PgUp PgDn, g/G top and bottom).
import React, {useMemo} from 'react';
import {Box, Text, useInput} from 'ink';
import {policyByteLength} from '../../../policy/index.js';
import {JsonView, jsonLines, jsonRows, jsonTextWidth, problemMarks} from '../../components/JsonView.js';
import {useOverlayOpen, useTheme} from '../../context.js';
import {useLineScroll, viewerActions} from '../../hooks/useLineScroll.js';
import type {PolicyModel} from '../../hooks/usePolicy.js';

export interface TabProps {
  model: PolicyModel;
  width: number;
  height: number;
  isActive: boolean;
}

export function PolicyTab({model, width, height, isActive}: TabProps) {
  const theme = useTheme();
  const {text} = model.snapshot;
  const lines = useMemo(() => jsonLines(text), [text]);
  const rows = useMemo(() => jsonRows(lines, jsonTextWidth(width, lines.length)), [lines, width]);
  const findings = useMemo(() => [...model.validation, ...model.lint], [model]);
  const marks = useMemo(() => problemMarks(findings), [findings]);
  const viewHeight = Math.max(1, height - 1);
  const {top, scroll} = useLineScroll(rows.length, viewHeight);
  const overlay = useOverlayOpen();
  useInput(
    (input, key) => {
      for (const action of viewerActions(input, key)) scroll(action);
    },
    {isActive: isActive && !overlay},
  );

  const errors = findings.filter(f => f.severity === 'error').length;
  const warnings = findings.filter(f => f.severity === 'warning').length;
  const first = rows[top]?.line ?? 1;
  const last = rows[Math.min(rows.length, top + viewHeight) - 1]?.line ?? lines.length;
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text wrap="truncate-end">
        <Text color={theme.muted}>
          {policyByteLength(text).toLocaleString('en-US')} bytes · lines {first}–{last} of {lines.length}
        </Text>
        {errors > 0 ? (
          <Text color={theme.danger}>
            {' '}
            · ✖ {errors} error{errors === 1 ? '' : 's'}
          </Text>
        ) : null}
        {warnings > 0 ? (
          <Text color={theme.warning}>
            {' '}
            · ⚠ {warnings} warning{warnings === 1 ? '' : 's'} (Findings tab)
          </Text>
        ) : null}
      </Text>
      <JsonView
        rows={rows}
        lineCount={lines.length}
        top={top}
        height={viewHeight}
        width={width}
        marks={marks}
      />
    </Box>
  );
}
