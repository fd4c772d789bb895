// `:` — switch region or profile. A gateway is bound to one region and profile, so switching
// asks run.tsx (through `onSubmit`) for a new one; failures stay in the prompt with the reason.
import React, {useState} from 'react';
import {Box, Text, useInput} from 'ink';
import type {ConnectionInfo} from '../../aws/types.js';
import {sanitizeText} from '../../policy/index.js';
import {useScreen, useTheme} from '../context.js';
import {actionFor} from '../keymap.js';
import {truncate} from '../textWidth.js';
import {TextInput} from './TextInput.js';

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
  const [region, setRegion] = useState(info.region);
  const [profile, setProfile] = useState(info.profile ?? '');
  const [field, setField] = useState<Field>('region');
  const [state, setState] = useState<
    {kind: 'editing'} | {kind: 'connecting'} | {kind: 'failed'; message: string}
  >({
    kind: 'editing',
  });
  useScreen('prompt');

  useInput((input, key) => {
    const action = actionFor('prompt', input, key);
    if (action === 'cancel') onCancel();
    else if (action === 'nextField') setField(field === 'region' ? 'profile' : 'region');
    else if (action === 'submit' && onSubmit && state.kind !== 'connecting') {
      if (region.trim() === '') {
        setState({kind: 'failed', message: 'Type a region, for example eu-west-1.'});
        return;
      }
      setState({kind: 'connecting'});
      onSubmit(region.trim(), profile.trim() === '' ? undefined : profile.trim()).catch((error: unknown) =>
        setState({kind: 'failed', message: error instanceof Error ? error.message : String(error)}),
      );
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
