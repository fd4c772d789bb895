// One key, as the app shell opens it from the list: DescribeKey (unless the list already has the
// details), then the key detail itself (KeyDetail.tsx). A key that cannot be described says why.
import React, {useEffect, useState} from 'react';
import {Box, Text, useWindowSize} from 'ink';
import {useKeyInput} from '../../keyInput.js';
import type {KeyDetails, KeySummary} from '../../../aws/types.js';
import {sanitizeText} from '../../../policy/index.js';
import {useGateway, useOverlayOpen, useTheme} from '../../context.js';
import {errorMessage} from '../../hooks/usePolicy.js';
import {actionFor} from '../../keymap.js';
import {KeyDetail} from './KeyDetail.js';

export interface KeyDetailScreenProps {
  summary: KeySummary;
  details?: KeyDetails;
  onBack: () => void;
  onChanged: (details?: KeyDetails) => void;
  /** The space the app shell leaves for the screen; the terminal's size when not given. */
  width?: number;
  height?: number;
}

export function KeyDetailScreen({summary, details, onBack, onChanged, ...size}: KeyDetailScreenProps) {
  const gateway = useGateway();
  const theme = useTheme();
  const terminal = useWindowSize();
  const width = size.width ?? terminal.columns;
  const height = size.height ?? terminal.rows;
  // The list's details when it has them, and as it updates them (a cancelled deletion changes the
  // state): a copy taken once would keep showing the key as it was when it opened.
  const [described, setDescribed] = useState<KeyDetails>();
  const key = details ?? described;
  const [keyError, setKeyError] = useState<string>();

  useEffect(() => {
    if (key) return;
    let live = true;
    gateway.describeKey(summary.keyId).then(
      d => live && setDescribed(d),
      error => live && setKeyError(errorMessage(error)),
    );
    return () => {
      live = false;
    };
  }, [gateway, key, summary.keyId]);

  if (!key) {
    return (
      <Box width={width} height={height} flexDirection="column">
        <Text color={keyError ? theme.danger : theme.muted}>
          {keyError ?? `Reading ${sanitizeText(summary.keyId)}…`}
        </Text>
        {keyError ? <BackOnEsc onBack={onBack} /> : null}
      </Box>
    );
  }
  return <KeyDetail keyDetails={key} onBack={onBack} onChanged={onChanged} width={width} height={height} />;
}

function BackOnEsc({onBack}: {onBack: () => void}) {
  const overlay = useOverlayOpen();
  useKeyInput(
    (input, key) => {
      if (actionFor('keyDetail', input, key) === 'back') onBack();
    },
    {isActive: !overlay},
  );
  return <Text dimColor>Esc back</Text>;
}
