// What the console shows beside the policy: spec, usage, origin, dates, state (with the deletion
// date and days left), multi-Region primary and replicas, rotation, tags and aliases. Rotation and
// tags are separate reads, started when the tab opens; one that fails says so in its own place.
import React, {useMemo} from 'react';
import type {KeyDetails, KeyRotation, KeyTag, RotationStatus} from '../../../aws/types.js';
import {displayWidth, formatCount, sanitizeText} from '../../../policy/index.js';
import type {Line} from '../../components/LineView.js';
import {ScrollPane} from '../../components/ScrollPane.js';
import {useGateway, useScreen, useTheme} from '../../context.js';
import {useRead, type ReadState} from '../../hooks/useRead.js';
import type {Theme} from '../../theme.js';
import {inset} from './grantSections.js';
import {notPermitted} from './GrantsTab.js';

export interface DetailsTabProps {
  keyDetails: KeyDetails;
  width: number;
  height: number;
  isActive: boolean;
  /** Changes after a write here, so the reads run again. */
  round: number;
}

export interface DetailReads {
  rotation: ReadState<RotationStatus | undefined>;
  rotations: ReadState<KeyRotation[]>;
  tags: ReadState<KeyTag[]>;
}

const DAY_MS = 86_400_000;
const day = (iso?: string) => (iso ? sanitizeText(iso).slice(0, 10) : '—');

export function daysLeft(deletionDate: string, now: number): number {
  return Math.max(0, Math.ceil((Date.parse(deletionDate) - now) / DAY_MS));
}

/** A read's outcome where its value would be: the refusal, the failure, or "reading…". */
function pending<T>(read: ReadState<T>, action: string, theme: Theme): Line | undefined {
  if (read.status === 'loading') return [{text: '  reading…', color: theme.muted}];
  if (read.status === 'error') {
    return read.denied
      ? [{text: `  ${notPermitted(action)}`, color: theme.warning}]
      : [{text: `  ${sanitizeText(read.message)}`, color: theme.danger}];
  }
  return undefined;
}

