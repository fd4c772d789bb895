// The access wizard (`a`): what to change → which principal (typed and validated, or picked from
// the policy for a removal; no such step for the deletion toggle) → review → confirm → result.
// Every edit is the domain's applyAccessEdit on the reviewed policy; after a conflict it is
// re-applied to the live policy. Esc (and q where it is not text) goes back one step, and every
// answer given so far is kept: the lists reopen on the earlier choice, the field on its text.
import React, {useMemo, useState} from 'react';
import {Box, Text, useInput} from 'ink';
import {keyInfoOf} from '../../aws/types.js';
import {applyAccessEdit, parsePrincipal, printPolicy, sanitizeText} from '../../policy/index.js';
import type {AccessEdit, PolicyDocument} from '../../policy/types.js';
import {wrapWords} from '../components/LineView.js';
import {useOverlayOpen, useScreen, useTheme} from '../context.js';
import {documentOf} from '../hooks/useProposedChange.js';
import {actionFor} from '../keymap.js';
import {ConfirmChange} from './ConfirmChange.js';
import type {FlowProps} from './flowProps.js';
import {flowHeadings} from './flowSteps.js';
import {ChoiceList} from './wizard/ChoiceList.js';
import {ROLE_WORDS, removable, wizardChoices, type Choice} from './wizard/choices.js';
import {PrincipalStep, crossAccountNote, emptyFieldHint, principalVerdict} from './wizard/PrincipalStep.js';

type Step = 'choose' | 'principal' | 'pick' | 'review';

const TITLE = 'Access wizard';
const HEADINGS = {choose: 'What do you want to change?', principal: 'Which principal?'};
const WITH_PRINCIPAL = flowHeadings(['choose', 'principal'] as const, HEADINGS);
const DELETION_ONLY = flowHeadings(['choose'] as const, HEADINGS);

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

  const reviewing = step === 'review' && typeof planned === 'object';
  // The field takes letters (only Esc goes back); the lists take q as back too.
  const typing = step === 'principal';
  useScreen(typing ? 'wizard' : 'flow', !reviewing);
  useInput(
    (input, key) => {
      if (actionFor(typing ? 'wizard' : 'flow', input, key) === 'cancel') back();
    },
    {isActive: !reviewing && !overlay},
  );
  const headings = choice?.kind === 'deletion' ? DELETION_ONLY : WITH_PRINCIPAL;

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
        steps={headings.change}
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

  const heading = step === 'choose' ? headings.own.choose : WITH_PRINCIPAL.own.principal;
  const choices = wizardChoices(access, model.document, info);
  const chosenAt = Math.max(
    0,
    choices.items.findIndex(c => JSON.stringify(c.value) === JSON.stringify(choice)),
  );
  const removal =
    choice?.kind === 'remove' ? removable(access, choice.role, model.document, info) : undefined;
  const members = removal?.members ?? [];
  const pickedAt = Math.max(0, edit && edit.op === 'remove' ? members.indexOf(edit.principal) : 0);
  const nameOf = (v: string) => sanitizeText(parsePrincipal(v, keyDetails.accountId).name);
  const notes =
    step === 'choose'
      ? choices.unavailable
      : step === 'pick'
        ? (removal?.refused ?? []).map(r => `Not listed: ${r.reason}`)
        : [];
  // The list first; what is not offered, and why, in the rows left below it.
  const listCount = step === 'choose' ? choices.items.length : members.length;
  const listRows = Math.max(1, Math.min(listCount, height - 5));
  const noteLines = notes
    .flatMap(n => wrapWords(sanitizeText(n), width, 2))
    .slice(0, Math.max(0, height - 6 - listRows));
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
          items={choices.items}
          initial={chosenAt}
          limit={listRows}
          onSelect={item => {
            // The same answer again keeps what was typed after it; another starts afresh.
            if (JSON.stringify(item.value) !== JSON.stringify(choice)) setValue('');
            setChoice(item.value);
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
          initial={pickedAt}
          limit={listRows}
          onSelect={item => {
            if (choice?.kind !== 'remove') return;
            setEdit({op: 'remove', role: choice.role, principal: item.value});
            setStep('review');
          }}
        />
      ) : null}
      {typeof planned === 'string' ? <Text color={theme.danger}>✖ {sanitizeText(planned)}</Text> : null}
      {noteLines.length > 0 ? <Text> </Text> : null}
      {noteLines.map((note, i) => (
        <Text key={i} color={theme.muted} wrap="truncate-end">
          {note}
        </Text>
      ))}
      <Box flexGrow={1} />
      <Text color={theme.muted} wrap="truncate-end">
        {step === 'principal'
          ? 'Enter review · Esc back (your text is kept)'
          : `↑↓ choose · Enter select · Esc/q ${step === 'choose' ? 'close' : 'back'}`}
      </Text>
    </Box>
  );
}
