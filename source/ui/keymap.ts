// The one keymap of the TUI. Screens ask `actionFor(screen, input, key)` which action a keypress
// means; the footer and the `?` help are generated from the same table, so what the operator
// reads is always what the keys do.
import type {Key} from 'ink';

export type Screen =
  | 'global'
  | 'keys'
  | 'filter'
  | 'prompt'
  | 'keyDetail'
  | 'search'
  | 'history'
  | 'flow'
  | 'wizard'
  | 'grants'
  | 'grant'
  | 'grantFilter'
  | 'details'
  | 'access'
  | 'confirm';

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
  /** The footer's shorter wording, where the description is too long for 80 columns. */
  hint?: string;
  /** Shown in the footer (the help always lists every binding). */
  footer: boolean;
  /**
   * The action changes a key policy. In read-only mode the footer leaves it out and the help
   * marks it, so keypol never offers what it will refuse (the screens refuse the key itself).
   */
  writes?: boolean;
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
  extra: Pick<Binding, 'hint' | 'writes'> = {},
): Binding => ({action, label, description, footer, presses, ...extra});
/** A binding that changes a policy (see Binding.writes). */
const write = (action: string, label: string, description: string, presses: KeyPress[], hint?: string) =>
  bind(action, label, description, presses, true, {writes: true, ...(hint ? {hint} : {})});

const UP = [flag('upArrow'), on('k')];
const FILTER = [
  bind('apply', 'Enter', 'keep filter', [flag('return'), flag('downArrow')]),
  bind('clear', 'Esc', 'clear filter', [flag('escape')]),
  bind('erase', 'Backspace', 'delete a character', [flag('backspace'), flag('delete')], false),
];
const DOWN = [flag('downArrow'), on('j')];

