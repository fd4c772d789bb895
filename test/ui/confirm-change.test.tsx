import './keyDetail/env.js';
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {keyInfoOf, type KeyDetails} from '../../source/aws/types.js';
import {accessModel, applyAccessEdit, parsePolicy, printPolicy} from '../../source/policy/index.js';
import {operations, withSandbox, type SandboxFixture} from '../helpers/sandbox.js';
import {KEY, press, type Rendered} from './ink-helpers.js';
import {assertFits, openKey, plain, waitForText} from './keyDetail/harness.js';

let fx: SandboxFixture;
before(async () => {
  fx = await withSandbox();
});
after(() => fx.cleanup());

const role = (name: string) => `arn:aws:iam::111122223333:role/${name}`;

async function users(details: KeyDetails): Promise<string[]> {
  const parsed = parsePolicy((await fx.gateway.getPolicy(details.keyId)).text);
  assert.ok(parsed.ok);
  return accessModel(parsed.document, keyInfoOf(details)).users.map(u => u.value);
}

async function addUserUpToReview(r: Rendered, arn: string): Promise<void> {
  await press(r, 'a');
  await waitForText(r, 'Step 1 of 5');
  while (!plain(r.lastFrame()).includes('❯ Add a key user')) await press(r, KEY.down);
  await press(r, KEY.enter);
  await waitForText(r, 'Step 2 of 5');
  await press(r, `\u001b[200~${arn}\u001b[201~`);
  await waitForText(r, '✔');
  await press(r, KEY.enter);
  await waitForText(r, 'Step 3 of 5');
}

test('conflict: the policy changes between review and confirm → both versions shown, a fresh review, then written', async () => {
  const {r, details} = await openKey(fx.gateway, 'alias/console-v3');
  await addUserUpToReview(r, role('Reporting'));
  await press(r, KEY.enter);
  await waitForText(r, 'Press y to write it');

  // Another operator adds role/Editor behind the screen's back.
  const other = fx.makeGateway();
  const live = await other.getPolicy(details.keyId);
  const parsed = parsePolicy(live.text);
  assert.ok(parsed.ok);
  const edited = applyAccessEdit(
    parsed.document,
    {op: 'add', role: 'user', principal: role('Editor')},
    keyInfoOf(details),
  );
  assert.ok(edited.ok);
  const theirs = await other.writePolicy({
    key: details,
    before: live,
    afterText: printPolicy(edited.document),
    reason: 'access-edit',
  });
  assert.ok(theirs.ok);

  await press(r, 'y');
  const refused = await waitForText(r, 'changed since you reviewed it');
  assert.match(refused, /Changed since your review/);
  assert.match(refused, /\+.*role\/Editor/, "the other writer's change is shown");
  assert.match(refused, /Enter review again/);
  assert.equal(
    refused.split(/changed since you (?:reviewed|read) it/).length,
    2,
    'the conflict is said once',
  );
  assertFits(r.lastFrame() ?? '');
  assert.ok(!(await users(details)).includes(role('Reporting')), 'nothing of ours was written');

  await press(r, KEY.enter);
  const fresh = await waitForText(r, 'Step 3 of 5');
  assert.match(fresh, /Reporting/);
  await press(r, KEY.enter);
  await waitForText(r, 'Press y to write it');
  await press(r, 'y');
  await waitForText(r, 'Policy written and verified');
  const now = await users(details);
  assert.ok(
    now.includes(role('Reporting')) && now.includes(role('Editor')),
    'both changes are in the policy',
  );
  r.unmount();
});

test('read-only: u, a, e and restoring a backup are refused at the keypress, in one sentence, with no call', async () => {
  // A backup to offer in the History tab: one ordinary change through the writable gateway.
  const details = await fx.gateway.describeKey('alias/console-v2');
  const live = await fx.gateway.getPolicy(details.keyId);
  const parsed = parsePolicy(live.text);
  assert.ok(parsed.ok);
  const edited = applyAccessEdit(
    parsed.document,
    {op: 'add', role: 'user', principal: role('Auditor')},
    keyInfoOf(details),
  );
  assert.ok(edited.ok);
  assert.ok(
    (
      await fx.gateway.writePolicy({
        key: details,
        before: live,
        afterText: printPolicy(edited.document),
        reason: 'access-edit',
      })
    ).ok,
  );

  const readOnly = fx.makeGateway({readOnly: true});
  const {r} = await openKey(readOnly, 'alias/console-v2');
  const before = (await fx.gateway.getPolicy(details.keyId)).sha256;
  const logStart = fx.sandbox.log.length;
  const sentence = 'Read-only (from --read-only): changes are off.';
  assert.doesNotMatch(plain(r.lastFrame()).split('\n')[1]!, /upgrade/, 'no upgrade is offered');
  const once = (frame: string) => frame.split('Read-only (').length - 1;
  for (const key of ['u', 'a', 'e']) {
    await press(r, key);
    const frame = await waitForText(r, 'Read-only (');
    assert.ok(
      plain(frame)
        .replace(/\s*\n\s*/g, ' ')
        .includes(sentence),
      frame,
    );
    assert.equal(once(frame), 1, 'said once');
    assert.doesNotMatch(frame, /Step 1 of 5|Raw edit/, 'no flow started');
  }
  await press(r, '4');
  assert.match(
    (await waitForText(r, 'Backups of this key')).replace(/\s*\n\s*/g, ' '),
    /Restoring is off: Read-only \(from --read-only\): changes are off/,
  );
  await press(r, KEY.enter);
  const refused = await waitForText(r, 'Read-only (');
  assert.doesNotMatch(refused, /Restore a backup/);
  assert.equal(once(refused), 1);
  assert.ok(!operations(fx.sandbox, logStart).includes('PutKeyPolicy'));
  assert.equal((await fx.gateway.getPolicy(details.keyId)).sha256, before);
  r.unmount();
});

