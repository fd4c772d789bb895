// Keys typed before the screen they are meant for has drawn its first frame: each key is written
// as its own read, back to back, with no wait between them, so React has not rendered nor run an
// effect in between (an operator typing ahead, a paste, tmux send-keys). Every key must reach the
// screen the keys before it opened, as if the operator had waited for each frame.
import './keyDetail/env.js';
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import {render} from 'ink-testing-library';
import {App} from '../../source/ui/app.js';
import {createTheme} from '../../source/ui/theme.js';
import {withSandbox, type SandboxFixture} from '../helpers/sandbox.js';
import {KEY, waitForFrame, type Rendered} from './ink-helpers.js';
import {openKey, plain, waitForText} from './keyDetail/harness.js';

// A key that reached the wrong screen must not start an editor on the test's terminal.
process.env.VISUAL = 'true';

let fx: SandboxFixture;
before(async () => {
  fx = await withSandbox();
});
after(() => fx.cleanup());

/** Each key its own read, written one right after the other. */
const burst = (r: Rendered, keys: Iterable<string>) => {
  for (const k of keys) r.stdin.write(k);
};
const cursorLine = (frame: string) =>
  plain(frame)
    .split('\n')
    .find(l => l.trimStart().startsWith('❯')) ?? '';

test('policy tab: the letters right after / are the search text, Enter finds them', async () => {
  const {r} = await openKey(fx.gateway, 'alias/console-v3');
  burst(r, ['/', ...'Statement', KEY.enter]);
  const frame = await waitForText(r, /"Statement" 1 of \d+ \(n\/N\)/);
  assert.doesNotMatch(frame, /What do you want to change/, 'the a of Statement did not open the wizard');
  r.unmount();
});

test('policy tab: / and the text in one read', async () => {
  const {r} = await openKey(fx.gateway, 'alias/console-v3');
  r.stdin.write('/Statement\r');
  await waitForText(r, /"Statement" 1 of \d+ \(n\/N\)/);
  r.unmount();
});

test('policy tab: / and a bracketed paste of the text in one read, then Enter', async () => {
  const {r} = await openKey(fx.gateway, 'alias/console-v3');
  r.stdin.write('/\u001b[200~Statement\u001b[201~\r');
  await waitForText(r, /"Statement" 1 of \d+ \(n\/N\)/);
  r.unmount();
});

test('access wizard: a, a choice and the picker filter, all typed ahead', async () => {
  const {r} = await openKey(fx.gateway, 'alias/console-v3');
  // Add a key administrator, Remove a key administrator, Add a key user.
  burst(r, ['a', KEY.down, KEY.down, KEY.enter, ...'Reportin']);
  const frame = await waitForFrame(r, f => /Step 2 of 5/.test(plain(f)) && /Reporting/.test(cursorLine(f)));
  assert.match(plain(frame), /› Reportin/, 'the filter holds every letter');
  r.unmount();
});

test('upgrade: u, Enter, Enter, y typed ahead write the upgrade', async () => {
  const {r} = await openKey(fx.gateway, 'alias/console-v2');
  burst(r, ['u', KEY.enter, KEY.enter, 'y']);
  assert.match(await waitForText(r, 'Policy written and verified'), /Step 4 of 4/);
  r.unmount();
});

test('grants tab: /, the filter, Enter, x and the typed grant id, all typed ahead', async () => {
  const {r} = await openKey(fx.gateway, 'alias/shared-grants');
  r.stdin.write('5');
  await waitForText(r, '7 grants');
  burst(r, ['/', ...'partner', KEY.enter, 'x', ...'b78cb366', KEY.enter]);
  await waitForText(r, 'revoked: ListGrants no longer lists it', 30_000);
  r.unmount();
});

test('app: : and a Region typed ahead go to the switch prompt; ? and q open and close the help', async () => {
  const r = render(
    <App
      gateway={fx.gateway}
      theme={createTheme(false)}
      reconnect={() => Promise.reject(new Error('not here'))}
    />,
  );
  await waitForFrame(r, f => f.includes('console-v3'));
  burst(r, [':', '\u0015', ...'eu-west-1']);
  await waitForFrame(r, f => plain(f).includes('Region  eu-west-1'));
  burst(r, [KEY.escape]);
  await waitForFrame(r, f => !plain(f).includes('Switch region/profile'));
  burst(r, ['?', 'q']);
  await waitForFrame(
    r,
    f => plain(f).includes('console-v3') && !plain(f).includes('press ? or Esc to close'),
  );
  assert.ok(
    r.frames.some(f => plain(f).includes('press ? or Esc to close')),
    'the help showed',
  );
  r.unmount();
});

test('app: right after /, ? and : are filter text (the shell knows the filter is open by then)', async () => {
  const r = render(<App gateway={fx.gateway} theme={createTheme(false)} />);
  await waitForFrame(r, f => f.includes('console-v3'));
  burst(r, ['/', '?', ':', KEY.enter]);
  const frame = await waitForFrame(r, f => plain(f).includes('filter ?:'));
  assert.doesNotMatch(plain(frame), /press \? or Esc to close|Switch region/);
  r.unmount();
});
