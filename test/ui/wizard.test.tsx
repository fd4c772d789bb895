import './keyDetail/env.js';
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {operations, withSandbox, type SandboxFixture} from '../helpers/sandbox.js';
import {KEY, press, type, type Rendered} from './ink-helpers.js';
import {assertFits, openKey, plain, waitForText} from './keyDetail/harness.js';
import {choose, liveAccess} from './wizard-helpers.js';

let fx: SandboxFixture;
before(async () => {
  fx = await withSandbox();
});
after(() => fx.cleanup());

const REPORTING = 'arn:aws:iam::111122223333:role/Reporting';

async function confirmSimple(r: Rendered): Promise<string> {
  await waitForText(r, / of [45] · Review the change/);
  await press(r, KEY.enter);
  await waitForText(r, 'Press y to write it');
  await press(r, 'y');
  return waitForText(r, 'Policy written and verified');
}

test('wizard: an IAM group is refused as typed, then a pasted role is added as a key user, then removed', async () => {
  const {r, details} = await openKey(fx.gateway, 'alias/console-v3');
  await press(r, 'a');
  await waitForText(r, 'Step 1 of 5');
  assertFits(r.lastFrame() ?? '');
  await choose(r, 'Add a key user');
  await waitForText(r, 'Step 2 of 5');

  await type(r, 'arn:aws:iam::111122223333:group/Admins');
  assert.match(await waitForText(r, 'IAM groups are not valid principals'), /cannot add IAM groups/);
  await press(r, KEY.enter);
  assert.match(plain(r.lastFrame()), /Step 2 of 5/, 'Enter does not move past a refused principal');
  await press(r, '\u0015');
  await press(r, `\u001b[200~${REPORTING}\n\u001b[201~`);
  assert.match(await waitForText(r, '✔ role/Reporting'), /role\/Reporting \(role\)/);
  await press(r, KEY.enter);
  const review = await waitForText(r, 'Step 3 of 5');
  assert.match(review, /Reporting/);
  assert.match(review, /removes nothing/i);
  assert.match(
    await confirmSimple(r),
    /keypol --sandbox --region us-east-1 restore alias\/console-v3 (\\\n\s+)?\S+/,
  );
  assert.ok(
    (await liveAccess(fx.gateway, details)).users.some(u => u.value === REPORTING),
    'the sandbox policy names the new user',
  );
  await press(r, KEY.enter);
  await waitForText(r, '1 Policy');

  await press(r, 'a');
  await waitForText(r, 'Step 1 of 5');
  await choose(r, 'Remove a key user');
  await waitForText(r, 'Step 2 of 5');
  await choose(r, 'role/Reporting');
  const removal = await waitForText(r, 'Step 3 of 5');
  assert.match(removal, /removes permissions or principals/);
  await confirmSimple(r);
  assert.ok(
    !(await liveAccess(fx.gateway, details)).users.some(u => u.value === REPORTING),
    'and it is gone again',
  );
  r.unmount();
});

test('wizard: another account gets the note that it must also grant IAM permissions', async () => {
  const {r, details} = await openKey(fx.gateway, 'alias/console-current');
  await press(r, 'a');
  await waitForText(r, 'Step 1 of 5');
  await choose(r, 'Add another AWS account');
  await type(r, '444455556666');
  assert.match(await waitForText(r, 'another AWS account'), /must also allow them through IAM policies/);
  await press(r, KEY.enter);
  assert.match(await waitForText(r, 'Step 3 of 5'), /must also allow them through IAM policies/);
  await confirmSimple(r);
  assert.deepEqual((await liveAccess(fx.gateway, details)).externalAccounts, ['444455556666']);
  await press(r, KEY.enter);
  await waitForText(r, '1 Policy');

  await press(r, 'a');
  await waitForText(r, 'Step 1 of 5');
  await choose(r, 'Remove another AWS account');
  await choose(r, '444455556666');
  await confirmSimple(r);
  assert.deepEqual((await liveAccess(fx.gateway, details)).externalAccounts, []);
  r.unmount();
});

test('wizard: the deletion toggle names its effect and flips the console checkbox', async () => {
  const {r, details} = await openKey(fx.gateway, 'alias/current-no-delete');
  assert.equal((await liveAccess(fx.gateway, details)).administratorsCanDelete, false);
  await press(r, 'a');
  await waitForText(r, 'Step 1 of 5');
  await choose(r, 'Allow key administrators to delete this key');
  // No principal to ask for: four steps, numbered as shown.
  assert.match(await waitForText(r, 'Step 2 of 4'), /kms:ScheduleKeyDeletion/);
  await confirmSimple(r);
  assert.equal((await liveAccess(fx.gateway, details)).administratorsCanDelete, true);
  r.unmount();
});

