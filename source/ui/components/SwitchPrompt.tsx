// `:` — switch region or profile. A gateway is bound to one region and profile, so switching
// asks run.tsx (through `onSubmit`) for a new one; failures stay in the prompt with the reason.
// A Region name is checked first: a typo would otherwise "work" and show an empty key list.
import React from 'react';
import {Box, Text} from 'ink';
import {useKeyInput} from '../keyInput.js';
import type {ConnectionInfo} from '../../aws/types.js';
import {regionProblem as checkRegion, sanitizeText} from '../../policy/index.js';
import {useScreen, useTheme} from '../context.js';
import {actionFor, splitKeys} from '../keymap.js';
import {truncate} from '../../policy/index.js';
import {useKeyState} from '../hooks/useKeyState.js';
import {TextInput} from './TextInput.js';

/** Why `region` is not a Region name (with the likely intended name), or undefined when it is one. */
export function regionProblem(region: string): string | undefined {
  const problem = checkRegion(region);
  return problem === undefined ? undefined : sanitizeText(problem);
}

export interface SwitchPromptProps {
  info: ConnectionInfo;
  /** Undefined when this session cannot reconnect; the prompt then says how to restart. */
  onSubmit: ((region: string, profile: string | undefined) => Promise<void>) | undefined;
  onCancel: () => void;
  width: number;
}

type Field = 'region' | 'profile';

export function SwitchPrompt({info, onSubmit, onCancel, width}: SwitchPromptProps) {
  const theme = useTheme();
  // Key handlers read latest(): the text typed and the Enter may arrive in one read.
  const [region, setRegion, latestRegion] = useKeyState(info.region);
  const [profile, setProfile, latestProfile] = useKeyState(info.profile ?? '');
  const [field, setField] = useKeyState<Field>('region');
  const [state, setState, latestState] = useKeyState<
    {kind: 'editing'} | {kind: 'connecting'} | {kind: 'failed'; message: string}
  >({kind: 'editing'});
  useScreen('prompt');

  const submit = () => {
    if (!onSubmit || latestState().kind === 'connecting') return;
    const wanted = latestRegion().trim();
    const problem = regionProblem(wanted);
    if (problem) {
      setState({kind: 'failed', message: problem});
      setField('region');
      return;
    }
    setState({kind: 'connecting'});
    const named = latestProfile().trim();
    onSubmit(wanted, named === '' ? undefined : named).catch((error: unknown) =>
      setState({kind: 'failed', message: error instanceof Error ? error.message : String(error)}),
    );
  };

  // "eu-west-1⏎" may arrive in one read: the field takes the text, the Enter still submits.
  useKeyInput((input, key) => {
    for (const [i, k] of splitKeys(input, key)) {
      const action = actionFor('prompt', i, k);
      if (action === 'cancel') return onCancel();
      if (action === 'nextField') setField(f => (f === 'region' ? 'profile' : 'region'));
      else if (action === 'submit') return submit();
    }
  });

  const fieldWidth = Math.max(8, Math.min(40, width - 12));
  if (!onSubmit) {
    return (
      <Box flexDirection="column" paddingLeft={1} width={width}>
        <Text bold>Switch region/profile</Text>
        <Text wrap="wrap">
          This session cannot switch. Quit and start again with keypol --region REGION --profile PROFILE.
        </Text>
        <Text color={theme.muted}>Esc closes this prompt.</Text>
      </Box>
    );
  }
  return (
    <Box flexDirection="column" paddingLeft={1} width={width}>
      <Text bold>Switch region/profile</Text>
      <Text>
        {'Region  '}
        <TextInput value={region} onChange={setRegion} isActive={field === 'region'} width={fieldWidth} />
      </Text>
      <Text>
        {'Profile '}
        <TextInput
          value={profile}
          onChange={setProfile}
          isActive={field === 'profile'}
          width={fieldWidth}
          placeholder="default credential chain"
        />
      </Text>
      {state.kind === 'connecting' ? <Text color={theme.muted}>Connecting…</Text> : null}
      {state.kind === 'failed' ? (
        <Text color={theme.danger} wrap="wrap">
          {truncate(sanitizeText(state.message), width * 3)}
        </Text>
      ) : null}
    </Box>
  );
}
