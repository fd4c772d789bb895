// The one screen every change passes: review (summary, risks, diff) → confirmation scaled to risk
// → the gateway's guarded write path → the verified result with how to undo, or the refusal in
// words. A conflict shows what changed underneath and asks for a fresh review of the replanned
// change; nothing is written without the operator having seen the exact before → after.
import React, {useMemo, useState} from 'react';
import {Box, Text} from 'ink';
import {useKeyInput} from '../keyInput.js';
import type {KeyDetails, PolicySnapshot, WriteOutcome} from '../../aws/types.js';
import {sanitizeText} from '../../policy/index.js';
import {ConfirmPrompt, promptRows} from '../components/ConfirmPrompt.js';
import {paragraph, type Line} from '../components/LineView.js';
import {ScrollPane} from '../components/ScrollPane.js';
import {useGateway, useOverlayOpen, useScreen, useTheme} from '../context.js';
import {errorMessage} from '../hooks/usePolicy.js';
import type {ProposedChange} from '../hooks/useProposedChange.js';
import {actionFor} from '../keymap.js';
import {keyRef, refusalLines, reviewLines, writtenLines} from './confirmLines.js';

export interface StepLabels {
  review: string;
  confirm: string;
  result: string;
}

export interface ConfirmChangeProps {
  keyDetails: KeyDetails;
  change: ProposedChange;
  /** Names the flow in the heading, e.g. "Upgrade walkthrough". */
  title: string;
  /** The change as a question's verb phrase: "Upgrade the key policy of alias/app". */
  action: string;
  steps?: StepLabels;
  /** Lines shown above the review (e.g. the cross-account note). */
  intro?: readonly Line[];
  /** The same change planned against the live policy after a conflict; a string says why it cannot be. */
  replan: (live: PolicySnapshot) => ProposedChange | string;
  /** The write was verified; `after` is the policy as KMS now returns it. */
  onWritten: (after: PolicySnapshot) => void;
  onClose: () => void;
  /** Esc during the review: back to the flow's previous step (default: close). */
  onBack?: () => void;
  /**
   * A raw edit: `e` reopens the editor on the operator's text (after a refusal, or to change it
   * before writing), so a refused edit is never thrown away.
   */
  onEditAgain?: () => void;
  width: number;
  height: number;
}

type Phase =
  | {name: 'review'}
  | {name: 'confirm'}
  | {name: 'applying'}
  | {name: 'done'; outcome: Extract<WriteOutcome, {ok: true}>}
  | {name: 'refused'; outcome: Extract<WriteOutcome, {ok: false}>}
  | {name: 'failed'; headline: string; message: string};

const NO_LINES: readonly Line[] = [];
const DEFAULT_STEPS: StepLabels = {review: 'Review', confirm: 'Confirm', result: 'Result'};

