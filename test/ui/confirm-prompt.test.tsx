import './keyDetail/env.js';
import React, {useState} from 'react';
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {render} from 'ink-testing-library';
import {ConfirmPrompt, OVERRIDE_PHRASE, type ConfirmLevel} from '../../source/ui/components/ConfirmPrompt.js';
import {TextInput} from '../../source/ui/components/TextInput.js';
import {KeyInputRouter} from '../../source/ui/keyInput.js';
import {KEY, press, type, waitForFrame} from './ink-helpers.js';

const plain = (frame: string | undefined) => (frame ?? '').replace(/\u001b\[[0-9;]*m/g, '');

function prompt(level: ConfirmLevel) {
  const events: string[] = [];
  const r = render(
    <KeyInputRouter>
      <ConfirmPrompt
        level={level}
        names={['alias/app', '1234abcd-12ab-34cd-56ef-1234567890ab']}
        question="Upgrade the key policy"
        onConfirm={() => events.push('confirm')}
        onCancel={() => events.push('cancel')}
        width={80}
      />
    </KeyInputRouter>,
  );
  return {r, events};
}

test('simple: y confirms, Enter does not, Esc cancels', async () => {
  const {r, events} = prompt('simple');
  assert.match(plain(r.lastFrame()), /Upgrade the key policy\?\nPress y to write it/);
  await press(r, KEY.enter);
  assert.deepEqual(events, []);
  await press(r, 'y');
  assert.deepEqual(events, ['confirm']);
  await press(r, KEY.escape);
  assert.deepEqual(events, ['confirm', 'cancel']);
  r.unmount();
});

test('typed: y is just a letter; a wrong name is refused in words; the alias or the key id confirms', async () => {
  const {r, events} = prompt('typed');
  await type(r, 'y');
  await press(r, KEY.enter);
  assert.deepEqual(events, []);
  assert.match(plain(await waitForFrame(r, 'is not the alias')), /"y" is not the alias or id of this key/);
  await press(r, KEY.backspace);
  await type(r, 'alias/app');
  await press(r, KEY.enter);
  assert.deepEqual(events, ['confirm']);
  r.unmount();

  const byId = prompt('typed');
  await type(byId.r, '1234abcd-12ab-34cd-56ef-1234567890ab');
  await press(byId.r, KEY.enter);
  assert.deepEqual(byId.events, ['confirm']);
  byId.r.unmount();
});

test('override: the name, then the exact override phrase', async () => {
  const {r, events} = prompt('override');
  await type(r, 'alias/app');
  await press(r, KEY.enter);
  assert.deepEqual(events, []);
  await waitForFrame(r, f => plain(f).includes(`Type "${OVERRIDE_PHRASE}"`));
  await type(r, 'override');
  await press(r, KEY.enter);
  assert.deepEqual(events, [], 'a partial phrase is not enough');
  await type(r, ' lockout');
  await press(r, KEY.enter);
  assert.deepEqual(events, ['confirm']);
  await press(r, KEY.escape);
  assert.deepEqual(events, ['confirm', 'cancel']);
  r.unmount();
});

function Field({width = 40}: {width?: number}) {
  const [value, setValue] = useState('');
  return (
    <KeyInputRouter>
      <TextInput value={value} onChange={setValue} width={width} placeholder="arn:aws:iam::…" />
    </KeyInputRouter>
  );
}

test('TextInput: typing, cursor movement, backspace, Ctrl-U, and a long value scrolls with the cursor', async () => {
  const r = render(<Field width={12} />);
  assert.match(plain(r.lastFrame()), /arn:aws:iam/);
  await type(r, 'role/Admin');
  assert.equal(plain(r.lastFrame()).trimEnd(), 'role/Admin');
  await press(r, KEY.left);
  await press(r, KEY.left);
  await press(r, KEY.backspace);
  assert.equal(plain(r.lastFrame()).trimEnd(), 'role/Adin');
  await type(r, 'XYZ-long-tail');
  const shown = plain(r.lastFrame()).trimEnd();
  assert.ok(shown.length <= 12, `the field stays ${shown.length} ≤ 12 cells wide`);
  assert.match(shown, /tail/);
  await press(r, '\u0015');
  assert.match(plain(r.lastFrame()), /arn:aws:iam/, 'Ctrl-U cleared the field');
  r.unmount();
});

test('TextInput: a bracketed paste arrives as one line without control characters', async () => {
  const r = render(<Field />);
  await press(r, '\u001b[200~arn:aws:iam::111122223333:role/App\n\u001b[201~');
  assert.equal(plain(r.lastFrame()).trimEnd(), 'arn:aws:iam::111122223333:role/App');
  r.unmount();
});

test('keys that arrive in one read all count: 12 Backspaces then the name, and the stale complaint goes', async () => {
  const {r, events} = prompt('typed');
  await type(r, 'y');
  await press(r, KEY.enter);
  await waitForFrame(r, f => plain(f).includes('is not the alias'));
  // A held Backspace over SSH: one read with twelve of them, then the name typed fast.
  await press(r, KEY.backspace.repeat(12) + 'alias/app');
  const frame = plain(await waitForFrame(r, f => plain(f).includes('› alias/app')));
  assert.equal(
    frame
      .split('\n')
      .find(l => l.startsWith('›'))
      ?.trimEnd(),
    '› alias/app',
    'every Backspace counted',
  );
  assert.doesNotMatch(frame, /is not the alias/, 'the old complaint is gone once the text changed');
  await press(r, KEY.enter);
  assert.deepEqual(events, ['confirm']);
  r.unmount();
});

test('typed text and Enter in one read: the name is checked with every character typed', async () => {
  const {r, events} = prompt('typed');
  await press(r, 'alias/app\r');
  assert.deepEqual(events, ['confirm']);
  r.unmount();
});

test('TextInput: arrows and Backspaces in one read move and delete one character each', async () => {
  const r = render(<Field />);
  await type(r, 'abcdef');
  await press(r, KEY.left + KEY.left + KEY.backspace + KEY.backspace);
  assert.equal(plain(r.lastFrame()).trimEnd(), 'abef');
  r.unmount();
});
