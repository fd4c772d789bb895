import './env.js';
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {withSandbox, type SandboxFixture} from '../../helpers/sandbox.js';
import {KEY, press, pressEscape} from '../ink-helpers.js';
import {assertFits, openKey, plain, waitForText} from './harness.js';

let fx: SandboxFixture;
before(async () => {
  fx = await withSandbox();
});
after(() => fx.cleanup());

test('policy tab: the live policy highlighted and numbered; j and PgDn scroll inside the screen', async () => {
  const {r} = await openKey(fx.gateway, 'alias/console-v2');
  const frame = r.lastFrame() ?? '';
  assert.match(frame, /\u001b\[36m"Statement"/, 'keys are coloured');
  assert.match(plain(frame), /outdated v2/, 'the badge names the version');
  assert.match(plain(frame), /u upgrades|press u to upgrade/);
  assertFits(frame);
  const firstNumber = (f: string) => Number(/^\s*[✖⚠ℹ ]?\s*(\d+) /m.exec(plain(f).split('\n')[3] ?? '')?.[1]);
  assert.equal(firstNumber(frame), 1);
  await press(r, 'j');
  assert.equal(firstNumber(r.lastFrame() ?? ''), 2);
  await press(r, KEY.pageDown);
  assert.ok(firstNumber(r.lastFrame() ?? '') > 10, 'a page down moves by most of a screen');
  assertFits(r.lastFrame() ?? '');
  r.unmount();
});

test("access tab: the console's default view of alias/console-v2", async () => {
  const {r} = await openKey(fx.gateway, 'alias/console-v2');
  await press(r, '2');
  const frame = await waitForText(r, 'Key administrators');
  assert.match(frame, /Key administrators \(2\)/);
  assert.match(frame, /role\/KeyAdmin\s+IAM role/);
  assert.match(frame, /user\/alice\s+IAM user/);
  assert.match(frame, /Allow key administrators to delete this key: Yes/);
  assert.match(frame, /Key users \(2\)/);
  assert.match(frame, /role\/AppServer\s+IAM role/);
  assert.match(frame, /Other AWS accounts \(0\)/);
  assertFits(r.lastFrame() ?? '');
  r.unmount();
});

test('access tab marks a deleted principal (IAM confirms it); findings tab explains it', async () => {
  const {r} = await openKey(fx.gateway, 'alias/deleted-principal');
  await press(r, KEY.tab);
  assert.match(
    await waitForText(r, 'deleted (confirmed)'),
    /AROA5EXAMPLEDELETED7Q\s+⚠ deleted \(confirmed\)/,
  );
  await press(r, KEY.tab);
  const findings = await waitForText(r, 'Findings (');
  assert.match(findings, /AROA5EXAMPLEDELETED7Q/);
  assert.match(findings, /Who can do what/);
  await press(r, KEY.left);
  assert.match(plain(r.lastFrame()), /Key administrators/, '← goes back a tab');
  r.unmount();
});

test('a custom cross-account policy: the access view says it is partial, findings name the other account', async () => {
  const {r} = await openKey(fx.gateway, 'alias/cross-account');
  await press(r, '2');
  assert.match(await waitForText(r, 'Other AWS accounts'), /not written by the console/);
  await press(r, '3');
  assert.match(await waitForText(r, 'Findings ('), /444455556666/);
  r.unmount();
});

test('an AWS managed key: access through the service is shown as what it is, with one disclaimer', async () => {
  const {r} = await openKey(fx.gateway, 'alias/aws/s3');
  await press(r, '2');
  const frame = plain(await waitForText(r, 'Key users'));
  assert.match(frame, /Key users \(1\)/);
  assert.match(frame, /every principal in account \d{12}/);
  assert.match(frame, /only through s3\.[\w-]+\.amazonaws\.com \(kms:ViaService\)/);
  assert.equal(frame.match(/AWS manages this key/g)?.length, 1);
  assert.doesNotMatch(frame, /not written by the console|Nobody|lockout/);
  r.unmount();
});

test('an AWS managed key can be read but u, a and e say why they cannot change it', async () => {
  const {r, events} = await openKey(fx.gateway, 'alias/aws/s3');
  for (const key of ['u', 'a', 'e']) {
    await press(r, key);
    assert.match(plain(r.lastFrame()), /AWS managed key: AWS manages its policy/);
  }
  await press(r, KEY.escape);
  assert.equal(events.back, 1);
  r.unmount();
});

test('u on a current policy says there is nothing to upgrade', async () => {
  const {r} = await openKey(fx.gateway, 'alias/console-current');
  await press(r, 'u');
  assert.match(plain(r.lastFrame()), /Nothing to upgrade/);
  r.unmount();
});

test('hostile key: nothing from the API reaches the terminal as an escape sequence', async () => {
  const {r} = await openKey(fx.gateway, 'alias/hostile');
  for (const key of ['1', '2', '3']) {
    await press(r, key);
    const frame = r.lastFrame() ?? '';
    assert.ok(!/\u001b\](0|2);/.test(frame), 'no OSC title sequence');
    assert.ok(!/\u001b\[[0-9;]*[A-HJKf]/.test(frame), 'no cursor movement');
  }
  r.unmount();
});

test('at 80×24 (the body the shell leaves: 80×21) every tab and every flow step fits', async () => {
  const size = {width: 80, height: 21};
  const {r} = await openKey(fx.gateway, 'alias/deleted-principal', size);
  const fits = () => assertFits(r.lastFrame() ?? '', size);
  for (const key of ['1', KEY.pageDown, '2', '3', KEY.pageDown, '4']) {
    await press(r, key);
    fits();
  }
  await press(r, '1');
  await press(r, 'a');
  await waitForText(r, 'Step 1 of 5');
  fits();
  await press(r, KEY.enter);
  await waitForText(r, 'Step 2 of 5');
  for (const ch of 'arn:aws:iam::111122223333:group/Admins') await press(r, ch);
  await waitForText(r, 'IAM groups are not valid principals');
  fits();
  await pressEscape(r);
  await pressEscape(r);
  await press(r, 'u');
  await waitForText(r, 'Step 1 of 4');
  fits();
  await press(r, KEY.enter);
  await waitForText(r, 'Step 2 of 4');
  fits();
  await press(r, KEY.enter);
  await waitForText(r, 'Step 3 of 4');
  fits();
  r.unmount();
});

test('policy tab: g and G jump to the ends; several keys in one read each count', async () => {
  const {r} = await openKey(fx.gateway, 'alias/near-size-limit');
  const range = () => /lines (\d+)–(\d+) of (\d+)/.exec(plain(r.lastFrame()))!;
  await press(r, 'G');
  const [, , last, total] = range();
  assert.equal(last, total, 'G shows the last line');
  await press(r, 'g');
  assert.equal(range()[1], '1', 'g goes back to the first line');
  await press(r, 'jjj');
  assert.equal(range()[1], '4', 'jjj in one read scrolls three rows');
  await press(r, KEY.down + KEY.down);
  assert.equal(range()[1], '6');
  r.unmount();
});

test('at 80 columns notices keep their important words: the upgrade offer fits, refusals wrap', async () => {
  const size = {width: 80, height: 21};
  const joined = (frame: string) => plain(frame).replace(/\s*\n\s*/g, ' ');
  const v2 = await openKey(fx.gateway, 'alias/console-v2', size);
  assert.match(plain(v2.r.lastFrame()).split('\n')[1]!, /u upgrades$/);
  v2.r.unmount();

  const managed = await openKey(fx.gateway, 'alias/aws/s3', size);
  await press(managed.r, 'u');
  assert.match(
    joined(managed.r.lastFrame() ?? ''),
    /AWS managed key: AWS manages its policy, so it can be viewed but not changed\./,
  );
  assertFits(managed.r.lastFrame() ?? '', size);
  managed.r.unmount();

  const api = await openKey(fx.gateway, 'alias/api-default', size);
  await press(api.r, 'u');
  assert.match(joined(api.r.lastFrame() ?? ''), /not a console default\. Use a \(access\) or e \(edit\)\./);
  assertFits(api.r.lastFrame() ?? '', size);
  api.r.unmount();
});

test('keys 2 and 3 in one read go to tab 3; Tab Tab goes two tabs on', async () => {
  const {r} = await openKey(fx.gateway, 'alias/console-v2');
  await press(r, '23');
  await waitForText(r, 'Findings (');
  await press(r, '1');
  await press(r, KEY.tab + KEY.tab);
  await waitForText(r, 'Findings (');
  r.unmount();
});

test('policy tab: / finds text, n and N go to the next and previous line that has it; 1-4 are text meanwhile', async () => {
  const {r, topScreen} = await openKey(fx.gateway, 'alias/near-size-limit');
  await press(r, '/');
  await waitForText(r, 'text to find in the policy');
  assert.equal(topScreen(), 'search');
  for (const ch of '"sid"') await press(r, ch);
  await press(r, KEY.enter);
  const found = await waitForText(r, /""sid"" 1 of \d+ \(n\/N\)/);
  const total = Number(/1 of (\d+) \(n\/N\)/.exec(found)?.[1]);
  assert.ok(total > 1, 'several statements match');
  await press(r, 'n');
  await waitForText(r, `2 of ${total}`);
  await press(r, 'N');
  await press(r, 'N');
  await waitForText(r, `${total} of ${total}`); // wraps backwards past the first
  await press(r, '/');
  await press(r, '2');
  assert.match(plain(r.lastFrame()), /\/ 2/, 'a digit is text while searching, not tab 2');
  await press(r, KEY.escape);
  await waitForText(r, 'bytes · lines');
  r.unmount();
});

test('y copies the key ARN and Y the policy with OSC 52, and the status line says what to expect', async () => {
  const {r, details} = await openKey(fx.gateway, 'alias/console-v2');
  await press(r, 'y');
  const said = await waitForText(r, 'Copied the key ARN');
  assert.match(said.replace(/\s*\n\s*/g, ' '), /OSC 52; if nothing arrives, this terminal does not allow it/);
  const arn64 = Buffer.from(details.arn).toString('base64');
  assert.ok(
    r.frames.some(f => f.includes(`\u001b]52;c;${arn64}\u0007`)),
    'the terminal was asked to set the clipboard',
  );
  await press(r, 'Y');
  await waitForText(r, 'Copied the policy');
  const policy64 = Buffer.from((await fx.gateway.getPolicy(details.keyId)).text).toString('base64');
  assert.ok(r.frames.some(f => f.includes(policy64)));
  r.unmount();
});

test('u, a, e and Y with no policy in hand say why instead of doing nothing', async t => {
  const denied = await withSandbox({faults: {deny: ['GetKeyPolicy']}});
  t.after(denied.cleanup);
  for (const key of ['u', 'a', 'e', 'Y']) {
    const {r} = await openKey(denied.gateway, 'alias/console-v2', undefined, 'Press r to try again.');
    assert.doesNotMatch(plain(r.lastFrame()), /cannot be changed or copied/);
    await press(r, key);
    await waitForText(r, 'The policy could not be read, so it cannot be changed or copied: press r');
    r.unmount();
  }
});
