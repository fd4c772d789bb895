// The detail screen's two top lines: which key this is (alias, id, policy badge, state) and the
// tab bar, with the upgrade offer when the policy is an outdated console default `u` can upgrade.
import React from 'react';
import {Text} from 'ink';
import type {KeyDetails} from '../../../aws/types.js';
import {sanitizeText} from '../../../policy/index.js';
import {useTheme} from '../../context.js';
import type {PolicyModel} from '../../hooks/usePolicy.js';
import {badgeTone} from '../../theme.js';

export const TAB_NAMES = ['Policy', 'Access', 'Findings', 'History', 'Grants', 'Details'] as const;

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
  // Most important first, as the line is cut at the right edge: a state other than Enabled
  // (PendingDeletion, Disabled) comes right after the name and the policy badge.
  const state = sanitizeText(keyDetails.state);
  return (
    <Text wrap="truncate-end">
      <Text bold>{alias}</Text>
      <Text color={theme.muted}> · </Text>
      {c ? (
        <Text color={theme.badge[badgeTone(c)]}>{sanitizeText(c.label)}</Text>
      ) : (
        <Text color={theme.muted}>…</Text>
      )}
      {state !== 'Enabled' ? <Text color={theme.warning}> · {state}</Text> : null}
      <Text color={theme.muted}>
        {' '}
        · {sanitizeText(keyDetails.keyId)} · {sanitizeText(keyDetails.keySpec)}
        {width > 100 && keyDetails.description ? ` · ${sanitizeText(keyDetails.description)}` : ''}
      </Text>
    </Text>
  );
}

/** Cells the tab names take; the upgrade offer gets what is left of the line. */
const TABS_WIDTH = TAB_NAMES.reduce((n, name) => n + name.length + 4, 0);

/** `offerUpgrade`: the policy is an outdated console default that `u` would upgrade now. */
export function TabBar({
  active,
  offerUpgrade,
  width,
}: {
  active: number;
  offerUpgrade: boolean;
  width: number;
}) {
  const theme = useTheme();
  const long = ' · a newer console policy exists: press u to upgrade';
  const medium = ' · newer console policy: u upgrades';
  const offer =
    TABS_WIDTH + long.length <= width ? long : TABS_WIDTH + medium.length <= width ? medium : ' · u upgrades';
  return (
    <Text wrap="truncate-end">
      {TAB_NAMES.map((name, i) => (
        <Text key={name} inverse={i === active} bold={i === active}>
          {` ${i + 1} ${name} `}
        </Text>
      ))}
      {offerUpgrade ? <Text color={theme.warning}>{offer}</Text> : null}
    </Text>
  );
}
