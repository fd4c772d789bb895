// The access wizard (`a`): what to change → which principal (picked from the account's IAM roles
// and users — several at once — or typed and validated; picked from the policy for a removal; no
// such step for the deletion toggle) → review → confirm → result. Every edit is the domain's
// applyAccessEdit on the reviewed policy, several applied in turn as one change; after a conflict
// they are re-applied to the live policy. Esc (and q where it is not text) goes back one step, and every
// answer given so far is kept: the lists reopen on the earlier choice, the field on its text.
import React, {useMemo, useState} from 'react';
import {Box, Text} from 'ink';
import {useKeyInput} from '../keyInput.js';
import {keyInfoOf} from '../../aws/types.js';
import {
  applyAccessEdit,
  formatCount,
  parsePrincipal,
  policyPartition,
  principalNameProblem,
  printPolicy,
  sanitizeText,
} from '../../policy/index.js';
import type {AccessEdit, EditResult, PolicyDocument} from '../../policy/types.js';
import {LineRows, paragraph, wrapWords, type Line} from '../components/LineView.js';
import {useOverlayOpen, useScreen, useTheme} from '../context.js';
import {usePrincipals, type PrincipalsState} from '../hooks/usePrincipals.js';
import {documentOf} from '../hooks/useProposedChange.js';
import {actionFor} from '../keymap.js';
import {ConfirmChange} from './ConfirmChange.js';
import type {FlowProps} from './flowProps.js';
import {flowHeadings} from './flowSteps.js';
import {ChoiceList} from './wizard/ChoiceList.js';
import {ROLE_WORDS, removable, roleMembers, wizardChoices, type Choice} from './wizard/choices.js';
import {addRows, memberRows} from './wizard/pickerRows.js';
import {PrincipalPicker, type PickerSubmit} from './wizard/PrincipalPicker.js';
import {
  PrincipalStep,
  crossAccountNote,
  emptyFieldHint,
  principalVerdict,
  verdictLines,
} from './wizard/PrincipalStep.js';

type Step = 'choose' | 'principal' | 'pick' | 'review';

const TITLE = 'Access wizard';
const HEADINGS = {choose: 'What do you want to change?', principal: 'Which principal?'};
const WITH_PRINCIPAL = flowHeadings(['choose', 'principal'] as const, HEADINGS);
const DELETION_ONLY = flowHeadings(['choose'] as const, HEADINGS);

function describeEdits(edits: AccessEdit[], accountId: string): string {
  const [first] = edits;
  if (edits.length === 1 && first) return describeEdit(first, accountId);
  const named = edits.flatMap(e => (e.op === 'set-deletion' ? [] : [e]));
  const names = named.map(e => sanitizeText(parsePrincipal(e.principal, accountId).name));
  const shown =
    names.length > 3
      ? `${names.slice(0, 3).join(', ')} and ${formatCount(names.length - 3)} more`
      : names.join(', ');
  const role = named[0] ? ROLE_WORDS[named[0].role].one : 'principal';
  return `${named[0]?.op === 'remove' ? 'Remove' : 'Add'} ${shown} as ${role}s`;
}

/** Several edits in turn, as one change; an edit with nothing to do is skipped. */
function applyAll(
  doc: PolicyDocument,
  edits: AccessEdit[],
  apply: (d: PolicyDocument, e: AccessEdit) => EditResult,
): EditResult {
  let current = doc;
  let last: EditResult | undefined;
  for (const e of edits) {
    last = apply(current, e);
    if (last.ok) current = last.document;
    else if (!last.unchanged) return last;
  }
  return current === doc
    ? (last ?? {ok: false, reason: 'Nothing to change.', unchanged: true})
    : {ok: true, document: current};
}

/** Existence and name rules for a typed ARN, before the edit is even planned. */
function typedProblem(
  text: string,
  doc: PolicyDocument,
  accountId: string,
  state: PrincipalsState,
): string | undefined {
  const problem = principalNameProblem(text, {partition: policyPartition(doc)});
  if (problem) return problem;
  const ref = parsePrincipal(text, accountId);
  if (state.status !== 'ready' || ref.external || (ref.kind !== 'role' && ref.kind !== 'user'))
    return undefined;
  if (state.principals.some(p => p.arn === text)) return undefined;
  const name = text.slice(text.lastIndexOf('/') + 1);
  const other = state.principals.find(
    p => p.type === ref.kind && p.name.toLowerCase() === name.toLowerCase(),
  );
  return other
    ? `IAM has no ${ref.name}, but has ${other.arn}: a policy must name the ARN with its path.`
    : `IAM has no ${ref.name} in account ${accountId}: KMS would refuse the policy.`;
}

