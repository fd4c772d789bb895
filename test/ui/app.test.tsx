process.env.COLUMNS = '100';
process.env.LINES = '30';
import React from 'react';
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {render} from 'ink-testing-library';
import {App} from '../../source/ui/app.js';
import {createTheme} from '../../source/ui/theme.js';
import {displayWidth} from '../../source/policy/index.js';
import {createKmsGateway} from '../../source/aws/gateway.js';
import {SANDBOX_CREDENTIALS} from '../../source/sandbox/index.js';
import {withSandbox, type SandboxFixture} from '../helpers/sandbox.js';
import {KEY, press, pressEscape, type, waitForFrame, type Rendered} from './ink-helpers.js';

let fixture: SandboxFixture;
before(async () => {
  fixture = await withSandbox();
});
after(async () => {
  await fixture.cleanup();
});

const SGR = /\u001b\[[0-9;]*m/g;
/** The alias of the selected row (its other cells change as metadata arrives). */
const selected = (frame: string) =>
  (frame.split('\n').find(l => l.startsWith('› ')) ?? '').split(/\s+/)[1] ?? '';
const rowsShown = (frame: string) => /(\d+) of (\d+) keys|(\d+) keys/.exec(frame);

function start(readOnly = false): Rendered {
  const gateway = readOnly ? fixture.makeGateway({readOnly: true}) : fixture.gateway;
  return render(<App gateway={gateway} theme={createTheme(false)} />);
}

/** Every frame the app drew fits 100×30 and carries no escape byte from the sandbox's hostile key. */
function assertFramesSafe(r: Rendered) {
  for (const frame of r.frames) {
    const plain = frame.replace(SGR, '');
    assert.ok(!plain.includes('\u001b'), `an escape sequence reached the frame:\n${JSON.stringify(plain)}`);
    const lines = plain.replace(/\n$/, '').split('\n');
    assert.ok(lines.length <= 30, `a frame of ${lines.length} lines`);
    for (const line of lines)
      assert.ok(displayWidth(line) <= 100, `a line of ${displayWidth(line)} cells: ${line}`);
  }
}

test('the keys screen lists the sandbox keys with badges, header and footer', async () => {
  const r = start();
  await waitForFrame(
    r,
    f => f.includes('outdated v1') && f.includes('AWS managed') && f.includes('API default'),
  );
  // The progress counters leave the status line once every key is described and classified.
  const count = (await fixture.gateway.listKeys()).length;
  const frame = await waitForFrame(
    r,
    f => f.includes(`${count} keys · sort alias`) && !/metadata|policies/.test(f),
    10_000,
  );
  assert.match(frame, /account 111122223333/);
  assert.match(frame, /region us-east-1/);
  assert.match(frame, /SANDBOX/);
  assert.match(frame, /console-v1 .*Legacy billing export/);
  assert.match(
    frame,
    /hostile .*Payments key ␛/,
    'the hostile description is shown with its escapes made visible',
  );
  assert.match(frame, /\/ filter +Enter open/);
  assertFramesSafe(r);
  r.unmount();
});

test('a read-only gateway shows the READ-ONLY badge', async () => {
  const r = start(true);
  await waitForFrame(r, 'READ-ONLY');
  r.unmount();
});

test('j/k, G/g and PgDn move the selection', async () => {
  const r = start();
  await waitForFrame(r, 'console-v1');
  const first = selected(r.lastFrame() ?? '');
  assert.match(first, /api-default/, 'sorted by alias: api-default comes first');
  await press(r, 'j');
  assert.match(selected(r.lastFrame() ?? ''), /aws\/ebs/);
  await press(r, KEY.down);
  assert.match(selected(r.lastFrame() ?? ''), /aws\/s3/);
  await press(r, 'k');
  assert.match(selected(r.lastFrame() ?? ''), /aws\/ebs/);
  await press(r, 'G');
  const last = selected(r.lastFrame() ?? '');
  assert.notEqual(last, first);
  await press(r, 'g');
  assert.equal(selected(r.lastFrame() ?? ''), first);
  await press(r, KEY.pageDown);
  assert.notEqual(selected(r.lastFrame() ?? ''), first);
  r.unmount();
});

test('the filter narrows as you type, col:value works, Esc clears; q is a letter while typing', async () => {
  const r = start();
  await waitForFrame(r, f => f.includes('Disabled') && f.includes('outdated v1'));
  await press(r, '/');
  await type(r, 'state:disabled');
  let frame = await waitForFrame(r, /1 of \d+ keys/.test.bind(/1 of \d+ keys/));
  assert.match(selected(frame), /disabled/);
  await press(r, KEY.enter);
  frame = await waitForFrame(r, 'filter state:disabled');

  await press(r, KEY.escape);
  frame = await waitForFrame(r, f => !f.includes('filter state:disabled'));
  const total = Number(rowsShown(frame)?.[3]);
  assert.ok(total > 10);

  await press(r, '/');
  await type(r, 'badge:outdated');
  frame = await waitForFrame(r, f => /(\d+) of \d+ keys/.test(f));
  for (const line of frame.split('\n').filter(l => /^[› ] \S/.test(l) && !l.includes('ALIAS'))) {
    assert.match(line, /outdated/, `only outdated rows remain: ${line}`);
  }
  await pressEscape(r);
  await press(r, '/');
  await type(r, 'zq');
  frame = await waitForFrame(r, 'No key matches the filter');
  assert.match(frame, /0 of \d+ keys/);
  await press(r, KEY.escape);
  await waitForFrame(r, f => f.includes('console-v1'));
  r.unmount();
});

test('a pasted filter with col:value and Enter is all filter text: ":" does not open the switch prompt', async () => {
  const r = start();
  await waitForFrame(r, f => f.includes('Disabled') && f.includes('outdated v1'));
  r.stdin.write('/state:disabled\r'); // one read, as a paste or keys sent together arrive
  const frame = await waitForFrame(r, 'filter state:disabled');
  assert.match(frame, /1 of \d+ keys/);
  assert.doesNotMatch(frame, /Switch region/);
  r.unmount();
});

test('s sorts by the next column and S reverses it; the cursor stays on its key; the column is marked', async () => {
  const r = start();
  await waitForFrame(r, f => f.includes('sort alias ▲') && f.includes('console-v3'));
  // Put the cursor on console-v3 (a few rows down).
  for (let i = 0; i < 12 && selected(r.lastFrame() ?? '') !== 'console-v3'; i++) await press(r, KEY.down);
  assert.equal(selected(r.lastFrame() ?? ''), 'console-v3');
  await press(r, 's');
  const byId = await waitForFrame(r, 'sort id ▲');
  assert.match(byId, /KEY ID ▲/, 'the sorted column is marked in the header');
  assert.equal(selected(byId), 'console-v3', 'the cursor stays on its key');
  await press(r, 'S');
  const reversed = await waitForFrame(r, 'sort id ▼');
  assert.match(reversed, /KEY ID ▼/);
  assert.equal(selected(reversed), 'console-v3');
  r.unmount();
});

test('a pasted key ARN or alias ARN finds its key; clearing the filter keeps the cursor on it', async () => {
  const r = start();
  await waitForFrame(r, 'hostile');
  const hostile = await fixture.gateway.describeKey('alias/hostile');
  await press(r, '/');
  await press(r, hostile.arn); // one read, as a paste arrives
  await press(r, KEY.enter);
  const found = await waitForFrame(r, f => /1 of \d+ keys/.test(f) && f.includes('filter arn:'));
  assert.equal(selected(found), 'hostile');
  await press(r, KEY.escape);
  const all = await waitForFrame(r, f => !f.includes('filter arn:') && !/ of \d+ keys/.test(f));
  assert.equal(selected(all), 'hostile', 'the cursor stays on the key the filter found');
  await press(r, '/');
  await press(r, `"arn:aws:kms:us-east-1:111122223333:alias/console-v2",`);
  await press(r, KEY.enter);
  assert.equal(selected(await waitForFrame(r, f => /1 of \d+ keys/.test(f))), 'console-v2');
  await pressEscape(r);
  await press(r, '/');
  await press(r, 'foo:bar');
  assert.match(
    await waitForFrame(r, 'is not a column'),
    /"foo:" is not a column, so it was searched as text/,
  );
  r.unmount();
});

test('Enter opens the key; Esc comes back to the list with its filter kept', async () => {
  const r = start();
  await waitForFrame(r, 'hostile');
  await press(r, '/');
  await type(r, 'hostile');
  await press(r, KEY.enter);
  await waitForFrame(r, 'filter hostile');
  await press(r, KEY.enter);
  const detail = await waitForFrame(
    r,
    f => f.includes('e4063ac0-084a-455b-b91b-37bf875499aa') && f.includes('Policy'),
  );
  assert.match(detail, /Esc\/q back|back/);
  assert.doesNotMatch(detail, /sort alias/, 'the list is hidden while the key is open');
  await press(r, KEY.escape);
  await waitForFrame(r, f => f.includes('filter hostile') && f.includes('sort alias'));
  assertFramesSafe(r);
  r.unmount();
});

test('? shows the help for the current screen, generated from the keymap', async () => {
  const r = start();
  await waitForFrame(r, 'console-v1');
  await press(r, '?');
  const help = await waitForFrame(r, 'press ? or Esc to close');
  for (const text of [
    'Keys',
    'filter',
    'clear filter',
    'sort',
    'refresh',
    'Everywhere',
    'switch region/profile',
    'Ctrl-C',
  ]) {
    assert.ok(help.includes(text), `help mentions "${text}"`);
  }
  await press(r, '?');
  await waitForFrame(r, f => f.includes('console-v1') && !f.includes('press ? or Esc'));
  r.unmount();
});

test(': without a reconnect factory explains how to switch instead of failing', async () => {
  const r = start();
  await waitForFrame(r, 'console-v1');
  await press(r, ':');
  await waitForFrame(r, 'keypol --region REGION --profile PROFILE');
  await press(r, KEY.escape);
  await waitForFrame(r, 'console-v1');
  r.unmount();
});

test(': checks the Region name before switching, then switches and lists its keys', async () => {
  const asked: string[] = [];
  const r = render(
    <App
      gateway={fixture.gateway}
      theme={createTheme(false)}
      reconnect={async region => {
        asked.push(region);
        if (region === 'xx-nowhere-1') throw new Error('There is no region xx-nowhere-1 in this partition.');
        return fixture.makeGateway({region});
      }}
    />,
  );
  await waitForFrame(r, 'console-v1');
  await press(r, ':');
  await waitForFrame(r, 'Switch region/profile');
  const retype = async (text: string) => {
    for (let i = 0; i < 12; i++) await press(r, KEY.backspace);
    await type(r, text);
    await press(r, KEY.enter);
  };
  // Twelve Backspaces and the text with its Enter, each in one read (a paste, or typing over SSH).
  await press(r, KEY.backspace.repeat(12));
  await press(r, 'euwest1\r');
  await waitForFrame(r, '"euwest1" is not a Region name. Did you mean eu-west-1?');
  await retype('eu-wst-1'); // the shape of a Region, one letter from a known one: a typo
  await waitForFrame(r, '"eu-wst-1" is not a Region name. Did you mean eu-west-1?');
  await retype('eu west one');
  await waitForFrame(r, 'Regions look like eu-west-1 or us-gov-west-1');
  assert.deepEqual(asked, [], 'a malformed name never reaches the reconnect');
  await retype('xx-nowhere-1');
  await waitForFrame(r, 'There is no region xx-nowhere-1');
  await retype('eu-west-1');
  const frame = await waitForFrame(r, f => f.includes('region eu-west-1') && f.includes('eu-current'));
  assert.doesNotMatch(frame, /console-v1/, 'us-east-1 keys are gone');
  assert.deepEqual(asked, ['xx-nowhere-1', 'eu-west-1']);
  r.unmount();
});

test('keys typed faster than a frame arrive in one read and still count one by one', async () => {
  const r = start();
  await waitForFrame(r, 'console-v1');
  await press(r, 'jjj');
  assert.match(selected(r.lastFrame() ?? ''), /console-current/, 'three rows down');
  await press(r, 'g');
  // Arrows are escape sequences: Ink hands them over one by one before the list renders again.
  await press(r, KEY.down + KEY.down + KEY.down);
  assert.match(selected(r.lastFrame() ?? ''), /console-current/, 'three Downs in one read move three rows');
  await press(r, KEY.up + KEY.up);
  assert.match(selected(r.lastFrame() ?? ''), /aws\/ebs/);
  await press(r, 'g');
  await press(r, '/hostile');
  await waitForFrame(r, f => /1 of \d+ keys/.test(f) && f.includes('/ hostile'));
  await press(r, KEY.backspace + KEY.backspace + KEY.backspace);
  await waitForFrame(r, f => /^ \/ host /m.test(f));
  await pressEscape(r);
  await press(r, '/console-v1\r');
  await waitForFrame(r, f => f.includes('filter console-v1') && /1 of \d+ keys/.test(f));
  r.unmount();
});

test('the footer fits and keeps ? help; in read-only mode u/a/e are not offered and the help marks them', async () => {
  for (const readOnly of [false, true]) {
    const r = start(readOnly);
    await waitForFrame(r, 'console-v1');
    const footer = (f: string) => f.replace(/\n$/, '').split('\n').at(-1) ?? '';
    assert.match(footer(r.lastFrame() ?? ''), /q quit +\? help/);
    await press(r, '/');
    await type(r, 'console-v1');
    await press(r, KEY.enter);
    await press(r, KEY.enter);
    let frame = await waitForFrame(r, f => /lines 1–/.test(f));
    assert.match(footer(frame), /Esc\/q back +\? help *$/);
    assert.equal((footer(frame).match(/\bq\b/g) ?? []).length, 1, 'q is listed once');
    if (readOnly) {
      assert.doesNotMatch(footer(frame), /u upgrade|a access|e edit/);
      assert.match(footer(frame), /u a e off: read-only/, 'the footer says why they are missing');
    } else assert.match(footer(frame), /u upgrade +a access +e edit/);
    await press(r, '?');
    frame = await waitForFrame(r, 'press ? or Esc to close');
    assert.match(frame, /Help: Key detail/, 'the help is titled by the screen it covers');
    assert.equal(/\(off\) upgrade/.test(frame), readOnly);
    assertFramesSafe(r);
    r.unmount();
  }
});

test('when KMS cannot be reached the error is shown in place with the next step, not a stack trace', async () => {
  // A real gateway pointed at a closed port: the SDK's own retries run, then the gateway's sentence.
  const unreachable = createKmsGateway({
    region: 'us-east-1',
    endpoint: 'http://127.0.0.1:9',
    credentials: {...SANDBOX_CREDENTIALS},
    sandbox: true,
    stateDir: fixture.stateDir,
  });
  const r = render(<App gateway={unreachable} theme={createTheme(false)} />);
  const frame = await waitForFrame(
    r,
    f => f.includes('Could not list the keys') && f.includes('caller unknown'),
    20_000,
  );
  assert.match(frame, /Cannot reach http:\/\/127\.0\.0\.1:9/);
  assert.match(frame, /Press r to try again/);
  assert.doesNotMatch(frame, /\n\s+at /, 'no stack frames');
  assertFramesSafe(r);
  r.unmount();
  unreachable.close();
});

test('r lists the keys again', async () => {
  const r = start();
  await waitForFrame(r, 'console-v1');
  const listed = () => fixture.sandbox.log.filter(e => e.operation === 'ListKeys').length;
  const before = listed();
  await press(r, 'r');
  const end = Date.now() + 5000;
  while (listed() === before && Date.now() < end) await new Promise(resolve => setTimeout(resolve, 10));
  assert.ok(listed() > before, 'a new ListKeys reached the sandbox');
  await waitForFrame(r, f => f.includes('console-v1') && !f.includes('refreshing'));
  r.unmount();
});