export function ConfirmChange(props: ConfirmChangeProps) {
  const {
    keyDetails,
    title,
    action,
    intro = NO_LINES,
    replan,
    onWritten,
    onClose,
    onEditAgain,
    width,
    height,
  } = props;
  const onBack = props.onBack ?? onClose;
  const steps = props.steps ?? DEFAULT_STEPS;
  const gateway = useGateway();
  const theme = useTheme();
  const [change, setChange] = useState(props.change);
  const [phase, setPhase] = useState<Phase>({name: 'review'});
  const [round, setRound] = useState(0);
  const overlay = useOverlayOpen();
  // The footer lists the keys of the step on screen: y/Esc only while `y` confirms; Enter/Esc
  // while a name is typed (the wizard's keys, which also make q ? : letters); Enter/Esc otherwise.
  const confirming = phase.name === 'confirm';
  useScreen('confirm', confirming && change.level === 'simple');
  useScreen('wizard', confirming && change.level !== 'simple');
  useScreen('flow', !confirming);

  const applicable = change.blocking.length === 0 && (!change.diff || change.diff.changes.length > 0);

  const apply = () => {
    setPhase({name: 'applying'});
    gateway
      .writePolicy({
        key: keyDetails,
        before: change.before,
        afterText: change.afterText,
        reason: change.reason,
        ...(change.bypassLockout ? {bypassLockout: true} : {}),
      })
      .then(
        outcome => {
          if (outcome.ok) {
            setPhase({name: 'done', outcome});
            onWritten(outcome.after);
          } else setPhase({name: 'refused', outcome});
        },
        error =>
          setPhase({
            name: 'failed',
            headline:
              'The write did not finish: check the Policy tab (r reloads) and the History tab before trying again.',
            message: errorMessage(error),
          }),
      );
  };

  const freshReview = (live: PolicySnapshot) => {
    const next = replan(live);
    if (typeof next === 'string') {
      setPhase({
        name: 'failed',
        headline: 'Nothing was written: the change no longer fits the policy as it is now.',
        message: sanitizeText(next),
      });
    } else {
      setChange(next);
      setRound(r => r + 1);
      setPhase({name: 'review'});
    }
  };

  // Edit again: while reviewing, and after any refusal but a conflict (which offers a fresh review).
  const editable =
    onEditAgain !== undefined &&
    (phase.name === 'review' || (phase.name === 'refused' && phase.outcome.refusal !== 'conflict'));

  useKeyInput(
    (input, key) => {
      const act = actionFor('flow', input, key);
      if (editable && act === 'editAgain') return onEditAgain();
      if (phase.name === 'review') {
        if (act === 'cancel') onBack();
        else if (act === 'next') applicable ? setPhase({name: 'confirm'}) : onClose();
      } else if (phase.name === 'refused' && phase.outcome.refusal === 'conflict' && phase.outcome.live) {
        if (act === 'next') freshReview(phase.outcome.live);
        else if (act === 'cancel') onClose();
      } else if (act === 'next' || act === 'cancel') onClose();
    },
    {isActive: phase.name !== 'confirm' && phase.name !== 'applying' && !overlay},
  );

  const contentWidth = Math.max(20, width);
  const lines = useMemo((): readonly Line[] => {
    switch (phase.name) {
      case 'review':
        return [...intro, ...(intro.length ? [[]] : []), ...reviewLines(change, contentWidth, theme)];
      case 'confirm':
        // The prompt below needs the room; the summary (not the diff) stays in view.
        return reviewLines(change, contentWidth, theme, false);
      case 'applying':
        return [
          [
            {
              text: 'Writing the policy: waiting for any other keypol on this key, backup, put, then verifying twice…',
              color: theme.muted,
            },
          ],
        ];
      case 'done':
        return writtenLines(
          phase.outcome,
          {key: keyDetails, connection: gateway.info, lockedOut: change.bypassLockout},
          contentWidth,
          theme,
        );
      case 'refused':
        return refusalLines(phase.outcome, change.before, contentWidth, theme);
      case 'failed':
        return [
          ...paragraph(phase.headline, contentWidth, {bold: true, color: theme.danger}),
          ...paragraph(phase.message, contentWidth),
        ];
    }
  }, [phase, change, intro, contentWidth, theme, keyDetails, gateway]);

  const heading =
    phase.name === 'review'
      ? steps.review
      : phase.name === 'confirm' || phase.name === 'applying'
        ? steps.confirm
        : steps.result;
  const hint = (editable ? 'e edit again (your text is kept) · ' : '') + hintFor(phase, applicable);
  const names = [...keyDetails.aliases.map(a => sanitizeText(a)), keyDetails.keyId];
  const question = `${action} (${keyRef(keyDetails)})`;
  const bottomRows = phase.name === 'confirm' ? promptRows(change.level, question, names, width) : 1;
  const paneHeight = Math.max(1, height - 1 - bottomRows);

  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold wrap="truncate-end">
        {title} · {heading}
      </Text>
      <ScrollPane
        key={`${phase.name}-${round}`}
        lines={lines}
        height={paneHeight}
        width={width}
        isActive={phase.name !== 'confirm'}
      />
      {phase.name === 'confirm' ? (
        <Box height={bottomRows} flexDirection="column" justifyContent="flex-end">
          <ConfirmPrompt
            level={change.level}
            names={names}
            question={question}
            onConfirm={apply}
            onCancel={() => setPhase({name: 'review'})}
            width={width}
          />
        </Box>
      ) : (
        <Text color={theme.muted} wrap="truncate-end">
          {hint}
        </Text>
      )}
    </Box>
  );
}

function hintFor(phase: Phase, applicable: boolean): string {
  switch (phase.name) {
    case 'review':
      return applicable ? 'Enter continue · ↑↓ PgUp PgDn scroll · Esc/q back' : 'Enter/Esc back · ↑↓ scroll';
    case 'applying':
      return '';
    case 'refused':
      return phase.outcome.refusal === 'conflict' && phase.outcome.live
        ? 'Enter review again · ↑↓ scroll · Esc/q close'
        : 'Enter/Esc back · ↑↓ scroll';
    default:
      return 'Enter/Esc back · ↑↓ scroll';
  }
}
