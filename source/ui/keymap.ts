// The one keymap of the TUI. Screens ask `actionFor(screen, input, key)` which action a keypress
// means; the footer and the `?` help are generated from the same table, so what the operator
// reads is always what the keys do.
import type {Key} from 'ink';

export type Screen =
  'global' | 'keys' | 'filter' | 'prompt' | 'keyDetail' | 'history' | 'wizard' | 'upgrade' | 'confirm';

/** Ink's boolean key flags that a binding may match on (arrows, Enter, Esc, Tab...). */
export type KeyFlag =
  | 'upArrow'
  | 'downArrow'
  | 'leftArrow'
  | 'rightArrow'
  | 'pageUp'
  | 'pageDown'
  | 'home'
  | 'end'
  | 'return'
  | 'escape'
  | 'tab'
  | 'backspace'
  | 'delete';

/** One way to press a binding: a printable `input` and/or a flag; ctrl/shift must match when given. */
export interface KeyPress {
  input?: string;
  flag?: KeyFlag;
  ctrl?: boolean;
  shift?: boolean;
}

export interface Binding {
  action: string;
  /** How the help and footer write the keys, e.g. "↑/k". */
  label: string;
  description: string;
  /** Shown in the footer (the help always lists every binding). */
  footer: boolean;
  /** Empty for bindings that are typed text rather than a key (the risky confirmation). */
  presses: readonly KeyPress[];
}

const on = (input: string, extra: Omit<KeyPress, 'input'> = {}): KeyPress => ({input, ...extra});
const flag = (name: KeyFlag, extra: Omit<KeyPress, 'flag'> = {}): KeyPress => ({flag: name, ...extra});
const bind = (
  action: string,
  label: string,
  description: string,
  presses: KeyPress[],
  footer = true,
): Binding => ({
  action,
  label,
  description,
  footer,
  presses,
});

const UP = [flag('upArrow'), on('k')];
const DOWN = [flag('downArrow'), on('j')];

export const KEYMAP: Readonly<Record<Screen, readonly Binding[]>> = {
  global: [
    bind('help', '?', 'help', [on('?')]),
    bind('quit', 'q', 'quit / back', [on('q')]),
    bind('interrupt', 'Ctrl-C', 'quit now', [on('c', {ctrl: true})], false),
    bind('switch', ':', 'switch region/profile', [on(':')], false),
  ],
  keys: [
    bind('up', '↑/k', 'up', UP, false),
    bind('down', '↓/j', 'down', DOWN, false),
    bind('top', 'g', 'top', [on('g')], false),
    bind('bottom', 'G', 'bottom', [on('G')], false),
    bind('pageUp', 'PgUp', 'page up', [flag('pageUp')], false),
    bind('pageDown', 'PgDn', 'page down', [flag('pageDown')], false),
    bind('filter', '/', 'filter', [on('/')]),
    bind('clearFilter', 'Esc', 'clear filter', [flag('escape')], false),
    bind('open', 'Enter', 'open', [flag('return')]),
    bind('sort', 's', 'sort', [on('s')]),
    bind('refresh', 'r', 'refresh', [on('r')]),
  ],
  filter: [
    bind('apply', 'Enter', 'keep filter', [flag('return'), flag('downArrow')]),
    bind('clear', 'Esc', 'clear filter', [flag('escape')]),
    bind('erase', 'Backspace', 'delete a character', [flag('backspace'), flag('delete')], false),
  ],
  prompt: [
    bind('submit', 'Enter', 'switch', [flag('return')]),
    bind('nextField', 'Tab', 'next field', [flag('tab', {shift: false})]),
    bind('cancel', 'Esc', 'cancel', [flag('escape')]),
  ],
  keyDetail: [
    bind('nextTab', 'Tab/→', 'next tab', [flag('tab', {shift: false}), flag('rightArrow')]),
    bind('prevTab', 'S-Tab/←', 'previous tab', [flag('tab', {shift: true}), flag('leftArrow')], false),
    bind(
      'tab',
      '1-4',
      'go to tab',
      ['1', '2', '3', '4'].map(d => on(d)),
      false,
    ),
    bind('up', '↑/k', 'scroll up', UP, false),
    bind('down', '↓/j', 'scroll down', DOWN, false),
    bind('pageUp', 'PgUp', 'page up', [flag('pageUp')], false),
    bind('pageDown', 'PgDn', 'page down', [flag('pageDown')], false),
    bind('upgrade', 'u', 'upgrade', [on('u')]),
    bind('access', 'a', 'access wizard', [on('a')]),
    bind('edit', 'e', 'edit in $EDITOR', [on('e')]),
    bind('reload', 'r', 'reload', [on('r')], false),
    bind('back', 'Esc/q', 'back', [flag('escape'), on('q')]),
  ],
  history: [bind('restore', 'Enter', 'restore this backup', [flag('return')])],
  wizard: [
    bind('next', 'Enter', 'next', [flag('return')]),
    bind('cancel', 'Esc', 'back / cancel', [flag('escape')]),
  ],
  upgrade: [
    bind('next', 'Enter', 'next', [flag('return')]),
    bind('cancel', 'Esc', 'back / cancel', [flag('escape')]),
  ],
  confirm: [
    bind('confirm', 'y', 'confirm', [on('y')]),
    bind('next', 'Enter', 'confirm typed name', [flag('return')], false),
    bind('cancel', 'Esc', 'cancel', [flag('escape')]),
    bind('typed', 'name', 'type the alias or key id to confirm a risky change', [], false),
  ],
};