/** What the backup and the audit log call the change. */
const reasonOf = (edits: AccessEdit[]) =>
  edits.length > 0 && edits.every(e => e.op === 'set-deletion') ? 'deletion' : 'access-edit';

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
  const [edits, setEdits] = useState<AccessEdit[]>([]);
  const edit = edits[0];
  const setEdit = (e: AccessEdit) => setEdits([e]);
  // Said when Enter finds nothing to go on with (an empty field); typing clears it.
  const [nudge, setNudge] = useState<string>();
  const overlay = useOverlayOpen();

  const access = model.access;
  // Asked when the wizard opens, not when the picker does: most of its choices need the listing,
  // and 5,000 roles and users are 1.5–2.5 s of IAM pages on a busy machine, which this way overlap
  // the operator choosing what to change.
  const principals = usePrincipals();
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
    const e = addEdit(text);
    if (e && verdictFor(text)?.result.ok) {
      setEdit(e);
      setStep('review');
    }
  };

  const planned = useMemo(() => {
    if (step !== 'review' || edits.length === 0 || !model.document) return undefined;
    const result = applyAll(model.document, edits, apply);
    return result.ok ? propose(model.snapshot, printPolicy(result.document), reasonOf(edits)) : result.reason;
  }, [step, edits, model, propose]);

  const typedVerdict = (text: string): {ok: boolean; lines: Line[]} | undefined => {
    const e = addEdit(text);
    if (!e || !model.document || !text.trim()) return undefined;
    const problem = typedProblem(text.trim(), model.document, keyDetails.accountId, principals.state);
    if (problem) {
      return {ok: false, lines: paragraph(`✖ ${sanitizeText(problem)}`, width, {color: theme.danger}, 2)};
    }
    const v = principalVerdict(text.trim(), keyDetails.accountId, apply(model.document, e));
    return {ok: v.result.ok, lines: verdictLines(v, width, theme)};
  };
  const denied =
    principals.state.status === 'failed'
      ? paragraph(
          `${principals.state.denied ? 'IAM does not let you list roles and users' : 'Could not list roles and users'}: ${sanitizeText(principals.state.message)} Type or paste the ARN instead.`,
          width,
          {color: theme.warning},
          2,
        )
      : [];
  const onPicked = (submit: PickerSubmit) => {
    if (!choice || choice.kind === 'deletion') return;
    if (submit.kind === 'typed') {
      if (typedVerdict(submit.text)?.ok) {
        setEdits([{op: 'add', role: choice.role, principal: submit.text}]);
        setStep('review');
      }
      return;
    }
    const op = choice.kind;
    setEdits(submit.values.map(principal => ({op, role: choice.role, principal})));
    setStep('review');
  };

  const back = () => {
    if (step === 'choose') onClose();
    else if (step === 'review')
      setStep(choice?.kind === 'add' ? 'principal' : choice?.kind === 'remove' ? 'pick' : 'choose');
    else setStep('choose');
  };

  const reviewing = step === 'review' && typeof planned === 'object';
  // The field takes letters (only Esc goes back); the lists take q as back too.
  const typing = step === 'principal' || step === 'pick';
  useScreen(typing ? 'wizard' : 'flow', !reviewing);
  useKeyInput(
    (input, key) => {
      if (actionFor(typing ? 'wizard' : 'flow', input, key) === 'cancel') back();
    },
    {isActive: !reviewing && !overlay},
  );
  const headings = choice?.kind === 'deletion' ? DELETION_ONLY : WITH_PRINCIPAL;

  const removal = useMemo(
    () =>
      choice?.kind === 'remove' && access && model.document
        ? removable(access, choice.role, model.document, info)
        : undefined,
    [choice, access, model, keyDetails],
  );
  const known = principals.state.status === 'ready' ? principals.state.principals : undefined;
  // Built once per listing and answer, not on every render: thousands of rows, and the picker's
  // filter keeps its matches for the one rows array it was given.
  const rows = useMemo(() => {
    if (step === 'pick') return memberRows(removal?.members ?? [], keyDetails.accountId, known);
    if (step !== 'principal' || !known || !access || choice?.kind !== 'add') return [];
    return addRows(known, new Set(roleMembers(access, choice.role)));
  }, [step, choice, access, removal, known, keyDetails.accountId]);

  if (!access || !model.document) {
    return <Text color={theme.danger}>The policy is not valid JSON: fix it with e (edit) first.</Text>;
  }

  if (step === 'review' && edit && typeof planned === 'object') {
    // One typed principal of another account gets the cross-account note.
    const principal =
      edit.op === 'set-deletion' ? undefined : parsePrincipal(edit.principal, keyDetails.accountId);
    return (
      <ConfirmChange
        keyDetails={keyDetails}
        change={planned}
        title={TITLE}
        action={describeEdits(edits, keyDetails.accountId)}
        steps={headings.change}
        intro={
          edits.length === 1 && principal?.external && principal.accountId
            ? crossAccountNote(principal.accountId, width, theme)
            : []
        }
        replan={live => {
          const doc = documentOf(live);
          if (typeof doc === 'string') return doc;
          const again = applyAll(doc, edits, apply);
          return again.ok ? propose(live, printPolicy(again.document), reasonOf(edits)) : again.reason;
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
  const members = removal?.members ?? [];
  const notes =
    step === 'choose'
      ? choices.unavailable
      : step === 'pick'
        ? (removal?.refused ?? []).map(r => `Not listed: ${r.reason}`)
        : [];
  // The list first; what is not offered, and why, in the rows left below it.
  const listCount = step === 'choose' ? choices.items.length : Math.min(members.length, 3);
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
      ) : step === 'principal' && choice?.kind === 'add' && choice.role !== 'account' ? (
        <Box flexDirection="column">
          <PrincipalPicker
            key={`add-${choice.role}`}
            mode="add"
            role={choice.role}
            rows={rows}
            status={principals.state}
            typedVerdict={typedVerdict}
            onSubmit={onPicked}
            onRefresh={principals.refresh}
            initialQuery={value}
            onLeave={setValue}
            width={width}
            height={Math.max(4, height - 5 - denied.length)}
          />
          <LineRows lines={denied} />
        </Box>
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
      ) : step === 'pick' && choice?.kind === 'remove' ? (
        <PrincipalPicker
          key={`remove-${choice.role}`}
          mode="remove"
          role={choice.role}
          rows={rows}
          status={principals.state}
          typedVerdict={() => undefined}
          onSubmit={onPicked}
          onRefresh={principals.refresh}
          width={width}
          height={Math.max(4, height - 5 - noteLines.length)}
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
        {step === 'principal' || step === 'pick'
          ? 'Enter review · Esc back'
          : `↑↓ choose · Enter select · Esc/q ${step === 'choose' ? 'close' : 'back'}`}
      </Text>
    </Box>
  );
}
