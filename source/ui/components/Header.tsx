// Two lines at the top: who (account, caller) and where (region, profile, a custom endpoint) with
// the mode badges. The READ-ONLY badge is deliberately loud: an operator must never wonder
// whether a key press can change a policy. The badges are laid out first and never cut; the
// endpoint and profile give way when the line is short.
import React from 'react';
import {Box, Text} from 'ink';
import type {ConnectionInfo, Identity} from '../../aws/types.js';
import {sanitizeText, utcTime} from '../../policy/index.js';
import {useTheme} from '../context.js';
import {displayWidth, truncate} from '../../policy/index.js';

export type IdentityState =
  {kind: 'loading'} | {kind: 'ok'; identity: Identity} | {kind: 'error'; message: string};

export interface HeaderProps {
  info: ConnectionInfo;
  identity: IdentityState;
  width: number;
}

const SEP = ' · ';

/**
 * The endpoint as host[:port]: no scheme or path (nothing an operator needs), never a
 * user:password@ part, and cleaned of control characters (a flag or the environment may hold
 * anything).
 */
export function endpointHost(endpoint: string): string {
  const authority = endpoint.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/[/?#].*$/s, '');
  return sanitizeText(authority.slice(authority.lastIndexOf('@') + 1));
}

/**
 * The caller in `room` cells. When the ARN is too long, the account (shown beside it) goes
 * first, then the middle of an assumed role's name: who it is (the session name) is kept.
 */
export function callerText(arn: string, account: string, room: number): string {
  if (displayWidth(arn) <= room) return arn;
  const prefix = `::${account}:`;
  const short = arn.includes(prefix) ? arn.slice(arn.indexOf(prefix) + prefix.length) : arn;
  if (displayWidth(short) <= room) return short;
  const role = /^(assumed-role\/)(.+)(\/[^/]+)$/.exec(short);
  if (role) {
    const [, head = '', name = '', session = ''] = role;
    for (const lead of [head, '']) {
      const left = room - displayWidth(lead) - displayWidth(session);
      if (left >= 4) return lead + truncate(name, left) + session;
    }
  }
  return truncate(short, room);
}

export function Header({info, identity, width}: HeaderProps) {
  const theme = useTheme();
  const account = identity.kind === 'ok' ? sanitizeText(identity.identity.account) : '…';
  const caller =
    identity.kind === 'ok'
      ? sanitizeText(identity.identity.arn)
      : identity.kind === 'error'
        ? `unknown (${sanitizeText(identity.message)})`
        : 'asking STS…';
  const lead = ` keypol  account ${account}  caller `;

  const mode = info.readOnly ? ' READ-ONLY ' : 'writes allowed';
  const badges = (info.sandbox ? '  SANDBOX ' : '') + SEP + mode;
  const region = sanitizeText(info.region);
  // The sandbox has no profile; its slot says whether the demo account is as seeded.
  const profileLabel = info.sandbox ? 'demo' : 'profile';
  const changed = info.sandboxChangedAt;
  // Region and badges are never cut; the profile and the endpoint share what is left. With an
  // endpoint (where every request goes) a long profile name gives way to it.
  const endpoint = info.endpoint && !info.sandbox ? endpointHost(info.endpoint) : undefined;
  const labels = `${SEP}${profileLabel} ` + (endpoint ? `${SEP}endpoint ` : '');
  let room = width - displayWidth(` region ${region}${labels}${badges}`) - 1;
  const long = changed ? `changed since ${utcTime(changed)} (--reset restores it)` : '';
  const profile = info.sandbox
    ? changed
      ? displayWidth(long) <= room
        ? long
        : 'changed (--reset)'
      : 'fresh'
    : info.profile
      ? sanitizeText(info.profile)
      : 'default';
  const profileShown = truncate(profile, Math.max(1, endpoint ? Math.min(12, room) : room));
  room -= displayWidth(profileShown);
  const endpointShown = endpoint && room >= 8 ? truncate(endpoint, room) : undefined;

  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate">
        <Text bold color={theme.accent}>
          {' keypol '}
        </Text>
        <Text color={theme.muted}> account </Text>
        <Text>{account}</Text>
        <Text color={theme.muted}>{'  caller '}</Text>
        <Text>{callerText(caller, account, Math.max(0, width - lead.length - 1))}</Text>
      </Text>
      <Text wrap="truncate">
        <Text color={theme.muted}> region </Text>
        <Text>{region}</Text>
        <Text color={theme.muted}>{`${SEP}${profileLabel} `}</Text>
        <Text color={changed ? theme.warning : undefined}>{profileShown}</Text>
        {endpointShown ? (
          <>
            <Text color={theme.muted}>{`${SEP}endpoint `}</Text>
            <Text>{endpointShown}</Text>
          </>
        ) : null}
        {info.sandbox ? (
          <Text>
            {'  '}
            <Text inverse color={theme.accent}>
              {' SANDBOX '}
            </Text>
          </Text>
        ) : null}
        <Text color={theme.muted}>{SEP}</Text>
        {info.readOnly ? (
          <Text inverse bold color={theme.warning}>
            {mode}
          </Text>
        ) : (
          <Text color={theme.muted}>{mode}</Text>
        )}
      </Text>
    </Box>
  );
}
