// The Access tab: the evaluator's reading of the policy (the console's default view for a console
// policy), built from the sections in accessSections.ts.
import React, {useMemo} from 'react';
import type {AccessModel, Classification} from '../../../policy/types.js';
import {paragraph, type Line} from '../../components/LineView.js';
import {ScrollPane} from '../../components/ScrollPane.js';
import {useTheme} from '../../context.js';
import type {UniqueIds} from '../../hooks/useUniqueIds.js';
import type {Theme} from '../../theme.js';
import type {TabProps} from './PolicyTab.js';
import {ACCESS_SECTIONS, type AccessSectionInput} from './accessSections.js';

export function accessLines(
  access: AccessModel | undefined,
  accountId: string,
  width: number,
  theme: Theme,
  classification?: Classification,
  iam: Pick<AccessSectionInput, 'ids' | 'removalRefusal'> = {},
): Line[] {
  if (!access)
    return paragraph('The policy is not valid JSON: see the Policy tab for where.', width, {
      color: theme.danger,
    });
  const input = {access, classification, accountId, width, theme, ...iam};
  return ACCESS_SECTIONS.flatMap(section => section(input));
}

/**
 * `extra`: sections after the access view ("Who can use this key", in its own module). `ids`: the
 * policy's unique ids as IAM resolved them; `removalRefusal`: why d cannot remove the deleted ones.
 */
export function AccessTab({
  model,
  width,
  height,
  isActive,
  accountId,
  extra,
  ids,
  removalRefusal,
}: TabProps & {accountId: string; extra?: Line[]; ids?: UniqueIds; removalRefusal?: string | undefined}) {
  const theme = useTheme();
  const lines = useMemo(
    () => [
      ...accessLines(model.access, accountId, width, theme, model.classification, {
        ...(ids ? {ids} : {}),
        ...(removalRefusal ? {removalRefusal} : {}),
      }),
      ...(extra ?? []),
    ],
    [model, accountId, width, theme, extra, ids, removalRefusal],
  );
  return <ScrollPane lines={lines} height={height} width={width} isActive={isActive} />;
}
