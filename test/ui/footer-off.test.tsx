// The footer never offers a key the screen would refuse on this key: an AWS managed key cannot be
// edited, a current console policy has nothing to upgrade. It says why instead (issue 12: "offer
// only what can be done, and say why the rest cannot").
import React from 'react';
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {render} from 'ink-testing-library';
import {App} from '../../source/ui/app.js';
import {createTheme} from '../../source/ui/theme.js';
import {withSandbox, type SandboxFixture} from '../helpers/sandbox.js';
import {KEY, press, type, waitForFrame} from './ink-helpers.js';

let fixture: SandboxFixture;
before(async () => {
  fixture = await withSandbox();
});
after(async () => {
  await fixture.cleanup();
});

const footer = (frame: string) => frame.replace(/\n$/, '').split('\n').at(-1) ?? '';

async function openKey(alias: string) {
  const r = render(<App gateway={fixture.gateway} theme={createTheme(false)} />);
  await waitForFrame(r, alias);
  await press(r, '/');
  await type(r, alias);
  await press(r, KEY.enter);
  await press(r, KEY.enter);
  // The title starts with the alias (a key with several has them on a line of their own).
  await waitForFrame(r, f => f.includes(`\nalias/${alias}`) && /lines 1–/.test(f));
  return r;
}

const cases = [
  {alias: 'aws/s3', shown: [], off: 'u a e off: AWS managed'},
  {alias: 'pending-deletion', shown: [], off: 'u a e off: pending deletion'},
  {alias: 'console-current', shown: ['a access', 'e edit'], off: 'u off: already current'},
  {alias: 'cross-account', shown: ['a access', 'e edit'], off: 'u off: not a console policy'},
  {alias: 'console-v2', shown: ['u upgrade', 'a access', 'e edit'], off: undefined},
];

for (const c of cases) {
  test(`${c.alias}: the footer offers ${c.shown.join(', ') || 'no change'}${c.off ? ` and says "${c.off}"` : ''}`, async () => {
    const r = await openKey(c.alias);
    const frame = await waitForFrame(r, f =>
      c.off ? footer(f).includes(c.off) : /u upgrade/.test(footer(f)),
    );
    const line = footer(frame);
    for (const hint of c.shown) assert.ok(line.includes(hint), `"${hint}" offered: ${line}`);
    for (const hint of ['u upgrade', 'a access', 'e edit'].filter(h => !c.shown.includes(h)))
      assert.ok(!line.includes(hint), `"${hint}" not offered: ${line}`);
    if (!c.off) assert.doesNotMatch(line, / off: /);
    // The key itself still answers with the whole reason.
    if (c.off) {
      await press(r, c.off[0] as string);
      await waitForFrame(r, f => /AWS managed key:|Pending deletion:|Nothing to upgrade:/.test(f));
    }
    r.unmount();
  });
}
