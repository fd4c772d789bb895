// At 80×24, the size keypol is designed for, nothing an operator needs is cut: the state of a key
// pending deletion, the filter's hint, and in the detail header of a key with three aliases the
// policy badge and the whole key id (driven through the whole app on the sandbox). The help and
// the tab bar hold down to 60 columns.
process.env.LINES = '24';
import React from 'react';
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {render} from 'ink-testing-library';
import {App} from '../../source/ui/app.js';
import {HelpOverlay} from '../../source/ui/components/HelpOverlay.js';
import {KEYMAP, type Screen} from '../../source/ui/keymap.js';
import {TabBar} from '../../source/ui/screens/keyDetail/TabBar.js';
import {createTheme} from '../../source/ui/theme.js';
import {displayWidth} from '../../source/policy/index.js';
import {withSandbox, type SandboxFixture} from '../helpers/sandbox.js';
import {KEY, press, type, waitForFrame, type Rendered} from './ink-helpers.js';

let fixture: SandboxFixture;
before(async () => {
  fixture = await withSandbox();
});
after(async () => {
  await fixture.cleanup();
});

const PENDING_ID = '7603faca-340b-4c79-b113-177187181336';
const plain = (frame: string) => frame.replace(/\u001b\[[0-9;]*m/g, '');

/** Every frame drawn at 80 columns fits 80×24. */
function assertFits(r: Rendered) {
  for (const frame of r.frames.slice(resizedAt.get(r))) {
    const lines = plain(frame).replace(/\n$/, '').split('\n');
    assert.ok(lines.length <= 24, `a frame of ${lines.length} lines`);
    for (const line of lines) assert.ok(displayWidth(line) <= 80, `${displayWidth(line)} cells: ${line}`);
  }
}

const resizedAt = new WeakMap<Rendered, number>();

async function start(): Promise<Rendered> {
  const r = render(<App gateway={fixture.gateway} theme={createTheme(false)} />);
  // ink-testing-library's stdout is 100 columns wide: narrow it as a terminal resize would.
  Object.defineProperty(r.stdout, 'columns', {get: () => 80});
  r.stdout.emit('resize');
  await waitForFrame(r, f => f.includes('outdated v1') && !/metadata|policies/.test(f));
  // The keys arrive over HTTP, well after the resize is drawn: from the table on, frames are 80 wide.
  resizedAt.set(
    r,
    r.frames.findIndex(f => f.includes('ALIAS')),
  );
  return r;
}

test('80 columns: a key pending deletion shows its state in full and its aliases as "+2"', async () => {
  const r = await start();
  await press(r, '/');
  await type(r, 'pending');
  const frame = await waitForFrame(r, '1 of ');
  const row = plain(frame)
    .split('\n')
    .find(l => l.startsWith('› '));
  assert.match(row ?? '', /^› pending-deletion \+2 +7603faca-… PendingDeletion +outdated v3/, frame);
  assert.ok(!/PendingD…/.test(frame));
  assertFits(r);
  r.unmount();
});

test("80 columns: the filter's hint is shown whole while typing, and how to start filtering before", async () => {
  const r = await start();
  assert.match(r.lastFrame() ?? '', /^ \/ to filter/m);
  const frame = await press(r, '/');
  // The longest wording that fits beside the counters, never a cut one.
  assert.match(plain(frame), /^ \/ {2}alias, id, description or col:value \(state: …\) +\d+ keys/m, frame);
  assertFits(r);
  r.unmount();
});

test('80 columns: the detail header of a key with three aliases keeps the badge, the state and the whole key id', async () => {
  const r = await start();
  await press(r, '/');
  await type(r, 'pending');
  await press(r, KEY.enter);
  await press(r, KEY.enter);
  let frame = plain(await waitForFrame(r, 'outdated v3 · PendingDeletion'));
  const lines = frame.split('\n');
  const title = lines.findIndex(l => l.startsWith('alias/pending-deletion'));
  assert.equal(
    lines[title],
    'alias/pending-deletion, alias/reporting-2021, alias/reporting-exports-legacy',
    'the aliases have a line of their own',
  );
  assert.match(lines[title + 1] ?? '', new RegExp(`^outdated v3 · PendingDeletion · ${PENDING_ID}`));
  assert.match(lines[title + 2] ?? '', /1 Policy .*6 Details/);
  // The Details tab lists every alias, one a line.
  frame = plain(await press(r, '6'));
  frame = plain(await waitForFrame(r, 'reporting-exports-legacy\n'));
  for (const alias of ['alias/pending-deletion', 'alias/reporting-2021', 'alias/reporting-exports-legacy'])
    assert.match(frame, new RegExp(`^ {2}(Aliases {11}| {18})${alias}$`, 'm'), frame);
  assertFits(r);
  r.unmount();
});

test('the help wraps long descriptions instead of cutting them, at 80×21 and 60×10', () => {
  for (const [width, height] of [
    [80, 21],
    [60, 10],
  ] as const) {
    for (const screen of Object.keys(KEYMAP) as Screen[]) {
      for (const readOnly of [false, true]) {
        const r = render(<HelpOverlay screen={screen} readOnly={readOnly} width={width} height={height} />);
        const frame = plain(r.lastFrame() ?? '');
        assert.ok(!frame.includes('…'), `${screen} at ${width}×${height}:\n${frame}`);
        assert.ok(frame.split('\n').every(l => displayWidth(l) <= width));
        r.unmount();
      }
    }
  }
  const r = render(<HelpOverlay screen="details" readOnly={false} width={80} height={21} />);
  const frame = plain(r.lastFrame() ?? '');
  assert.match(frame, /turn automatic rotation on or .*\n {9}off /, frame);
  r.unmount();
});

test('the tab bar shows all six tabs at 60 columns', () => {
  const r = render(<TabBar active={5} offerUpgrade={false} width={60} />);
  const frame = plain(r.lastFrame() ?? '');
  assert.equal(frame, '1 Policy 2 Access 3 Findings 4 History 5 Grants 6 Details');
  r.unmount();
});
