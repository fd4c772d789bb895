// The detail screen's two top lines: which key this is (alias, id, policy badge, state) and the
// tab bar, with the upgrade offer when the policy is an outdated console default.
import React from 'react';
import {Text} from 'ink';
import type {KeyDetails} from '../../../aws/types.js';
import {sanitizeText} from '../../../policy/index.js';
import {useTheme} from '../../context.js';
import type {PolicyModel} from '../../hooks/usePolicy.js';
import {badgeTone} from '../../theme.js';

export const TAB_NAMES = ['Policy', 'Access', 'Findings', 'History'] as const;

export function KeyTitle({
  keyDetails,
  model,
  width,
}: {
  keyDetails: KeyDetails;
  model?: PolicyModel;
  width: number;
}) {
  const theme = useTheme();
  const c = model?.classification;
  const alias = keyDetails.aliases.map(a => sanitizeText(a)).join(', ') || '(no alias)';
  return (
    <Text wrap="truncate-end">
      <Text bold>{alias}</Text>
      <Text color={theme.muted}> · {sanitizeText(keyDetails.keyId)} · </Text>
      {c ? (
        <Text color={theme.badge[badgeTone(c)]}>{sanitizeText(c.label)}</Text>
      ) : (
        <Text color={theme.muted}>…</Text>
      )}
      <Text color={theme.muted}>
        {' '}
        · {sanitizeText(keyDetails.state)} · {sanitizeText(keyDetails.keySpec)}
        {width > 100 && keyDetails.description ? ` · ${sanitizeText(keyDetails.description)}` : ''}
      </Text>
    </Text>
  );
}

export function TabBar({active, model}: {active: number; model?: PolicyModel}) {
  const theme = useTheme();
  const outdated = model?.classification?.outdated && model.classification.kind !== 'aws-managed';
  return (
    <Text wrap="truncate-end">
      {TAB_NAMES.map((name, i) => (
        <Text key={name} inverse={i === active} bold={i === active}>
          {` ${i + 1} ${name} `}
        </Text>
      ))}
      {outdated ? (
        <Text color={theme.warning}> · a newer console policy exists: press u to upgrade</Text>
      ) : null}
    </Text>
  );
}
