import './keyDetail/env.js';
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {keyInfoOf} from '../../source/aws/types.js';
import {classifyPolicy, parsePolicy} from '../../source/policy/index.js';
import type {PolicyDocument} from '../../source/policy/types.js';
import {operations, withSandbox, type SandboxFixture} from '../helpers/sandbox.js';
import {KEY, press} from './ink-helpers.js';
import {assertFits, openKey, plain, waitForText} from './keyDetail/harness.js';

let fx: SandboxFixture;
before(async () => {
  fx = await withSandbox();
});
after(() => fx.cleanup());

const documentOf = (text: string): PolicyDocument => {
  const parsed = parsePolicy(text);
  assert.ok(parsed.ok);
  return parsed.document;
};
const adminActions = (doc: PolicyDocument): string[] => {
  const st = doc.Statement.find(s => s.Sid === 'Allow access for Key Administrators');
  return [st?.Action ?? []].flat();
};

test('upgrade walkthrough on alias/console-v2: explained, reviewed, confirmed with y, verified in the sandbox', async () => {
  const {r, details, events, topScreen} = await openKey(fx.gateway, 'alias/console-v2');
  const before = await fx.gateway.getPolicy(details.keyId);
  const missing = classifyPolicy(documentOf(before.text), keyInfoOf(details)).missingActions;
  assert.ok(missing.length > 0, 'the seed policy is outdated');
  let keystrokes = 0;
  const key = async (k: string) => {
    keystrokes++;
    await press(r, k);
  };

  await key('u');
  // No deletion question for a v2 policy: four steps, numbered as shown.
  const step1 = await waitForText(r, 'Step 1 of 4');
  for (const action of missing) assert.ok(step1.includes(action), `step 1 names ${action}`);
  assert.match(step1, /tagging/);
  assert.match(step1, /removes nothing/);
  assertFits(r.lastFrame() ?? '');

  assert.match(step1, /kms:TagResource · tagging \(2017\)/, 'one pair of brackets');
  await key(KEY.enter);
  const review = await waitForText(r, 'Step 2 of 4 · Review');
  assert.match(review, /removes nothing/i);
  assert.match(review, /What changes/);
  assert.match(r.lastFrame() ?? '', /\u001b\[32m\+.*kms:TagResource/, 'the added action is a green + line');
  assertFits(r.lastFrame() ?? '');
  // The footer follows the step: Enter goes on at the review; y only where y confirms.
  assert.equal(topScreen(), 'flow');

  await key(KEY.enter);
  assert.match(await waitForText(r, 'Step 3 of 4'), /Press y to write it/);
  assert.equal(topScreen(), 'confirm');
  const logBefore = fx.sandbox.log.length;
  await key('y');
  const done = await waitForText(r, 'Policy written and verified');
  assert.match(done, /Step 4 of 4/);
  assert.match(done, /Backup written:\s+\S+/);
  // The undo hint repeats the connection, so pasted it goes to the sandbox, not to real AWS.
  assert.match(done, /keypol --sandbox --region us-east-1 restore alias\/console-v2 (\\\n\s+)?\S+/);
  assert.ok(operations(fx.sandbox, logBefore).includes('PutKeyPolicy'));
  assert.equal(events.changed, 1, 'the app shell hears about the change');

  const afterUpgrade = await fx.gateway.getPolicy(details.keyId);
  const actions = adminActions(documentOf(afterUpgrade.text));
  for (const action of missing) assert.ok(actions.includes(action), `${action} is now in the sandbox policy`);
  for (const action of adminActions(documentOf(before.text)))
    assert.ok(actions.includes(action), `${action} kept`);

  await key(KEY.enter);
  assert.match(await waitForText(r, 'current'), /1 Policy/, 'back on the tabs, the badge reloaded');
  assert.ok(keystrokes <= 10, `${keystrokes} keystrokes`);
  r.unmount();
});

test('modified console policy: the walkthrough warns, and Esc at step 1 writes nothing', async () => {
  const {r, details} = await openKey(fx.gateway, 'alias/modified-v2');
  const logBefore = fx.sandbox.log.length;
  await press(r, 'u');
  assert.match(await waitForText(r, 'Step 1 of 4'), /changed by hand/);
  await press(r, KEY.escape);
  await waitForText(r, '1 Policy');
  assert.ok(!operations(fx.sandbox, logBefore).includes('PutKeyPolicy'));
  assert.equal((await fx.gateway.getPolicy(details.keyId)).text.includes('kms:TagResource'), false);
  r.unmount();
});

test('at 60×12 the deletion step shows the option Enter picks, and the confirm step shows what changes', async () => {
  const size = {width: 60, height: 8};
  const {r} = await openKey(fx.gateway, 'alias/console-v1', size);
  await press(r, 'u');
  await waitForText(r, 'Step 1 of 5');
  await press(r, KEY.enter);
  const deletion = await waitForText(r, 'Step 2 of 5');
  assert.match(deletion, /❯ No, administrators may not delete it/);
  assertFits(r.lastFrame() ?? '', size);
  await press(r, KEY.enter);
  await waitForText(r, 'Step 3 of 5');
  await press(r, KEY.enter);
  const confirm = await waitForText(r, 'Step 4 of 5');
  assert.match(confirm, /What changes\n.*•/, 'the heading and at least one line of what changes');
  assert.match(confirm, /Press y to write it/);
  assertFits(r.lastFrame() ?? '', size);
  await press(r, KEY.escape);
  await waitForText(r, 'Step 3 of 5');
  r.unmount();
});

test('v1: the deletion step asks; Esc goes back exactly one step at a time and every answer is kept', async () => {
  const {r, details} = await openKey(fx.gateway, 'alias/console-v1');
  await press(r, 'u');
  const step1 = await waitForText(r, 'Step 1 of 5');
  const count = /gives key administrators (\d+) more/.exec(step1)?.[1];
  await press(r, KEY.enter);
  // v1 predates key deletion: nothing in the policy says what the operator would choose.
  assert.match(await waitForText(r, 'Step 2 of 5 · Deletion'), /May key administrators delete this key\?/);
  // keypol cannot infer the answer, so the cursor starts on the one that grants nothing.
  assert.match(plain(r.lastFrame()), /❯ No, administrators may not delete it/);
  await press(r, KEY.down);
  await press(r, KEY.enter);
  assert.match(await waitForText(r, 'Step 3 of 5'), /kms:ScheduleKeyDeletion/);
  // Esc from the review: back to the deletion step (not step 1), on the answer given.
  await press(r, KEY.escape);
  await waitForText(r, 'Step 2 of 5');
  assert.match(plain(r.lastFrame()), /❯ Yes, allow it/);
  // q is back too (not text here); step 1 says what it said before the answer.
  await press(r, 'q');
  const again = await waitForText(r, 'Step 1 of 5');
  assert.equal(/gives key administrators (\d+) more/.exec(again)?.[1], count, 'step 1 does not change');
  await press(r, KEY.enter);
  await waitForText(r, 'Step 2 of 5');
  assert.match(plain(r.lastFrame()), /❯ Yes, allow it/, 'the answer is still there');
  await press(r, KEY.up);
  await press(r, KEY.enter);
  await waitForText(r, 'Step 3 of 5');
  await press(r, KEY.enter);
  await press(r, 'y');
  await waitForText(r, 'Policy written and verified');
  const actions = adminActions(documentOf((await fx.gateway.getPolicy(details.keyId)).text));
  assert.ok(!actions.includes('kms:ScheduleKeyDeletion'), 'answered No: no deletion permission added');
  assert.ok(actions.includes('kms:TagResource'));
  r.unmount();
});
