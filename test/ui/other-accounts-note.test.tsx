// The confirmation screen says, in the CLI preview's words (policy/other-accounts.ts), that
// principals of other accounts cannot be checked when the proposed policy adds one; a change
// naming only this account's principals does not say it. Against the sandbox over HTTP.
import './keyDetail/env.js';
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {otherAccountsNote} from '../../source/policy/index.js';
import {withSandbox, type SandboxFixture} from '../helpers/sandbox.js';
import {KEY, press, type Rendered} from './ink-helpers.js';
import {openKey, plain, waitForText} from './keyDetail/harness.js';

let fx: SandboxFixture;
before(async () => {
  fx = await withSandbox();
});
after(() => fx.cleanup());

const PARTNER = 'arn:aws:iam::444455556666:role/Partner';
const flat = (text: string) => text.replace(/\s+/g, ' ');

async function addUser(alias: string, arn: string): Promise<Rendered> {
  const {r} = await openKey(fx.gateway, alias);
  await press(r, 'a');
  await waitForText(r, 'Step 1 of 5');
  for (let i = 0; i < 12 && !/❯.*Add a key user/.test(plain(r.lastFrame())); i++) await press(r, KEY.down);
  await press(r, KEY.enter);
  await waitForText(r, 'Step 2 of 5');
  await press(r, `\u001b[200~${arn}\u001b[201~`);
  await waitForText(r, /✔/);
  await press(r, KEY.enter);
  await waitForText(r, 'Step 3 of 5');
  return r;
}

test('a new principal of another account: the review and the confirmation say it cannot be checked', async () => {
  const r = await addUser('alias/console-v3', PARTNER);
  const note = otherAccountsNote([PARTNER]);
  assert.match(note, /^Principals of other accounts cannot be checked: /);
  assert.ok(flat(plain(r.lastFrame())).includes(note), flat(plain(r.lastFrame())));
  await press(r, KEY.enter);
  const confirm = await waitForText(r, 'Press y to write it');
  assert.ok(flat(confirm).includes(note), 'still there when asked to confirm');
  r.unmount();
});

test("a change naming only this account's principals does not say it", async () => {
  const r = await addUser('alias/console-v3', 'arn:aws:iam::111122223333:role/Reporting');
  assert.ok(!plain(r.lastFrame()).includes('Principals of other accounts'));
  r.unmount();
});
