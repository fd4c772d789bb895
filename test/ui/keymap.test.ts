import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {Key} from 'ink';
import {
  actionFor,
  binding,
  footerHints,
  helpSections,
  KEYMAP,
  matches,
  splitKeys,
  type Screen,
} from '../../source/ui/keymap.js';
import {badgeTone, colorDisabled, createTheme} from '../../source/ui/theme.js';

const NONE: Key = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
};
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

test('footer and help come from the keymap; typing screens do not advertise q or ?', () => {
  const footer = footerHints('keys').map(b => b.label);
  assert.deepEqual(footer, ['/', 'Enter', 's', 'r', '?', 'q']);
  assert.ok(!footerHints('filter').some(b => b.label === 'q'));
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
