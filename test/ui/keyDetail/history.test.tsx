import './env.js';
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {backupsDir} from '../../../source/store/paths.js';
import {parsePolicy, policiesEqual} from '../../../source/policy/index.js';
import {withSandbox, type SandboxFixture} from '../../helpers/sandbox.js';
import {KEY, press} from '../ink-helpers.js';
import {assertFits, openKey, waitForText} from './harness.js';

let fx: SandboxFixture;
before(async () => {
  fx = await withSandbox();
});
after(() => fx.cleanup());

const same = (a: string, b: string): boolean => {
  const [pa, pb] = [parsePolicy(a), parsePolicy(b)];
  assert.ok(pa.ok && pb.ok);
  return policiesEqual(pa.document, pb.document);
};

test('history tab: the backup an upgrade wrote is listed, and Enter restores it after a review', async () => {
  const {r, details} = await openKey(fx.gateway, 'alias/console-v3');
  const original = (await fx.gateway.getPolicy(details.keyId)).text;

  await press(r, '4');
  await waitForText(r, 'No backups yet');
  await press(r, '1');
  await press(r, 'u');
  await waitForText(r, 'Step 1 of 4');
  await press(r, KEY.enter);
  await waitForText(r, 'Step 2 of 4');
  await press(r, KEY.enter);
  await press(r, 'y');
  await waitForText(r, 'Policy written and verified');
  await press(r, KEY.enter);
  assert.ok(
    !same((await fx.gateway.getPolicy(details.keyId)).text, original),
    'the upgrade changed the policy',
  );

  await press(r, '4');
  const list = await waitForText(r, 'Backups of this key (1)');
  assert.match(list, /upgrade/);
  assertFits(r.lastFrame() ?? '');
  await press(r, KEY.enter);
  const review = await waitForText(r, 'Restore a backup · Review');
  assert.match(review, /removes permissions or principals/, 'undoing an upgrade removes what it added');
  assert.match(review, /-.*kms:RotateKeyOnDemand/);
  await press(r, KEY.enter);
  await waitForText(r, 'Press y to write it');
  await press(r, 'y');
  await waitForText(r, 'Policy written and verified');
  assert.ok(
    same((await fx.gateway.getPolicy(details.keyId)).text, original),
    'the policy is back to what it was',
  );

  await press(r, KEY.enter);
  assert.match(await waitForText(r, 'Backups of this key (2)'), /restore/);
  r.unmount();
});

test('with no backups the History tab does not offer Enter to restore', async () => {
  const {r, topScreen} = await openKey(fx.gateway, 'alias/signing');
  await press(r, '4');
  await waitForText(r, 'No backups yet');
  assert.equal(topScreen(), 'keyDetail', 'the footer keeps the key detail keys, without "Enter restore"');
  r.unmount();
});

test('a write AWS refused is marked ✗ (not applied), and a damaged backup file is counted, not fatal', async () => {
  const key = await fx.gateway.describeKey('alias/pending-deletion');
  const before = await fx.gateway.getPolicy(key.arn);
  // KMS refuses PutKeyPolicy on a key pending deletion, after keypol saved the backup.
  const refused = await fx.gateway.writePolicy({
    key,
    before,
    afterText: before.text.replace('"Version"', '"Id" : "refused",\n  "Version"'),
    reason: 'raw-edit',
  });
  assert.equal(!refused.ok && refused.applied, false);
  await writeFile(join(backupsDir(fx.stateDir), `20991231T235959000Z-${key.keyId}-abcd.json`), '');

  const {r} = await openKey(fx.gateway, 'alias/pending-deletion');
  await press(r, '4');
  const frame = await waitForText(r, 'Backups of this key (1)');
  assert.match(frame, /raw-edit ✗/);
  assert.match(frame, /✗ the change was not applied/);
  assert.match(frame, /1 damaged backup file skipped/);
  assertFits(r.lastFrame() ?? '');
  r.unmount();
});
