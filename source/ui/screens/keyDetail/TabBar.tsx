// The detail screen's top lines: which key this is (aliases, policy badge, state, id; laid out by
// keyTitle.ts) and the tab bar, with the upgrade offer when the policy is an outdated console
// default `u` can upgrade.
import React from 'react';
import {Text} from 'ink';
import {useTheme} from '../../context.js';
import type {BadgeTone} from '../../theme.js';
import type {TitleKind, TitleLine} from './keyTitle.js';

export const TAB_NAMES = ['Policy', 'Access', 'Findings', 'History', 'Grants', 'Details'] as const;

/** The title's lines (one, or two when the aliases need their own: see keyTitle.ts). */
export function KeyTitle({lines, tone}: {lines: readonly TitleLine[]; tone?: BadgeTone | undefined}) {
  const theme = useTheme();
  const color = (kind: TitleKind) =>
    kind === 'badge' && tone
      ? theme.badge[tone]
      : kind === 'state'
        ? theme.warning
        : kind === 'muted'
          ? theme.muted
          : undefined;
  return (
    <>
      {lines.map((line, i) => (
        <Text key={i} wrap="truncate-end">
          {line.map((part, j) => (
            <Text key={j} bold={part.kind === 'alias'} color={color(part.kind)}>
              {part.text}
            </Text>
          ))}
        </Text>
      ))}
    </>
  );
}

/** Cells the tab names take; the upgrade offer gets what is left of the line. */
const TABS_WIDTH = TAB_NAMES.reduce((n, name) => n + name.length + 4, 0);
/** Below TABS_WIDTH the tabs lose their padding (" 1 Policy " → "1 Policy"), so all six still show. */
const COMPACT_WIDTH = TAB_NAMES.reduce((n, name) => n + name.length + 3, -1);

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
  const compact = TABS_WIDTH > width;
  const used = compact ? COMPACT_WIDTH : TABS_WIDTH;
  const long = ' · a newer console policy exists: press u to upgrade';
  const medium = ' · newer console policy: u upgrades';
  const offer = used + long.length <= width ? long : used + medium.length <= width ? medium : ' · u upgrades';
  return (
    <Text wrap="truncate-end">
      {TAB_NAMES.map((name, i) => (
        <Text key={name}>
          {compact && i > 0 ? ' ' : ''}
          <Text inverse={i === active} bold={i === active}>
            {compact ? `${i + 1} ${name}` : ` ${i + 1} ${name} `}
          </Text>
        </Text>
      ))}
      {offerUpgrade ? <Text color={theme.warning}>{offer}</Text> : null}
    </Text>
  );
}