export const KEYMAP: Readonly<Record<Screen, readonly Binding[]>> = {
  global: [
    bind('help', '?', 'help', [on('?')]),
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
    bind('sort', 's', 'sort by the next column', [on('s')], true, {hint: 'sort'}),
    bind('reverse', 'S', 'reverse the sort', [on('S')], false),
    bind('copy', 'y', "copy the key's ARN", [on('y')], false),
    bind('refresh', 'r', 'refresh', [on('r')]),
    bind('quit', 'q', 'quit', [on('q')]),
  ],
  filter: [
    bind('words', 'word', 'alias, key id, description; a pasted key or alias ARN', [], false),
    bind('column', 'col:value', 'one column: alias id state spec usage manager desc badge', [], false),
    bind('apply', 'Enter', 'keep filter', [flag('return'), flag('downArrow')]),
    bind('clear', 'Esc', 'clear filter', [flag('escape')]),
    bind('erase', 'Backspace', 'delete a character', [flag('backspace'), flag('delete')], false),
  ],
  grantFilter: FILTER,
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
      '1-6',
      'go to tab',
      ['1', '2', '3', '4', '5', '6'].map(d => on(d)),
      false,
    ),
    bind('up', '↑/k', 'scroll up', UP, false),
    bind('down', '↓/j', 'scroll down', DOWN, false),
    bind('pageUp', 'PgUp', 'page up', [flag('pageUp')], false),
    bind('pageDown', 'PgDn', 'page down', [flag('pageDown')], false),
    bind('top', 'g', 'top', [on('g')], false),
    bind('bottom', 'G', 'bottom', [on('G')], false),
    bind('search', '/', 'search the policy', [on('/')], false),
    bind('nextMatch', 'n', 'next match', [on('n')], false),
    bind('prevMatch', 'N', 'previous match', [on('N')], false),
    bind('copy', 'y', "copy the key's ARN", [on('y')], false),
    bind('copyPolicy', 'Y', 'copy the policy', [on('Y')], false),
    write('upgrade', 'u', 'upgrade to the current console policy', [on('u')], 'upgrade'),
    write('access', 'a', 'access wizard: grant or remove access', [on('a')], 'access'),
    write('edit', 'e', 'edit in $EDITOR', [on('e')], 'edit'),
    bind(
      'reload',
      'r',
      'reload (on the Access and Findings tabs, IAM roles and users too)',
      [on('r')],
      false,
    ),
    bind('back', 'Esc/q', 'back', [flag('escape'), on('q')]),
  ],
  // The Access and Findings tabs of a policy naming principals IAM confirms deleted.
  access: [
    write(
      'removeDeleted',
      'd',
      'remove the deleted principals from every statement',
      [on('d')],
      'remove deleted',
    ),
    bind('reload', 'r', 'reload the policy and the IAM roles and users', [on('r')], false),
  ],
  // `/` in the policy view: the text to find (n and N then move between the matches).
  search: [
    bind('find', 'Enter', 'find', [flag('return')]),
    bind('cancel', 'Esc', 'stop searching', [flag('escape')]),
  ],
  history: [write('restore', 'Enter', 'restore this backup', [flag('return')], 'restore')],
  grants: [
    bind('filter', '/', 'filter grants', [on('/')]),
    bind('open', 'Enter', 'show the grant in full', [flag('return')], true, {hint: 'show'}),
    write('revoke', 'x', 'revoke (or retire) the grant', [on('x')], 'revoke'),
    bind('top', 'g', 'top', [on('g')], false),
    bind('bottom', 'G', 'bottom', [on('G')], false),
  ],
  grant: [
    write('revoke', 'x', 'revoke (or retire) this grant', [on('x')], 'revoke'),
    bind('close', 'Esc/q', 'back to the grants', [flag('escape'), on('q')]),
  ],
  details: [
    write('cancelDeletion', 'c', 'cancel the scheduled deletion', [on('c')], 'cancel deletion'),
    write('rotation', 'o', 'turn automatic rotation on or off', [on('o')], 'rotation'),
  ],
  // A step of a change (access wizard, upgrade, review, result): keys, not text.
  flow: [
    bind('next', 'Enter', 'next', [flag('return')]),
    bind('up', '↑/k', 'choose or scroll', UP, false),
    bind('down', '↓/j', 'choose or scroll', DOWN, false),
    bind('pageUp', 'PgUp', 'page up', [flag('pageUp')], false),
    bind('pageDown', 'PgDn', 'page down', [flag('pageDown')], false),
    bind('top', 'g', 'top', [on('g')], false),
    bind('bottom', 'G', 'bottom', [on('G')], false),
    bind('editAgain', 'e', 'edit again (a raw edit: your text is kept)', [on('e')], false),
    bind('cancel', 'Esc/q', 'back one step (answers are kept)', [flag('escape'), on('q')], true, {
      hint: 'back',
    }),
  ],
  // A step where the operator types (a principal, the key's name): letters are text.
  wizard: [
    bind('next', 'Enter', 'next', [flag('return')]),
    bind('cancel', 'Esc', 'back one step (your text is kept)', [flag('escape')], true, {hint: 'back'}),
  ],
  confirm: [
    bind('confirm', 'y', 'confirm: write the change', [on('y')], true, {hint: 'confirm'}),
    bind('next', 'Enter', 'confirm typed name', [flag('return')], false),
    bind('cancel', 'Esc/q', 'back to the review', [flag('escape'), on('q')], true, {hint: 'back'}),
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

/** Control characters that Ink leaves inside a run of text, as the keys they are. */
const CONTROL_KEYS: Readonly<Record<string, KeyFlag>> = {'\r': 'return', '\n': 'return', '\t': 'tab'};

/**
 * Ink delivers plain text that arrived in one read as one input ("jj", "/hos", "/abc⏎"): over
 * SSH fast typing often does. Each character is a key of its own, so split it; an Enter or Tab
 * inside the run becomes that key, and Ctrl-A…Ctrl-Z become Ctrl and the letter, as Ink reports
 * them alone. (Escape sequences, Backspace and Ctrl-C already come one by one.)
 */
export function splitKeys(input: string, key: Key): Array<[string, Key]> {
  const chars = [...input];
  if (chars.length <= 1 || key.ctrl || key.meta) return [[input, key]];
  return chars.map(ch => {
    const control = CONTROL_KEYS[ch];
    if (control) return ['', {...key, shift: false, [control]: true}];
    const code = ch.charCodeAt(0);
    if (code >= 1 && code <= 26) return [String.fromCharCode(code + 96), {...key, shift: false, ctrl: true}];
    return [ch, {...key, shift: /^[A-Z]$/.test(ch)}];
  });
}

/** The first action of `screen` that this keypress means, if any. */
export function actionFor(screen: Screen, input: string, key: Key): string | undefined {
  return KEYMAP[screen].find(b => matches(b, input, key))?.action;
}

/**
 * A screen that shows inside another and leaves the other's keys working: the History tab is a
 * tab of the key detail, so Tab, 1-4, u/a/e and Esc/q still apply there.
 */
const PARENT: Partial<Record<Screen, Screen>> = {
  history: 'keyDetail',
  access: 'keyDetail',
  grants: 'keyDetail',
  details: 'keyDetail',
};

/** Screens a flow step leads to: its help lists their keys too (the review's help names `y`). */
const LEADS_TO: Partial<Record<Screen, Screen>> = {flow: 'confirm'};

/** The screen's bindings, then its parent's (see PARENT). */
function withParent(screen: Screen): Binding[] {
  const parent = PARENT[screen];
  return [...KEYMAP[screen], ...(parent ? KEYMAP[parent] : [])];
}

/** Sections for the `?` overlay: the screen's keys, its parent's, then the global ones. */
export function helpSections(screen: Screen): Array<{title: string; bindings: readonly Binding[]}> {
  if (screen === 'global') return [{title: SCREEN_TITLES.global, bindings: KEYMAP.global}];
  const parent = PARENT[screen];
  const next = LEADS_TO[screen];
  return [
    {title: SCREEN_TITLES[screen], bindings: KEYMAP[screen]},
    ...(parent ? [{title: SCREEN_TITLES[parent], bindings: KEYMAP[parent]}] : []),
    ...(next ? [{title: SCREEN_TITLES[next], bindings: KEYMAP[next]}] : []),
    {title: SCREEN_TITLES.global, bindings: KEYMAP.global},
  ];
}

/**
 * Screens where printable keys are typed text: there `q`, `?` and `:` are letters, and only
 * Ctrl-C of the global bindings applies.
 */
export const TYPING_SCREENS: ReadonlySet<Screen> = new Set<Screen>([
  'filter',
  'prompt',
  'search',
  'grantFilter',
  'wizard',
  'confirm',
]);

export interface FooterHints {
  /** The screen's actions, most important first; the footer drops from the end when short of room. */
  actions: Binding[];
  /**
   * Always shown, at the right: `? help` and whatever `q` does here (quit, or back); on typing
   * screens, where both are letters, Ctrl-C.
   */
  essential: Binding[];
}

const pressesQ = (b: Binding) => b.presses.some(p => p.input === 'q' && !p.ctrl);

/** The footer's hints; in read-only mode the actions that would write are left out. */
export function footerHints(screen: Screen, {readOnly = false} = {}): FooterHints {
  const own = withParent(screen).filter(b => b.footer && !(readOnly && b.writes));
  const essential = TYPING_SCREENS.has(screen)
    ? [binding('global', 'interrupt')]
    : [...own.filter(pressesQ), binding('global', 'help')];
  return {actions: own.filter(b => !essential.includes(b)), essential};
}

/** How the help describes a binding: write actions are marked in read-only mode (mark first, so a cut keeps it). */
export function helpText(b: Binding, {readOnly = false} = {}): string {
  return readOnly && b.writes ? `(off) ${b.description}` : b.description;
}

export const SCREEN_TITLES: Readonly<Record<Screen, string>> = {
  global: 'Everywhere',
  keys: 'Keys',
  filter: 'Filter',
  prompt: 'Switch region/profile',
  keyDetail: 'Key detail',
  search: 'Search the policy',
  history: 'History tab',
  flow: 'Change (wizard, upgrade, edit, restore)',
  wizard: 'Typing an answer',
  grants: 'Grants tab',
  grant: 'One grant',
  grantFilter: 'Grant filter',
  details: 'Details tab',
  access: 'Access and Findings tabs',
  confirm: 'Confirmation',
};
