// One key action (revoke a grant, cancel the deletion, turn rotation on or off) in place of the
// tabs: what will happen, the confirmation (typed for a grant), then the gateway's guarded call.
// Its outcome goes back to the key detail as one sentence for the status line.
import React, {useState} from 'react';
import {Box, Text} from 'ink';
import type {KeyActionOutcome} from '../../../aws/types.js';
import {sanitizeText} from '../../../policy/index.js';
import {ConfirmPrompt, type ConfirmLevel} from '../../components/ConfirmPrompt.js';
import {LineView, type Line} from '../../components/LineView.js';
import {useScreen, useTheme} from '../../context.js';

export interface KeyActionFlowProps {
  title: string;
  lines: Line[];
  question: string;
  level: Extract<ConfirmLevel, 'simple' | 'typed'>;
  /** For a typed confirmation: what to type, and what it is in words. */
  names?: readonly string[];
  typedWhat?: string;
  run: () => Promise<KeyActionOutcome>;
  onDone: (outcome: KeyActionOutcome) => void;
  onCancel: () => void;
  width: number;
  height: number;
}

export function KeyActionFlow(props: KeyActionFlowProps) {
  const {title, lines, question, level, names = [], typedWhat, run, onDone, onCancel, width, height} = props;
  const theme = useTheme();
  const [running, setRunning] = useState(false);
  // A typed confirmation is a text field: its keys are Enter and Esc, not y (as in ConfirmChange).
  useScreen('confirm', !running && level === 'simple');
  useScreen('wizard', !running && level !== 'simple');

  const confirm = () => {
    setRunning(true);
    run().then(onDone, (error: unknown) =>
      onDone({
        ok: false,
        refusal: 'api',
        message: error instanceof Error ? error.message : String(error),
        applied: null,
        warnings: [],
      }),
    );
  };

  const promptHeight = level === 'simple' ? 3 : 5;
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold>{title}</Text>
      <LineView lines={lines} top={0} height={Math.max(1, height - 1 - promptHeight)} width={width} />
      {running ? (
        <Text color={theme.muted}>Working… (saving, calling KMS, checking)</Text>
      ) : (
        <ConfirmPrompt
          level={level}
          names={names}
          question={sanitizeText(question)}
          onConfirm={confirm}
          onCancel={onCancel}
          width={width}
          simpleHint="Press y to go ahead, Esc to cancel."
          {...(typedWhat ? {typedWhat} : {})}
        />
      )}
    </Box>
  );
}
