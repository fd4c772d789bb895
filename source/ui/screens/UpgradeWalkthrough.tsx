// The upgrade walkthrough (`u`): what is outdated and why → the deletion question, only when the
// policy cannot tell (a v1 policy) → review (summary + diff) → confirm → the verified result and
// how to undo. Steps are numbered as shown (4 or 5 of them); Esc/q go back one step. The plan comes from the domain (planUpgrade); this screen only walks the operator through it.
import React, {useMemo, useState} from 'react';
import {Box, Text} from 'ink';
import {useKeyInput} from '../keyInput.js';
import {keyInfoOf} from '../../aws/types.js';
import {planUpgrade, printPolicy} from '../../policy/index.js';
import type {PolicyDocument} from '../../policy/types.js';
import {paragraph} from '../components/LineView.js';
import {ScrollPane} from '../components/ScrollPane.js';
import {useOverlayOpen, useScreen, useTheme} from '../context.js';
import {documentOf} from '../hooks/useProposedChange.js';
import {actionFor} from '../keymap.js';
import {ConfirmChange} from './ConfirmChange.js';
import type {FlowProps} from './flowProps.js';
import {flowHeadings} from './flowSteps.js';
import {explainLines} from './upgrade/explainLines.js';
import {ChoiceList} from './wizard/ChoiceList.js';

type Step = 'explain' | 'deletion' | 'review';

const TITLE = 'Upgrade walkthrough';
const HEADINGS = {explain: 'What is outdated', deletion: 'Deletion'};

export function UpgradeWalkthrough({
  keyDetails,
  model,
  propose,
  onWritten,
  onClose,
  width,
  height,
}: FlowProps) {
  const theme = useTheme();
  const info = keyInfoOf(keyDetails);
  const [step, setStep] = useState<Step>('explain');
  const [allowDeletion, setAllowDeletion] = useState<boolean>();
  const overlay = useOverlayOpen();
  useScreen('flow');

  const planFor = (doc: PolicyDocument, allow = allowDeletion) =>
    planUpgrade(doc, info, allow === undefined ? {} : {allowDeletion: allow});
  // Step 1 explains the plan before any answer: what it says must not change once one is given.
  const first = useMemo(
    () =>
      model.document
        ? planFor(model.document, undefined)
        : {ok: false as const, reason: 'The policy is not valid JSON.'},
    [model],
  );
  const asksDeletion = first.ok && first.needsDeletionChoice;
  const plan = useMemo(
    () => (model.document && first.ok && allowDeletion !== undefined ? planFor(model.document) : first),
    [model, first, allowDeletion],
  );
  const headings = useMemo(
    () => flowHeadings(asksDeletion ? (['explain', 'deletion'] as const) : (['explain'] as const), HEADINGS),
    [asksDeletion],
  );
  const change = useMemo(
    () =>
      step === 'review' && plan.ok && !plan.needsDeletionChoice
        ? propose(model.snapshot, printPolicy(plan.document), 'upgrade')
        : undefined,
    [step, plan, propose, model],
  );

  // Esc/q go back exactly one step; answers stay (the deletion step reopens on the answer given).
  useKeyInput(
    (input, key) => {
      const act = actionFor('flow', input, key);
      if (act === 'cancel') step === 'deletion' ? setStep('explain') : onClose();
      else if (act === 'next' && step === 'explain' && plan.ok) setStep(asksDeletion ? 'deletion' : 'review');
    },
    {isActive: step === 'explain' && !overlay},
  );
  useKeyInput(
    (input, key) => {
      if (actionFor('flow', input, key) === 'cancel') setStep('explain');
    },
    {isActive: step === 'deletion' && !overlay},
  );

  if (change) {
    return (
      <ConfirmChange
        keyDetails={keyDetails}
        change={change}
        title={TITLE}
        action="Upgrade the key policy"
        steps={headings.change}
        replan={live => {
          const doc = documentOf(live);
          if (typeof doc === 'string') return doc;
          const again = planFor(doc);
          if (!again.ok) return again.reason;
          if (again.needsDeletionChoice)
            return 'The policy changed so much that the deletion choice must be asked again.';
          return propose(live, printPolicy(again.document), 'upgrade');
        }}
        onWritten={onWritten}
        onClose={onClose}
        onBack={() => setStep(asksDeletion ? 'deletion' : 'explain')}
        width={width}
        height={height}
      />
    );
  }

  const heading = step === 'deletion' ? headings.own.deletion : headings.own.explain;
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold wrap="truncate-end">
        {TITLE} · {heading}
      </Text>
      {!first.ok ? (
        <ScrollPane
          lines={paragraph(`This policy cannot be upgraded: ${first.reason}`, width, {color: theme.danger})}
          height={Math.max(1, height - 2)}
          width={width}
        />
      ) : step === 'explain' ? (
        <ScrollPane
          lines={explainLines(first, model.classification!, width, theme)}
          height={Math.max(1, height - 2)}
          width={width}
        />
      ) : (
        <DeletionQuestion
          height={Math.max(1, height - 2)}
          width={width}
          answer={allowDeletion}
          onAnswer={allow => {
            setAllowDeletion(allow);
            setStep('review');
          }}
        />
      )}
      <Text color={theme.muted} wrap="truncate-end">
        {!first.ok
          ? 'Esc/q back'
          : step === 'explain'
            ? 'Enter continue · ↑↓ scroll · Esc/q close'
            : '↑↓ choose · Enter answer · Esc/q back'}
      </Text>
    </Box>
  );
}

const DELETION_CHOICES = [
  {label: 'No, administrators may not delete it', value: false},
  {label: "Yes, allow it (the console's default)", value: true},
];

function DeletionQuestion({
  height,
  width,
  answer,
  onAnswer,
}: {
  height: number;
  width: number;
  /** The answer given before, when the operator came back to this step. */
  answer: boolean | undefined;
  onAnswer: (allow: boolean) => void;
}) {
  const overlay = useOverlayOpen();
  const theme = useTheme();
  // The question and the choices come first and the why below: on a short terminal the why is
  // cut, never the option Enter would pick.
  const why = paragraph(
    'kms:ScheduleKeyDeletion and kms:CancelKeyDeletion. The console asks this as "Allow key administrators ' +
      'to delete this key"; a v1 policy predates key deletion, so it does not show what was chosen.',
    width,
  ).slice(0, Math.max(0, height - DELETION_CHOICES.length - 2));
  return (
    <Box flexDirection="column" height={height} width={width}>
      <Text bold wrap="truncate-end">
        May key administrators delete this key?
      </Text>
      <ChoiceList
        isFocused={!overlay}
        // keypol cannot infer the answer, so the cursor starts on the answer that grants nothing.
        initial={answer === true ? 1 : 0}
        items={DELETION_CHOICES}
        onSelect={item => onAnswer(item.value)}
      />
      {why.length > 0 ? <Text> </Text> : null}
      {why.map((line, i) => (
        <Text key={i} color={theme.muted} wrap="truncate-end">
          {line.map(s => s.text).join('')}
        </Text>
      ))}
    </Box>
  );
}