export function detailLines(
  key: KeyDetails,
  reads: DetailReads,
  width: number,
  theme: Theme,
  now: number,
): Line[] {
  const row = (label: string, value: string, color?: string): Line => [
    {text: `  ${label.padEnd(18)}`, color: theme.muted},
    {text: sanitizeText(value), color},
  ];
  const lines: Line[] = [[{text: 'Key', bold: true}]];
  lines.push(row('Key spec', key.keySpec), row('Key usage', key.keyUsage), row('Origin', key.origin));
  lines.push(row('Managed by', key.keyManager === 'AWS' ? 'AWS (an AWS managed key)' : 'the customer'));
  lines.push(row('Created', day(key.creationDate)));
  const deleting = key.state === 'PendingDeletion' && key.deletionDate;
  lines.push(row('State', key.state, key.state === 'Enabled' ? undefined : theme.warning));
  if (deleting) {
    const left = daysLeft(key.deletionDate as string, now);
    lines.push(
      row(
        'Deletion on',
        `${day(key.deletionDate)} (${formatCount(left)} day${left === 1 ? '' : 's'} left)`,
        theme.danger,
      ),
    );
    lines.push(
      ...inset('Press c to cancel the deletion (the key comes back disabled).', width, 2, {dim: true}),
    );
  }
  // One alias a line: a key may have many, and a cut alias name is no use.
  const [firstAlias = '(none)', ...moreAliases] = key.aliases;
  lines.push(row('Aliases', firstAlias), ...moreAliases.map(a => row('', a)));
  if (key.description) {
    const [first = [], ...rest] = inset(sanitizeText(key.description), width, 20);
    lines.push([{text: '  Description       ', color: theme.muted}, ...first.slice(1)], ...rest);
  }

  const mr = key.multiRegionConfig;
  lines.push([], [{text: 'Multi-Region', bold: true}]);
  if (!mr) lines.push([{text: '  single-Region key', color: theme.muted}]);
  else {
    lines.push(row('This key', mr.type === 'PRIMARY' ? 'primary' : 'replica'));
    // An ARN that does not fit beside its Region gets a line of its own, so it is never cut.
    const located = (label: string, {region, arn}: {region: string; arn: string}): Line[] =>
      20 + displayWidth(sanitizeText(`${region}  ${arn}`)) <= width
        ? [row(label, `${region}  ${arn}`)]
        : [row(label, region), ...inset(sanitizeText(arn), width, 4)];
    if (mr.primary) lines.push(...located('Primary', mr.primary));
    for (const r of mr.replicas) lines.push(...located('Replica', r));
    if (mr.replicas.length === 0) lines.push(row('Replicas', '(none)'));
  }

  lines.push([], [{text: 'Rotation', bold: true}]);
  const rot = reads.rotation;
  const rotWait = pending(rot, 'kms:GetKeyRotationStatus', theme);
  if (rotWait) lines.push(rotWait);
  else if (rot.status === 'ready' && rot.value === undefined)
    lines.push([{text: '  this kind of key does not rotate automatically', color: theme.muted}]);
  else if (rot.status === 'ready' && rot.value) {
    const s = rot.value;
    lines.push(row('Automatic', s.enabled ? `on, every ${formatCount(s.periodDays ?? 365)} days` : 'off'));
    if (s.enabled) lines.push(row('Next rotation', day(s.nextRotationDate)));
    if (s.onDemandStartDate) lines.push(row('On demand', `in progress since ${day(s.onDemandStartDate)}`));
    if (key.keyManager === 'CUSTOMER')
      lines.push(
        ...inset(`Press o to turn automatic rotation ${s.enabled ? 'off' : 'on'}.`, width, 2, {dim: true}),
      );
  }
  const hist = reads.rotations;
  const histWait = pending(hist, 'kms:ListKeyRotations', theme);
  if (histWait) lines.push(histWait);
  else if (hist.status === 'ready' && hist.value.length > 0) {
    const onDemand = hist.value.filter(r => r.type === 'ON_DEMAND');
    const last = hist.value.at(-1) as KeyRotation;
    lines.push(
      row(
        'Rotations',
        `${formatCount(hist.value.length)}, last ${day(last.date)} (${last.type.toLowerCase()})`,
      ),
    );
    lines.push(
      row(
        'On demand',
        onDemand.length ? onDemand.map(r => day(r.date)).join(', ') : 'none (25 allowed per key)',
      ),
    );
  }

  lines.push([], [{text: 'Tags', bold: true}]);
  const tags = reads.tags;
  const tagWait = pending(tags, 'kms:ListResourceTags', theme);
  if (tagWait) lines.push(tagWait);
  else if (tags.status === 'ready') {
    if (tags.value.length === 0) lines.push([{text: '  (none)', color: theme.muted}]);
    for (const t of tags.value) lines.push(row(t.key, t.value));
  }
  return lines;
}

export function DetailsTab({keyDetails, width, height, isActive, round}: DetailsTabProps) {
  const gateway = useGateway();
  const theme = useTheme();
  useScreen('details', isActive);
  const arn = keyDetails.arn;
  const rotation = useRead(signal => gateway.rotationStatus(arn, {signal}), [gateway, arn, round]);
  const rotations = useRead(signal => gateway.listKeyRotations(arn, {signal}), [gateway, arn, round]);
  const tags = useRead(signal => gateway.listTags(arn, {signal}), [gateway, arn, round]);
  const lines = useMemo(
    () => detailLines(keyDetails, {rotation, rotations, tags}, width, theme, Date.now()),
    [keyDetails, rotation, rotations, tags, width, theme],
  );
  return <ScrollPane lines={lines} height={height} width={width} isActive={isActive} />;
}
