// Step 1 of the upgrade walkthrough in words: which console default the policy is, each
// permission the upgrade adds with the KMS feature it belongs to, and (for a modified policy)
// the domain's warning and the deviations it found.
import {formatCount, sanitizeText} from '../../../policy/index.js';
import type {Classification, UpgradePlan} from '../../../policy/types.js';
import {paragraph, type Line} from '../../components/LineView.js';
import type {Theme} from '../../theme.js';

type Plan = Extract<UpgradePlan, {ok: true}>;

export function explainLines(
  plan: Plan,
  classification: Classification,
  width: number,
  theme: Theme,
): Line[] {
  const count = plan.added.length;
  const lines: Line[] = [
    ...paragraph(
      `This key uses the console's default key policy version ${plan.from} (${sanitizeText(classification.label)}). ` +
        `The current default gives key administrators ${formatCount(count)} more permission${count === 1 ? '' : 's'}, ` +
        'added when KMS released the features below:',
      width,
    ),
    [],
  ];
  for (const a of plan.added) {
    lines.push([
      {text: '  + ', color: theme.diff.added},
      {text: a.action, bold: true, color: theme.diff.added},
      {text: ` · ${a.feature}`, color: theme.accent},
    ]);
    lines.push(...paragraph(a.explanation, width - 4).map((l): Line => [{text: '    '}, ...l]));
  }
  // A modified policy: the domain's warning says what keypol will and will not touch.
  if (plan.warnings.length > 0) lines.push([]);
  for (const w of plan.warnings)
    lines.push(...paragraph(`⚠ ${sanitizeText(w)}`, width, {color: theme.warning}, 2));
  if (classification.kind === 'console-modified') {
    for (const d of classification.deviations)
      lines.push(...paragraph(`• ${sanitizeText(d)}`, width, {color: theme.warning}, 2));
  }
  lines.push(
    [],
    ...paragraph('An upgrade only adds permissions: it removes nothing.', width, {color: theme.success}),
  );
  return lines;
}
