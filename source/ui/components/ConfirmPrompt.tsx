// The last gate before a write, scaled to risk (Shopify's dangerous-confirmation idea):
//  - 'simple':   `y` confirms (an upgrade, an additive change);
//  - 'typed':    the operator types the key's alias or id, then Enter;
//  - 'override': as 'typed', then the explicit lockout override phrase.
// Esc always cancels. Typed text never matches by accident: `y` in a typed prompt is just a letter.
import React, {useState} from 'react';
import {Box, Text} from 'ink';
import {useKeyInput} from '../keyInput.js';
import {actionFor} from '../keymap.js';
import {useOverlayOpen, useTheme} from '../context.js';
import {TextInput} from './TextInput.js';
import {wrapWords} from './LineView.js';

export type ConfirmLevel = 'simple' | 'typed' | 'override';

export const OVERRIDE_PHRASE = 'override lockout';

export interface ConfirmPromptProps {
  level: ConfirmLevel;
  /** Accepted names for typed confirmation (the key's aliases and key id). */
  names: readonly string[];
  /** The action in words, e.g. "Upgrade the key policy of alias/app". */
  question: string;
  onConfirm: () => void;
  onCancel: () => void;
  width: number;
  isActive?: boolean;
  /** What `names` are, for a typed confirmation of something other than a key (a grant id's start). */
  typedWhat?: string;
  /** The simple prompt's instruction, where Esc does not lead back to a review (a key action). */
  simpleHint?: string;
}

const SIMPLE_HINT = 'Press y to write it, Esc to go back to the review.';

/** Rows the prompt takes at `width`, so the review above it keeps the rest (60×12 included). */
export function promptRows(
  level: ConfirmLevel,
  question: string,
  names: readonly string[],
  width: number,
): number {
  const rows = (text: string) => wrapWords(text, width).length;
  if (level === 'simple') return rows(`${question}?`) + rows(SIMPLE_HINT);
  // Question, the longer of the two instructions, the text field and a line for a problem.
  return rows(`${question}?`) + Math.max(rows(namePrompt(names)), rows(PHRASE_PROMPT)) + 2;
}

const KEY_NAME = "the key's alias or id";
const namePrompt = (names: readonly string[], what = KEY_NAME) =>
  `Type ${what} (${names[0] ?? ''}) and press Enter to confirm; Esc goes back.`;
const PHRASE_PROMPT = `This policy may lock everyone out of the key. Type "${OVERRIDE_PHRASE}" and press Enter to write it anyway.`;

export function ConfirmPrompt({
  level,
  names,
  question,
  onConfirm,
  onCancel,
  width,
  isActive: wanted = true,
  typedWhat,
  simpleHint = SIMPLE_HINT,
}: ConfirmPromptProps) {
  const theme = useTheme();
  const isActive = wanted && !useOverlayOpen();
  const [typed, setTyped] = useState('');
  const [stage, setStage] = useState<'name' | 'phrase'>('name');
  const [problem, setProblem] = useState<string>();

  const edit = (value: string) => {
    setTyped(value);
    // The complaint was about the text as it was: once it changes, it no longer applies.
    setProblem(undefined);
  };

  const submit = (text: string) => {
    const value = text.trim();
    if (stage === 'name' && !names.includes(value)) {
      setProblem(
        typedWhat ? `"${value}" is not ${typedWhat}.` : `"${value}" is not the alias or id of this key.`,
      );
      return;
    }
    if (stage === 'phrase' && value !== OVERRIDE_PHRASE) {
      setProblem(`Type exactly "${OVERRIDE_PHRASE}" to write a policy that may lock you out.`);
      return;
    }
    setProblem(undefined);
    if (level === 'override' && stage === 'name') {
      setStage('phrase');
      edit('');
    } else onConfirm();
  };

  useKeyInput(
    (input, key) => {
      // While a name is typed, letters are text: only Esc goes back (the 'wizard' keys).
      const action = actionFor(level === 'simple' ? 'confirm' : 'wizard', input, key);
      if (action === 'cancel') onCancel();
      else if (level === 'simple' && action === 'confirm') onConfirm();
    },
    {isActive},
  );

  if (level === 'simple') {
    return (
      <Box flexDirection="column">
        <Text bold>{question}?</Text>
        <Text>{simpleHint}</Text>
      </Box>
    );
  }
  const prompt = stage === 'name' ? namePrompt(names, typedWhat) : PHRASE_PROMPT;
  return (
    <Box flexDirection="column">
      <Text bold>{question}?</Text>
      <Text color={theme.warning}>{prompt}</Text>
      <Box>
        <Text color={theme.accent}>› </Text>
        <TextInput
          key={stage}
          value={typed}
          onChange={edit}
          onSubmit={submit}
          width={Math.max(10, width - 2)}
          isActive={isActive}
        />
      </Box>
      {problem ? <Text color={theme.danger}>{problem}</Text> : null}
    </Box>
  );
}
