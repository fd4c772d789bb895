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

test("the README's keys table names every letter key of the keymap", () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('## Keys'), readme.indexOf('## Subcommands'));
  for (const [screen, bindings] of Object.entries(KEYMAP)) {
    for (const b of bindings) {
      for (const p of b.presses) {
        if (p.input === undefined || p.ctrl || !/^[a-zA-Z/:?]$/.test(p.input)) continue;
        assert.ok(
          section.includes(`\`${p.input}\``) ||
            section.includes(`${p.input}/`) ||
            section.includes(`/${p.input}`),
          `${screen}: ${b.label} (${b.description}) is missing from the README's keys`,
        );
      }
    }
  }
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
