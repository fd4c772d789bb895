// The upgrade walkthrough (`u`): 1 what is outdated and why → 2 the deletion question, only when
// the policy cannot tell → 3 review (summary + diff) → 4 confirm → 5 the verified result and how to
// undo. The plan comes from the domain (planUpgrade); this screen only walks the operator through it.
import React, {useMemo, useState} from 'react';
import {Box, Text, useInput} from 'ink';
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
import {explainLines} from './upgrade/explainLines.js';
import {ChoiceList} from './wizard/ChoiceList.js';

type Step = 'explain' | 'deletion' | 'review';

const TITLE = 'Upgrade walkthrough';
const STEPS = {
  review: 'Step 3 of 5 · Review the change',
  confirm: 'Step 4 of 5 · Confirm',
  result: 'Step 5 of 5 · Result',
};

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
  useScreen('upgrade');

  const planFor = (doc: PolicyDocument) =>
    planUpgrade(doc, info, allowDeletion === undefined ? {} : {allowDeletion});
  const plan = useMemo(
    () =>
      model.document
        ? planFor(model.document)
        : {ok: false as const, reason: 'The policy is not valid JSON.'},
    [model, allowDeletion],
  );
  const deletionStep = plan.ok && plan.needsDeletionChoice;
  const change = useMemo(
    () =>
      step === 'review' && plan.ok && !plan.needsDeletionChoice
        ? propose(model.snapshot, printPolicy(plan.document), 'upgrade')
        : undefined,
    [step, plan, propose, model],
  );

  useInput(
    (input, key) => {
      const act = actionFor('upgrade', input, key);
      if (act === 'cancel') step === 'deletion' ? setStep('explain') : onClose();
      else if (act === 'next' && step === 'explain' && plan.ok) setStep(deletionStep ? 'deletion' : 'review');
    },
    {isActive: step !== 'review' && !overlay},
  );

  if (change) {
    return (
      <ConfirmChange
        keyDetails={keyDetails}
        change={change}
        title={TITLE}
        action="Upgrade the key policy"
        steps={STEPS}
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
        onBack={() => setStep('explain')}
        width={width}
        height={height}
      />
    );
  }

  const heading = step === 'deletion' ? 'Step 2 of 5 · Deletion' : 'Step 1 of 5 · What is outdated';
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold wrap="truncate-end">
        {TITLE} · {heading}
      </Text>
      {!plan.ok ? (
        <ScrollPane
          lines={paragraph(`This policy cannot be upgraded: ${plan.reason}`, width, {color: theme.danger})}
          height={Math.max(1, height - 2)}
          width={width}
        />
      ) : step === 'explain' ? (
        <ScrollPane
          lines={explainLines(plan, model.classification!, width, theme)}
          height={Math.max(1, height - 2)}
          width={width}
        />
      ) : (
        <DeletionQuestion
          height={Math.max(1, height - 2)}
          width={width}
          onAnswer={allow => {
            setAllowDeletion(allow);
            setStep('review');
          }}
        />
      )}
      <Text color={theme.muted} wrap="truncate-end">
        {!plan.ok
          ? 'Esc back'
          : step === 'explain'
            ? 'Enter continue · ↑↓ scroll · Esc cancel'
            : '↑↓ choose · Enter answer · Esc back'}
      </Text>
    </Box>
  );
}

function DeletionQuestion({
  height,
  width,
  onAnswer,
}: {
  height: number;
  width: number;
  onAnswer: (allow: boolean) => void;
}) {
  const overlay = useOverlayOpen();
  const question = paragraph(
    'Should key administrators be allowed to delete this key (kms:ScheduleKeyDeletion and kms:CancelKeyDeletion)? ' +
      'The console asks this as "Allow key administrators to delete this key"; this policy does not show what was chosen.',
    width,
  );
  return (
    <Box flexDirection="column" height={height} width={width}>
      {question.map((line, i) => (
        <Text key={i}>{line.map(s => s.text).join('')}</Text>
      ))}
      <Text> </Text>
      <ChoiceList
        isFocused={!overlay}
        // keypol cannot infer the answer, so the cursor starts on the answer that grants nothing.
        items={[
          {label: 'No, administrators may not delete it', value: false},
          {label: "Yes, allow it (the console's default)", value: true},
        ]}
        onSelect={item => onAnswer(item.value)}
      />
    </Box>
  );
}
