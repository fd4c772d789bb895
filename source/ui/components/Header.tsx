// Two lines at the top: who and where (account, caller, region, profile) and the mode badges.
// The READ-ONLY badge is deliberately loud: an operator must never wonder whether a key press
// can change a policy.
import React from 'react';
import {Box, Text} from 'ink';
import type {ConnectionInfo, Identity} from '../../aws/types.js';
import {sanitizeText} from '../../policy/index.js';
import {useTheme} from '../context.js';
import {truncate} from '../textWidth.js';

export type IdentityState =
  {kind: 'loading'} | {kind: 'ok'; identity: Identity} | {kind: 'error'; message: string};

export interface HeaderProps {
  info: ConnectionInfo;
  identity: IdentityState;
  width: number;
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
  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate">
        <Text bold color={theme.accent}>
          {' keypol '}
        </Text>
        <Text color={theme.muted}> account </Text>
        <Text>{account}</Text>
        <Text color={theme.muted}>{'  caller '}</Text>
        <Text>{truncate(caller, Math.max(0, width - lead.length - 1))}</Text>
      </Text>
      <Text wrap="truncate">
        <Text color={theme.muted}> region </Text>
        <Text>{sanitizeText(info.region)}</Text>
        <Text color={theme.muted}>{'  profile '}</Text>
        <Text>{info.profile ? sanitizeText(info.profile) : info.sandbox ? '(sandbox)' : 'default'}</Text>
        {info.sandbox ? (
          <Text>
            {'  '}
            <Text inverse color={theme.accent}>
              {' SANDBOX '}
            </Text>
          </Text>
        ) : null}
        {info.readOnly ? (
          <Text>
            {'  '}
            <Text inverse bold color={theme.warning}>
              {' READ-ONLY '}
            </Text>
          </Text>
        ) : (
          <Text color={theme.muted}> writes allowed</Text>
        )}
      </Text>
    </Box>
  );
}
