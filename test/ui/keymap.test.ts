import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import type {Key} from 'ink';
import {NO_KEY as NONE} from './fixtures.js';
import {
  actionFor,
  binding,
  footerHints,
  helpSections,
  helpText,
  KEYMAP,
  matches,
  type Binding,
  splitKeys,
  type Screen,
} from '../../source/ui/keymap.js';
import {badgeTone, colorDisabled, createTheme} from '../../source/ui/theme.js';

const k = (flags: Partial<Key> = {}): Key => ({...NONE, ...flags});

test('the keys screen maps arrows and vi keys to the same actions', () => {
  assert.equal(actionFor('keys', '', k({upArrow: true})), 'up');
  assert.equal(actionFor('keys', 'k', k()), 'up');
  assert.equal(actionFor('keys', 'j', k()), 'down');
  assert.equal(actionFor('keys', 'G', k({shift: true})), 'bottom');
  assert.equal(actionFor('keys', 'g', k()), 'top');
  assert.equal(actionFor('keys', '', k({pageDown: true})), 'pageDown');
  assert.equal(actionFor('keys', '/', k()), 'filter');
  assert.equal(actionFor('keys', '', k({escape: true})), 'clearFilter');
  assert.equal(actionFor('keys', '', k({return: true})), 'open');
  assert.equal(actionFor('keys', 's', k()), 'sort');
  assert.equal(actionFor('keys', 'x', k()), undefined);
});

test('modifiers must match: Ctrl-C is not c, Ctrl-K is not k, Shift-Tab is not Tab', () => {
  assert.equal(actionFor('global', 'c', k({ctrl: true})), 'interrupt');
  assert.equal(actionFor('global', 'c', k()), undefined);
  assert.equal(actionFor('keys', 'k', k({ctrl: true})), undefined);
  assert.equal(actionFor('keyDetail', '', k({tab: true})), 'nextTab');
  assert.equal(actionFor('keyDetail', '', k({tab: true, shift: true})), 'prevTab');
  assert.equal(actionFor('keyDetail', '3', k()), 'tab');
  assert.ok(matches(binding('keyDetail', 'back'), 'q', k()));
});

test('the typed confirmation is listed but no key press triggers it', () => {
  const typed = binding('confirm', 'typed');
  for (const input of ['y', 'n', 'a', ''])
    assert.equal(matches(typed, input, k({return: input === ''})), false);
  assert.throws(() => binding('keys', 'nope'), /no action "nope"/);
});

const labels = (bindings: readonly {label: string}[]) => bindings.map(b => b.label);

test('footer and help come from the keymap; typing screens do not advertise q or ?', () => {
  const keys = footerHints('keys');
  assert.deepEqual(labels(keys.actions), ['/', 'Enter', 's', 'r']);
  assert.deepEqual(labels(keys.essential), ['q', '?'], 'q quit and ? help are always shown');
  const filter = footerHints('filter');
  assert.ok(![...filter.actions, ...filter.essential].some(b => b.label === 'q' || b.label === '?'));
  assert.deepEqual(labels(filter.essential), ['Ctrl-C'], 'while typing, Ctrl-C is the way out');
  const screens = Object.keys(KEYMAP) as Screen[];
  for (const screen of screens) {
    const listed = helpSections(screen).flatMap(s => s.bindings);
    for (const b of KEYMAP[screen]) assert.ok(listed.includes(b), `${screen}.${b.action} is in the help`);
  }
});

test('NO_COLOR and --no-color remove every colour token in one place', () => {
  assert.equal(colorDisabled({NO_COLOR: '1'}, false), true);
  assert.equal(colorDisabled({NO_COLOR: ''}, false), false);
  assert.equal(colorDisabled({}, true), true);
  const plain = createTheme(true);
  const colours = JSON.stringify(plain, (_, v) => (typeof v === 'string' ? 'COLOUR' : v));
  assert.ok(!colours.includes('COLOUR'), colours);
  assert.equal(createTheme(false).danger, 'red');
  assert.equal(
    badgeTone({
      kind: 'console-default',
      outdated: true,
      missingActions: [],
      deviations: [],
      label: 'outdated v2',
    }),
    'outdated',
  );
});