test('removing the last administrator is risky: y does nothing, the alias must be typed', async () => {
  const {r, details, topScreen} = await openKey(fx.gateway, 'alias/current-no-delete');
  const admins = (await liveAccess(fx.gateway, details)).administrators.map(a => a.name);
  for (const [i, name] of admins.entries()) {
    await press(r, 'a');
    await waitForText(r, 'Step 1 of 5');
    await choose(r, 'Remove a key administrator');
    await waitForText(r, 'Step 2 of 5');
    await choose(r, name);
    const review = await waitForText(r, 'Step 3 of 5');
    await press(r, KEY.enter);
    if (i < admins.length - 1) {
      assert.doesNotMatch(review, /Risky/);
      await press(r, 'y');
    } else {
      assert.match(review, /Risky: you will be asked to type the key name/);
      const logBefore = fx.sandbox.log.length;
      await waitForText(r, "Type the key's alias or id");
      assert.notEqual(topScreen(), 'confirm', 'the footer does not offer y where y is a letter');
      await press(r, 'y');
      await press(r, KEY.enter);
      assert.match(await waitForText(r, 'is not the alias or id'), /Step 4 of 5/);
      assert.ok(!operations(fx.sandbox, logBefore).includes('PutKeyPolicy'));
      await press(r, KEY.backspace);
      await type(r, 'alias/current-no-delete');
      await press(r, KEY.enter);
    }
    await waitForText(r, 'Policy written and verified');
    await press(r, KEY.enter);
    await waitForText(r, '1 Policy');
  }
  assert.equal((await liveAccess(fx.gateway, details)).administrators.length, 0);
  r.unmount();
});

test('the ARN field shows a shape, not a principal of the policy; Enter on it empty says what to type', async () => {
  const {r, details} = await openKey(fx.gateway, 'alias/console-current');
  const members = (await liveAccess(fx.gateway, details)).administrators.map(a => a.value);
  await press(r, 'a');
  await waitForText(r, 'Step 1 of 5');
  await choose(r, 'Add a key administrator');
  const step2 = await waitForText(r, 'Step 2 of 5');
  assert.match(step2, /arn:aws:iam::111122223333:role\/NAME/);
  for (const member of members) assert.ok(!step2.includes(member), `${member} is not offered as an example`);
  await press(r, KEY.enter);
  // The step is a picker now: Enter with nothing typed or picked adds nothing and says what to do.
  assert.match(await waitForText(r, 'Space picks several'), /or paste the ARN of an IAM user or role/);
  assert.match(plain(r.lastFrame()), /Step 2 of 5/);
  await type(r, 'x');
  assert.doesNotMatch(
    plain(r.lastFrame()),
    /paste the ARN of an IAM user or role, to add/,
    'typing clears the hint',
  );
  r.unmount();
});

test('↓ and Enter in one read pick the item ↓ moved to', async () => {
  const {r} = await openKey(fx.gateway, 'alias/console-current');
  await press(r, 'a');
  await waitForText(r, '❯ Add a key administrator');
  await press(r, KEY.down + KEY.enter);
  const step2 = await waitForText(r, 'Step 2 of 5');
  assert.doesNotMatch(step2, /Enter or paste the ARN/, 'not "Add a key administrator"');
  assert.match(step2, /❯ role\/KeyAdmin/, 'the administrators to remove are listed');
  r.unmount();
});

test('wizard: Esc goes back one step at a time and keeps every answer; q closes from the list', async () => {
  const {r, topScreen} = await openKey(fx.gateway, 'alias/console-current');
  await press(r, 'a');
  await waitForText(r, 'Step 1 of 5');
  await choose(r, 'Add a key user');
  await waitForText(r, 'Step 2 of 5');
  assert.equal(topScreen(), 'wizard', 'the field takes letters: q is text here');
  await type(r, REPORTING);
  await press(r, KEY.enter);
  await waitForText(r, 'Step 3 of 5 · Review');
  await press(r, KEY.escape);
  assert.match(await waitForText(r, 'Step 2 of 5'), /role\/Reporting/, 'the typed principal is kept');
  await press(r, KEY.escape);
  const step1 = await waitForText(r, 'Step 1 of 5');
  assert.match(step1, /❯ Add a key user/, 'the list reopens on the choice made');
  assert.equal(topScreen(), 'flow');
  await press(r, KEY.enter);
  assert.match(await waitForText(r, 'Step 2 of 5'), /role\/Reporting/, 'the same choice keeps the text');
  await press(r, KEY.escape);
  await waitForText(r, 'Step 1 of 5');
  await press(r, 'q');
  await waitForText(r, '1 Policy');
  r.unmount();
});

test('wizard: a policy with no administrators statement is not offered the deletion toggle, and says why', async () => {
  const {r} = await openKey(fx.gateway, 'alias/api-default');
  await press(r, 'a');
  const step1 = await waitForText(r, 'Step 1 of 5');
  assert.ok(!step1.split('\n').some(l => /^[❯ ] (Allow|Prevent) key administrators/.test(l)), 'not a choice');
  assert.match(step1, /no key administrators statement; add a key\s+administrator first/);
  r.unmount();
});
