// The bottom line: the keys of the screen on top, generated from the keymap (never hand-written,
// so it cannot drift from what the keys do). `? help` and the `q` key sit at the right edge and
// are never dropped; the screen's actions fill the left in keymap order while whole hints fit.
// Ending at the right edge also makes every width a different frame, so a resize always redraws.
import React from 'react';
import {Box, Text} from 'ink';
import {footerHints, type Binding, type Screen} from '../keymap.js';
import {useTheme, type OffKeys} from '../context.js';
import {displayWidth} from '../../policy/index.js';

const GAP = 2;

const hintText = (b: Binding) => `${b.label} ${b.hint ?? b.description}`;
const widthOf = (hints: readonly Binding[]) =>
  hints.reduce((sum, b, i) => sum + displayWidth(hintText(b)) + (i > 0 ? GAP : 0), 0);

export interface FooterFit {
  actions: Binding[];
  essential: Binding[];
  /** Why keys are missing ("u a e off: read-only", "u off: already current"), when it fits. */
  note?: string;
}

/**
 * The hints that fit `width` cells: every essential one, then actions in order (whole hints only).
 * Keys that cannot work are left out: the write keys in read-only mode, and `off` (what the
 * screen says it would refuse on this key).
 */
export function fitFooter(screen: Screen, width: number, readOnly: boolean, off?: OffKeys): FooterFit {
  const {actions: offered, essential} = footerHints(screen, {readOnly});
  const actions = offered.filter(b => !off?.actions.includes(b.action));
  let used = 1 + widthOf(essential) + 1; // a margin cell at each edge
  const shown: Binding[] = [];
  for (const b of actions) {
    const cost = displayWidth(hintText(b)) + GAP;
    if (used + cost > width) break; // a cut-off hint would mislead; `?` lists them all
    shown.push(b);
    used += cost;
  }
  const note = offNote(screen, readOnly, off, offered);
  const fits = note !== undefined && used + displayWidth(note) + GAP <= width;
  return {actions: shown, essential, ...(fits ? {note} : {})};
}

function offNote(screen: Screen, readOnly: boolean, off: OffKeys | undefined, offered: Binding[]) {
  if (readOnly) {
    const writes = footerHints(screen).actions.filter(b => b.writes);
    return writes.length > 0 ? `${writes.map(b => b.label).join(' ')} off: read-only` : undefined;
  }
  const missing = offered.filter(b => off?.actions.includes(b.action));
  return missing.length > 0 ? `${missing.map(b => b.label).join(' ')} off: ${off?.reason}` : undefined;
}

export function Footer({
  screen,
  width,
  readOnly,
  off,
}: {
  screen: Screen;
  width: number;
  readOnly: boolean;
  off?: OffKeys | undefined;
}) {
  const theme = useTheme();
  const {actions, essential, note} = fitFooter(screen, width, readOnly, off);
  const right = widthOf(essential) + 1;
  return (
    <Box width={width} height={1} overflow="hidden">
      <Box width={Math.max(0, width - right)} paddingLeft={1}>
        <Hints hints={actions} />
        {note ? (
          <Text color={theme.muted} wrap="truncate">
            {(actions.length > 0 ? ' '.repeat(GAP) : '') + note}
          </Text>
        ) : null}
      </Box>
      <Box width={Math.min(width, right)} justifyContent="flex-end" paddingRight={1}>
        <Hints hints={essential} />
      </Box>
    </Box>
  );
}

function Hints({hints}: {hints: readonly Binding[]}) {
  const theme = useTheme();
  return (
    <Text wrap="truncate">
      {hints.map((h, i) => (
        <Text key={h.label + h.description}>
          {i > 0 ? ' '.repeat(GAP) : ''}
          <Text bold color={theme.accent}>
            {h.label}
          </Text>
          <Text color={theme.muted}> {h.hint ?? h.description}</Text>
        </Text>
      ))}
    </Text>
  );
}