test('text that arrived in one read is split into keys, except in combination with Ctrl', () => {
  assert.deepEqual(
    splitKeys('jG', k()).map(([input, key]) => [input, key.shift]),
    [
      ['j', false],
      ['G', true],
    ],
  );
  assert.deepEqual(splitKeys('', k({upArrow: true})), [['', k({upArrow: true})]]);
  assert.equal(splitKeys('c', k({ctrl: true})).length, 1);
});

test('q appears once per footer: "q quit" on the keys list, "Esc/q back" on a key, its History tab included', () => {
  for (const screen of ['keys', 'keyDetail', 'history', 'flow', 'wizard', 'confirm'] as Screen[]) {
    const {actions, essential} = footerHints(screen);
    const withQ = [...actions, ...essential].filter(b => b.presses.some(p => p.input === 'q'));
    assert.ok(withQ.length <= 1, `${screen}: ${labels(withQ).join(', ')}`);
  }
  assert.deepEqual(labels(footerHints('keyDetail').essential), ['Esc/q', '?']);
  assert.deepEqual(labels(footerHints('history').essential), ['Esc/q', '?'], 'History is a tab of the key');
  assert.equal(binding('keys', 'quit').description, 'quit');
  assert.ok(!KEYMAP.global.some(b => b.action === 'quit'), 'q is not a global key: elsewhere it means back');
});

test('read-only: the footer does not offer u, a, e or restore, and the help marks them', () => {
  const offered = (screen: Screen, readOnly: boolean) =>
    footerHints(screen, {readOnly}).actions.map(b => b.action);
  for (const action of ['upgrade', 'access', 'edit']) {
    assert.ok(offered('keyDetail', false).includes(action));
    assert.ok(!offered('keyDetail', true).includes(action), `${action} is hidden in read-only mode`);
  }
  assert.ok(offered('history', false).includes('restore'));
  assert.ok(!offered('history', true).includes('restore'));
  assert.deepEqual(
    KEYMAP.keyDetail.filter(b => b.writes).map(b => b.action),
    ['upgrade', 'access', 'edit'],
  );
  assert.match(helpText(binding('keyDetail', 'upgrade'), {readOnly: true}), /^\(off\) upgrade/);
  assert.equal(helpText(binding('keyDetail', 'upgrade')), binding('keyDetail', 'upgrade').description);
  assert.equal(
    helpText(binding('keys', 'sort'), {readOnly: true}),
    binding('keys', 'sort').description,
    'only write actions are marked',
  );
});

test('an Enter or Tab inside a run of text becomes that key', () => {
  const split = splitKeys('ab\r\tc', k());
  assert.deepEqual(
    split.map(([input, key]) => [input, key.return, key.tab]),
    [
      ['a', false, false],
      ['b', false, false],
      ['', true, false],
      ['', false, true],
      ['c', false, false],
    ],
  );
});

/** The README's keys table: each row's "where" and its keys cell. */
function readmeKeyRows(): Map<string, string> {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('## Keys'), readme.indexOf('## Subcommands'));
  const rows = new Map<string, string>();
  for (const line of section.split('\n')) {
    const cells = /^\|([^|]+)\|([^|]+)\|$/.exec(line);
    if (!cells || /^\s*-+\s*$/.test(cells[1]!) || cells[1]!.trim() === 'where') continue;
    rows.set(cells[1]!.trim(), cells[2]!.trim());
  }
  return rows;
}

