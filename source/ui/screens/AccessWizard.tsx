// The access wizard (`a`): 1 what to change → 2 which principal (typed and validated, or picked
// from the policy for a removal) → 3 review → 4 confirm → 5 result. Every edit is the domain's
// applyAccessEdit on the reviewed policy; after a conflict it is re-applied to the live policy.
import React, {useMemo, useState} from 'react';
import {Box, Text, useInput} from 'ink';
import {keyInfoOf} from '../../aws/types.js';
import {applyAccessEdit, parsePrincipal, printPolicy, sanitizeText} from '../../policy/index.js';
import type {AccessEdit, PolicyDocument} from '../../policy/types.js';
import {useOverlayOpen, useScreen, useTheme} from '../context.js';
import {documentOf} from '../hooks/useProposedChange.js';
import {actionFor} from '../keymap.js';
import {ConfirmChange} from './ConfirmChange.js';
import type {FlowProps} from './flowProps.js';
import {ChoiceList} from './wizard/ChoiceList.js';
import {ROLE_WORDS, roleMembers, wizardChoices, type Choice} from './wizard/choices.js';
import {PrincipalStep, crossAccountNote, emptyFieldHint, principalVerdict} from './wizard/PrincipalStep.js';

type Step = 'choose' | 'principal' | 'pick' | 'review';

const TITLE = 'Access wizard';
const STEPS = {
  review: 'Step 3 of 5 · Review the change',
  confirm: 'Step 4 of 5 · Confirm',
  result: 'Step 5 of 5 · Result',
};

function describeEdit(edit: AccessEdit, accountId: string): string {
  if (edit.op === 'set-deletion') {
    return edit.allow
      ? 'Allow key administrators to delete this key'
      : 'Prevent key administrators from deleting this key';
  }
  const name = sanitizeText(parsePrincipal(edit.principal, accountId).name);
  const role = ROLE_WORDS[edit.role].one;
  return edit.op === 'add' ? `Add ${name} as a ${role}` : `Remove ${name} as a ${role}`;
}

export function AccessWizard({keyDetails, model, propose, onWritten, onClose, width, height}: FlowProps) {
  const theme = useTheme();
  const info = keyInfoOf(keyDetails);
  const [step, setStep] = useState<Step>('choose');
  const [choice, setChoice] = useState<Choice>();
  const [value, setValue] = useState('');
  const [edit, setEdit] = useState<AccessEdit>();
  // Said when Enter finds nothing to go on with (an empty field); typing clears it.
  const [nudge, setNudge] = useState<string>();
  const overlay = useOverlayOpen();
  useScreen('wizard');

  const access = model.access;
  const apply = (doc: PolicyDocument, e: AccessEdit) => applyAccessEdit(doc, e, info);
  const addEdit = (principal: string): AccessEdit | undefined =>
    choice?.kind === 'add' ? {op: 'add', role: choice.role, principal: principal.trim()} : undefined;

  const verdictFor = (text: string) => {
    const e = addEdit(text);
    if (!e || !model.document || !text.trim()) return undefined;
    return principalVerdict(text.trim(), keyDetails.accountId, apply(model.document, e));
  };
  const verdict = useMemo(() => verdictFor(value), [value, choice, model]);

  const submitPrincipal = (text: string) => {
    if (choice?.kind !== 'add') return;
    if (!text.trim()) return setNudge(emptyFieldHint(choice.role));
    if (verdictFor(text)?.result.ok) {
      setEdit(addEdit(text));
      setStep('review');
    }
  };

  const planned = useMemo(() => {
    if (step !== 'review' || !edit || !model.document) return undefined;
    const result = apply(model.document, edit);
    return result.ok ? propose(model.snapshot, printPolicy(result.document), 'access-edit') : result.reason;
  }, [step, edit, model, propose]);

  const back = () => {
    if (step === 'choose') onClose();
    else if (step === 'review')
      setStep(choice?.kind === 'add' ? 'principal' : choice?.kind === 'remove' ? 'pick' : 'choose');
    else setStep('choose');
  };

  useInput(
    (input, key) => {
      const act = actionFor('wizard', input, key);
      if (act === 'cancel') back();
    },
    {isActive: !(step === 'review' && typeof planned === 'object') && !overlay},
  );

  if (!access || !model.document) {
    return <Text color={theme.danger}>The policy is not valid JSON: fix it with e (edit) first.</Text>;
  }

  if (step === 'review' && edit && typeof planned === 'object') {
    const principal =
      edit.op === 'set-deletion' ? undefined : parsePrincipal(edit.principal, keyDetails.accountId);
    return (
      <ConfirmChange
        keyDetails={keyDetails}
        change={planned}
        title={TITLE}
        action={describeEdit(edit, keyDetails.accountId)}
        steps={STEPS}
        intro={
          principal?.external && principal.accountId
            ? crossAccountNote(principal.accountId, width, theme)
            : []
        }
        replan={live => {
          const doc = documentOf(live);
          if (typeof doc === 'string') return doc;
          const again = apply(doc, edit);
          return again.ok ? propose(live, printPolicy(again.document), 'access-edit') : again.reason;
        }}
        onWritten={onWritten}
        onClose={onClose}
        onBack={back}
        width={width}
        height={height}
      />
    );
  }

  const heading =
    step === 'choose' ? 'Step 1 of 5 · What do you want to change?' : 'Step 2 of 5 · Which principal?';
  const members = choice && choice.kind !== 'deletion' ? roleMembers(access, choice.role) : [];
  const nameOf = (v: string) => sanitizeText(parsePrincipal(v, keyDetails.accountId).name);
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <Text bold wrap="truncate-end">
        {TITLE} · {heading}
      </Text>
      <Text color={theme.muted} wrap="truncate-end">
        Administrators {access.administrators.length} · users {access.users.length} · other accounts{' '}
        {access.externalAccounts.length} · administrators may delete:{' '}
        {access.administratorsCanDelete ? 'yes' : 'no'}
      </Text>
      <Text> </Text>
      {step === 'choose' ? (
        <ChoiceList
          key="choose"
          isFocused={!overlay}
          items={wizardChoices(access)}
          limit={Math.max(1, height - 5)}
          onSelect={item => {
            setChoice(item.value);
            setValue('');
            setNudge(undefined);
            if (item.value.kind === 'add') setStep('principal');
            else if (item.value.kind === 'remove') setStep('pick');
            else {
              setEdit({op: 'set-deletion', allow: item.value.allow});
              setStep('review');
            }
          }}
        />
      ) : step === 'principal' && choice?.kind === 'add' ? (
        <PrincipalStep
          role={choice.role}
          value={value}
          onChange={text => {
            setValue(text);
            setNudge(undefined);
          }}
          onSubmit={submitPrincipal}
          verdict={verdict}
          nudge={nudge}
          width={width}
        />
      ) : step === 'pick' ? (
        <ChoiceList
          key="pick"
          isFocused={!overlay}
          items={members.map(m => ({key: m, label: nameOf(m), value: m}))}
          limit={Math.max(1, height - 5)}
          onSelect={item => {
            if (choice?.kind !== 'remove') return;
            setEdit({op: 'remove', role: choice.role, principal: item.value});
            setStep('review');
          }}
        />
      ) : null}
      {typeof planned === 'string' ? <Text color={theme.danger}>✖ {sanitizeText(planned)}</Text> : null}
      <Box flexGrow={1} />
      <Text color={theme.muted} wrap="truncate-end">
        {step === 'principal' ? 'Enter review · Esc back' : '↑↓ choose · Enter select · Esc back'}
      </Text>
    </Box>
  );
}