/** The screen's own bindings (the global ones are separate: `KEYMAP.global`). */
export function bindingsFor(screen: Screen): readonly Binding[] {
  return KEYMAP[screen];
}

/** The binding of `action` on `screen`; throws on a typo so a wrong name fails in tests. */
export function binding(screen: Screen, action: string): Binding {
  const found = KEYMAP[screen].find(b => b.action === action);
  if (!found) throw new Error(`keymap: no action "${action}" on screen "${screen}"`);
  return found;
}

export function matches(b: Binding, input: string, key: Key): boolean {
  return b.presses.some(p => {
    if ((p.ctrl ?? false) !== key.ctrl || key.meta) return false;
    if (p.shift !== undefined && p.shift !== key.shift) return false;
    if (p.flag && !key[p.flag]) return false;
    if (p.input !== undefined && p.input !== input) return false;
    return p.flag !== undefined || p.input !== undefined;
  });
}

/**
 * Ink delivers plain text that arrived in one read as one input ("jj", "/hos"): over SSH fast
 * typing often does. Outside text fields each character is a key of its own, so split it.
 */
export function splitKeys(input: string, key: Key): Array<[string, Key]> {
  const chars = [...input];
  if (chars.length <= 1 || key.ctrl || key.meta) return [[input, key]];
  return chars.map(ch => [ch, {...key, shift: /^[A-Z]$/.test(ch)}]);
}

/** The first action of `screen` that this keypress means, if any. */
export function actionFor(screen: Screen, input: string, key: Key): string | undefined {
  return KEYMAP[screen].find(b => matches(b, input, key))?.action;
}

/** Sections for the `?` overlay: the screen's keys, then the global ones. */
export function helpSections(screen: Screen): Array<{title: string; bindings: readonly Binding[]}> {
  const title = screen === 'global' ? 'Everywhere' : SCREEN_TITLES[screen];
  return screen === 'global'
    ? [{title, bindings: KEYMAP.global}]
    : [
        {title, bindings: KEYMAP[screen]},
        {title: 'Everywhere', bindings: KEYMAP.global},
      ];
}

/**
 * Screens where printable keys are typed text: there `q`, `?` and `:` are letters, and only
 * Ctrl-C of the global bindings applies.
 */
export const TYPING_SCREENS: ReadonlySet<Screen> = new Set<Screen>(['filter', 'prompt', 'wizard', 'confirm']);

/** The footer's hints: the screen's footer bindings, then the global ones where they apply. */
export function footerHints(screen: Screen): Binding[] {
  const global = screen === 'global' || TYPING_SCREENS.has(screen) ? [] : KEYMAP.global;
  return [...KEYMAP[screen], ...global].filter(b => b.footer);
}

export const SCREEN_TITLES: Readonly<Record<Screen, string>> = {
  global: 'Everywhere',
  keys: 'Keys',
  filter: 'Filter',
  prompt: 'Switch region/profile',
  keyDetail: 'Key detail',
  history: 'History tab',
  wizard: 'Access wizard',
  upgrade: 'Upgrade walkthrough',
  confirm: 'Confirmation',
};