test('pending deletion: u, a and e say to cancel the deletion first, and the header shows the state at 80 columns', async () => {
  const size = {width: 80, height: 21};
  const {r} = await openKey(fx.gateway, 'alias/pending-deletion', size);
  // Three aliases take the first line; the badge, state and key id the second.
  assert.match(plain(r.lastFrame()).split('\n')[1]!, /^outdated v3 · PendingDeletion · 7603faca-/);
  assert.doesNotMatch(plain(r.lastFrame()).split('\n')[2]!, /upgrade/, 'no upgrade is offered');
  const logStart = fx.sandbox.log.length;
  for (const key of ['u', 'a', 'e']) {
    await press(r, key);
    const frame = await waitForText(r, 'Pending deletion');
    assert.match(
      frame.replace(/\s*\n\s*/g, ' '),
      /cancel the deletion first \(aws kms cancel-key-deletion --key-id \S+\)/,
    );
    assert.doesNotMatch(frame, /Step 1 of 5|Raw edit/);
    assertFits(r.lastFrame() ?? '', size);
  }
  assert.deepEqual(operations(fx.sandbox, logStart), []);
  r.unmount();
});

test('a principal that is already a key user is refused at step 2, and Enter does not go on', async () => {
  const {r} = await openKey(fx.gateway, 'alias/console-current');
  await press(r, 'a');
  await waitForText(r, 'Step 1 of 5');
  while (!plain(r.lastFrame()).includes('❯ Add a key user')) await press(r, KEY.down);
  await press(r, KEY.enter);
  await waitForText(r, 'Step 2 of 5');
  await press(r, `\u001b[200~${role('AppServer')}\u001b[201~`);
  assert.match(await waitForText(r, '✖'), /already a key user/);
  await press(r, KEY.enter);
  assert.match(plain(r.lastFrame()), /Step 2 of 5/);
  await press(r, KEY.escape);
  assert.match(await waitForText(r, 'Step 1 of 5'), /Add a key administrator/, 'Esc goes back one step');
  r.unmount();
});

test('lockout: the alias and then the override phrase are typed; the write is sent with the bypass flag', async () => {
  const lockedOut = JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'Use only',
        Effect: 'Allow',
        Principal: {AWS: role('AppServer')},
        Action: 'kms:Decrypt',
        Resource: '*',
      },
    ],
  });
  delete process.env.VISUAL;
  process.env.EDITOR = `"${process.execPath}" -e 'require("fs").writeFileSync(process.argv[1], ${JSON.stringify(lockedOut)})'`;
  const {r, details} = await openKey(fx.gateway, 'alias/multi-region');
  await press(r, 'e');
  const review = await waitForText(r, 'Raw edit · Review');
  assert.match(review, /Risky/);
  assert.match(review, /kms:PutKeyPolicy/);
  await press(r, KEY.enter);
  await waitForText(r, "Type the key's alias or id");
  const logStart = fx.sandbox.log.length;
  await press(r, 'y');
  assert.doesNotMatch(plain(r.lastFrame()), /Policy written/, 'y is only a letter in the name field');
  await press(r, KEY.backspace);
  for (const ch of 'alias/multi-region') await press(r, ch);
  await press(r, KEY.enter);
  await waitForText(r, 'override lockout');
  for (const ch of 'override lockout') await press(r, ch);
  assert.ok(
    !operations(fx.sandbox, logStart).includes('PutKeyPolicy'),
    'nothing sent before the phrase is confirmed',
  );
  await press(r, KEY.enter);
  const done = (await waitForText(r, 'Policy written and verified')).replace(/\s*\n\s*/g, ' ');
  // A restore would be a PutKeyPolicy the new policy allows nobody: no undo is offered.
  assert.match(
    done,
    /Nobody can change this key's policy any more, keypol included: only AWS Support can help/,
  );
  assert.doesNotMatch(done, /To undo|keypol .*restore/);
  const put = fx.sandbox.log.slice(logStart).find(e => e.operation === 'PutKeyPolicy');
  assert.ok(put, 'PutKeyPolicy was sent');
  assert.ok((await fx.gateway.getPolicy(details.keyId)).text.includes('Use only'));
  r.unmount();
});
