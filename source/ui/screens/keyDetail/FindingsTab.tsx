// What validation and lint say about the policy, then the plain-words explanation of who can
// administer, use and delete the key.
import React, {useMemo} from 'react';
import {formatCount, sanitizeText} from '../../../policy/index.js';
import {paragraph, type Line} from '../../components/LineView.js';
import {ScrollPane} from '../../components/ScrollPane.js';
import {useTheme} from '../../context.js';
import type {PolicyModel} from '../../hooks/usePolicy.js';
import type {UniqueIds} from '../../hooks/useUniqueIds.js';
import type {Theme} from '../../theme.js';
import {findingLines} from '../confirmLines.js';
import type {TabProps} from './PolicyTab.js';
import {uniqueIdBlock} from './uniqueIdLines.js';

/** `ids`, `removalRefusal`: what IAM says of the unique ids the deleted-principal findings name. */
export function findingsTabLines(
  model: PolicyModel,
  width: number,
  theme: Theme,
  ids?: UniqueIds,
  removalRefusal?: string,
): Line[] {
  const findings = [...model.validation, ...model.lint];
  const lines: Line[] = [[{text: `Findings (${formatCount(findings.length)})`, bold: true}]];
  if (findings.length === 0) lines.push([{text: '✔ No problems found.', color: theme.success}]);
  lines.push(...findingLines(findings, width, theme));
  const iam = uniqueIdBlock(ids, removalRefusal, width, theme);
  if (iam.length) lines.push([], ...iam.slice(0, -1));
  if (model.classification) {
    lines.push([], [{text: 'Policy kind: '}, {text: sanitizeText(model.classification.label), bold: true}]);
    for (const d of model.classification.deviations)
      lines.push(...paragraph(`• ${sanitizeText(d)}`, width, {}, 2));
  }
  if (model.explanation.length > 0) {
    lines.push([], [{text: 'Who can do what', bold: true}]);
    for (const e of model.explanation) lines.push(...paragraph(sanitizeText(e), width));
  }
  return lines;
}

/** `extra`: sections after the policy's (the grant findings). */
export function FindingsTab({
  model,
  width,
  height,
  isActive,
  extra,
  ids,
  removalRefusal,
}: TabProps & {extra?: Line[]; ids?: UniqueIds; removalRefusal?: string | undefined}) {
  const theme = useTheme();
  const lines = useMemo(
    () => [...findingsTabLines(model, width, theme, ids, removalRefusal), ...(extra ? [[], ...extra] : [])],
    [model, width, theme, extra, ids, removalRefusal],
  );
  return <ScrollPane lines={lines} height={height} width={width} isActive={isActive} />;
}