/** Which keymap screens each row of the README's table documents. */
const README_ROWS: Readonly<Record<string, readonly Screen[]>> = {
  everywhere: ['global'],
  keys: ['keys'],
  'filter (`/`)': ['filter'],
  'switch (`:`)': ['prompt'],
  key: ['keyDetail', 'search'],
  history: ['history'],
  'grants, details': ['grants', 'grant', 'grantFilter', 'details'],
  'access, findings': ['access'],
  'wizard, upgrade': ['flow', 'wizard', 'confirm'],
};

const FLAG_NAMES: Readonly<Record<string, string>> = {
  upArrow: '↑',
  downArrow: '↓',
  leftArrow: '←',
  rightArrow: '→',
  pageUp: 'PgUp',
  pageDown: 'PgDn',
  home: 'Home',
  end: 'End',
  return: 'Enter',
  escape: 'Esc',
  tab: 'Tab',
  backspace: 'Backspace',
  delete: 'Delete',
};

/** How the README writes one press: "Enter", "Shift-Tab", "Ctrl-C", "k". */
function pressName(p: Binding['presses'][number]): string {
  if (p.input !== undefined) return p.ctrl ? `Ctrl-${p.input.toUpperCase()}` : p.input;
  const name = FLAG_NAMES[p.flag!]!;
  return p.shift ? `Shift-${name}` : name;
}

/**
 * The keys a README cell names: `x` in backticks, `1`–`6` ranges, key names and arrows, and
 * pairs such as ↑/k, g/G, Esc/q, `n`/`N`, Tab/→ ("/" alone in backticks is the key itself).
 */
function keysIn(cell: string): Set<string> {
  const keys = new Set<string>();
  const names = new Set([...Object.values(FLAG_NAMES), 'Shift-Tab', 'Ctrl-C']);
  for (const [, from, to] of cell.matchAll(/`(\d)`–`(\d)`/g))
    for (let d = Number(from); d <= Number(to); d++) keys.add(String(d));
  for (const token of cell.split(/\s+/)) {
    if (/^`.`[,.]?$/.test(token)) {
      keys.add(token[1]!);
      continue;
    }
    // A lone letter is a word ("a key"); in a pair (g/G, Esc/q) it is a key.
    const parts = token
      .replace(/`/g, '')
      .replace(/^\(|[,.;:()]+$/g, '')
      .split('/');
    for (const part of parts) {
      if (names.has(part) || (parts.length > 1 && /^[a-zA-Z]$/.test(part))) keys.add(part);
      else if (/^[↑↓←→]+$/.test(part)) for (const arrow of part) keys.add(arrow);
    }
  }
  return keys;
}

test("the README's keys table and the keymap name the same keys, screen by screen", () => {
  const rows = readmeKeyRows();
  assert.deepEqual([...rows.keys()].sort(), Object.keys(README_ROWS).sort(), "the table's rows");
  const documented = Object.values(README_ROWS).flat();
  for (const screen of Object.keys(KEYMAP) as Screen[])
    assert.equal(
      documented.filter(s => s === screen).length,
      1,
      `${screen} is in one row of the README's table`,
    );
  const problems: string[] = [];
  for (const [row, screens] of Object.entries(README_ROWS)) {
    const named = keysIn(rows.get(row)!);
    const bound = new Set(
      screens.flatMap(screen => [...KEYMAP[screen], ...KEYMAP.global]).flatMap(b => b.presses.map(pressName)),
    );
    for (const screen of screens)
      for (const b of KEYMAP[screen])
        for (const name of b.presses.map(pressName))
          if (!named.has(name)) problems.push(`"${row}" lacks ${name} (${screen}: ${b.description})`);
    for (const key of named)
      if (!bound.has(key)) problems.push(`"${row}" names ${key}, which no binding there has`);
  }
  assert.deepEqual(problems, []);
});

test('a Ctrl letter inside a run of text is Ctrl and the letter, as Ink reports it alone', () => {
  const split = splitKeys(':\u0015eu', k());
  assert.deepEqual(
    split.map(([input, key]) => [input, key.ctrl]),
    [
      [':', false],
      ['u', true],
      ['e', false],
      ['u', false],
    ],
  );
});
