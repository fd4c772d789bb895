// Unique ids in the Access and Findings tabs against the sandbox over HTTP: while IAM loads an id
// shows as it is with "checking…" and the tab works; then a live role's id shows by name and one
// no role has as "deleted (confirmed)"; d removes the deleted ones through review, confirmation
// and the write path (the stored policy loses only that id; a backup is written); with IAM
// denied, deletion cannot be confirmed and d is not offered; r asks IAM again and says when.
import './env.js';
import {test, type TestContext} from 'node:test';
import assert from 'node:assert/strict';
import {KMSClient, PutKeyPolicyCommand} from '@aws-sdk/client-kms';
import type {KmsGateway, PrincipalDirectory} from '../../../source/aws/types.js';
import {
  parsePolicy,
  statementPrincipals,
  utcTime,
  type PolicyDocument,
} from '../../../source/policy/index.js';
import {DELETED_PRINCIPAL_IDS, SANDBOX_CREDENTIALS} from '../../../source/sandbox/index.js';
import {footerHints} from '../../../source/ui/keymap.js';
import {operations, withSandbox, type SandboxFixture} from '../../helpers/sandbox.js';
import {KEY, press} from '../ink-helpers.js';
import {assertFits, openKey, plain, waitForText} from './harness.js';

const GONE = DELETED_PRINCIPAL_IDS.role;
const ALIAS = 'alias/deleted-principal';

async function fixture(t: TestContext): Promise<SandboxFixture> {
  const fx = await withSandbox();
  t.after(() => fx.cleanup());
  return fx;
}

/** Every principal of every statement, in order (the id counted as often as it is named). */
const principalsOf = (text: string): string[] => {
  const parsed = parsePolicy(text);
  assert.ok(parsed.ok);
  return parsed.document.Statement.flatMap(statementPrincipals);
};

/** Names the live role Batch by its unique id among the key users, as a policy may. */
async function addBatchById(fx: SandboxFixture): Promise<string> {
  const batch = (await fx.gateway.principals.list()).find(p => p.name === 'Batch');
  assert.ok(batch);
  const key = await fx.gateway.describeKey(ALIAS);
  const doc = JSON.parse((await fx.gateway.getPolicy(key.arn)).text) as PolicyDocument;
  const use = doc.Statement.find(s => s.Sid === 'Allow use of the key');
  assert.ok(use && typeof use.Principal === 'object' && !Array.isArray(use.Principal) && use.Principal);
  const aws = use.Principal.AWS;
  use.Principal.AWS = [...(Array.isArray(aws) ? aws : aws ? [aws] : []), batch.id];
  const kms = new KMSClient({
    endpoint: fx.sandbox.endpoint,
    region: 'us-east-1',
    credentials: SANDBOX_CREDENTIALS,
  });
  try {
    await kms.send(new PutKeyPolicyCommand({KeyId: key.arn, Policy: JSON.stringify(doc, null, 2)}));
  } finally {
    kms.destroy();
  }
  return batch.id;
}

/** A gateway whose IAM listing waits for `release()` (then asks the sandbox as usual). */
function heldIam(gateway: KmsGateway): {gateway: KmsGateway; release: () => void} {
  let release!: () => void;
  const gate = new Promise<void>(resolve => (release = resolve));
  let open = false;
  void gate.then(() => (open = true));
  const real = gateway.principals;
  const principals: PrincipalDirectory = {
    list: options => gate.then(() => real.list(options)),
    cached: () => (open ? real.cached() : undefined),
    loadedAt: () => (open ? real.loadedAt() : undefined),
    lookup: id => gate.then(() => real.lookup(id)),
  };
  return {gateway: {...gateway, principals}, release};
}

test('while IAM loads an id shows with "checking…" and the tab works; then by name, or deleted (confirmed)', async t => {
  const fx = await fixture(t);
  const batchId = await addBatchById(fx);
  const other = fx.makeGateway();
  const held = heldIam(other);
  const {r} = await openKey(held.gateway, ALIAS);
  await press(r, '2');
  let frame = await waitForText(r, 'checking…');
  assert.match(frame, new RegExp(`${GONE}\\s+checking…`));
  assert.match(frame, new RegExp(`${batchId}\\s+checking…`));
  assert.match(frame, /Checking 2 unique ids/);
  assert.match(frame, /Key administrators/, 'the rest of the tab is there');
  await press(r, '3');
  await waitForText(r, 'Findings (');
  await press(r, '2');
  await waitForText(r, 'Key administrators');

  held.release();
  frame = await waitForText(r, 'deleted (confirmed)');
  assert.match(frame, new RegExp(`${GONE}\\s+⚠ deleted \\(confirmed\\)`));
  assert.match(frame, new RegExp(`role/Batch\\s+IAM role · ${batchId}`), "the live role's id by its name");
  assert.match(frame, /1 deleted principal, confirmed by IAM/);
  assert.match(frame, /Press d to remove it from every statement/);
  assertFits(r.lastFrame() ?? '');
  await press(r, 'G');
  frame = await waitForText(r, 'Who can use this key');
  assert.match(frame, new RegExp(`role/Batch \\(${batchId}\\)\\s+key policy: user`), 'there too, by name');
  assert.match(frame, new RegExp(`${GONE} \\(deleted, confirmed\\)\\s+key policy: administrator`));
  r.unmount();
});

test('d removes the deleted principal from every statement through review, confirmation and the write path', async t => {
  const fx = await fixture(t);
  const batchId = await addBatchById(fx);
  const {r, details, topScreen} = await openKey(fx.gateway, ALIAS);
  const before = (await fx.gateway.getPolicy(details.arn)).text;
  const backupsBefore = (await fx.gateway.history(details.arn)).backups.length;
  await press(r, '2');
  await waitForText(r, 'Press d to remove it');
  assert.equal(topScreen(), 'access');
  assert.ok(
    footerHints('access').actions.some(b => b.label === 'd' && b.hint === 'remove deleted'),
    'the footer shows d',
  );
  const from = fx.sandbox.log.length;
  await press(r, 'd');
  const review = await waitForText(r, 'Remove deleted principals · Review');
  assert.match(review, new RegExp(`${batchId} is the unique id of live`));
  assert.match(review, new RegExp(`Removing 1 deleted principal from every statement: ${GONE}`));
  assert.ok(!operations(fx.sandbox, from).includes('PutKeyPolicy'), 'nothing written before confirming');
  await press(r, KEY.enter);
  await waitForText(r, 'Press y to write it');
  await press(r, 'y');
  // The write path reads, backs up, puts and verifies twice: on a loaded machine that takes a while.
  await waitForText(r, 'Policy written and verified', 15_000);

  const after = (await fx.gateway.getPolicy(details.arn)).text;
  assert.ok(!after.includes(GONE), 'the stored policy no longer names the id');
  assert.deepEqual(
    principalsOf(after),
    principalsOf(before).filter(p => p !== GONE),
    'it still names everything else, in the same statements',
  );
  const history = await fx.gateway.history(details.arn);
  assert.equal(history.backups.length, backupsBefore + 1, 'a backup was written');
  assert.equal(history.backups[0]?.text, before, 'of the policy as it was');

  await press(r, KEY.enter);
  const tab = await waitForText(r, 'Key administrators');
  assert.ok(!tab.includes('deleted (confirmed)'));
  assert.match(tab, new RegExp(`role/Batch\\s+IAM role · ${batchId}`));
  r.unmount();
});

test('with IAM denied the tabs say deletion cannot be confirmed, and d is not offered', async t => {
  const fx = await fixture(t);
  const denied = fx.makeGateway({accessKeyId: 'AKIASANDBOXNOIAM0000'});
  const {r, topScreen} = await openKey(denied, ALIAS);
  await press(r, '2');
  const frame = await waitForText(r, 'Cannot confirm');
  assert.match(
    frame,
    new RegExp(`Cannot confirm that ${GONE} is deleted \\(IAM cannot be listed: Access denied`),
  );
  assert.match(frame, /so keypol does not remove it/);
  assert.match(frame, new RegExp(`${GONE}\\s+⚠ deleted principal\\?`));
  assert.ok(!frame.includes('Press d'));
  assert.notEqual(topScreen(), 'access', 'no d in the footer');
  await press(r, '3');
  assert.match(await waitForText(r, 'Findings ('), /Cannot confirm that/);
  const from = fx.sandbox.log.length;
  await press(r, 'd');
  assert.match(await waitForText(r, /Cannot confirm[\s\S]*Cannot confirm/), /Findings/);
  assert.ok(!plain(r.lastFrame()).includes('· Review'), 'no change starts');
  assert.ok(!operations(fx.sandbox, from).includes('PutKeyPolicy'));
  r.unmount();
});

test('r on the Access tab asks IAM again and says when the roles and users were loaded', async t => {
  const fx = await fixture(t);
  const {r} = await openKey(fx.gateway, ALIAS);
  await press(r, '2');
  await waitForText(r, /IAM roles and users loaded \S+Z/);
  const first = fx.gateway.principals.loadedAt();
  const from = fx.sandbox.log.length;
  await press(r, 'r');
  await until(() => fx.gateway.principals.loadedAt() !== first, 'a new IAM listing');
  const loadedAt = fx.gateway.principals.loadedAt() ?? '';
  await waitForText(r, `IAM roles and users loaded ${utcTime(loadedAt)} · r reloads them`);
  const asked = operations(fx.sandbox, from);
  assert.ok(
    asked.includes('ListRoles') && asked.includes('ListUsers'),
    `IAM was asked again: ${asked.join(' ')}`,
  );
  assert.ok(asked.includes('GetKeyPolicy'), 'and the policy reloaded');
  r.unmount();
});

/** Waits for a condition outside the frame (no fixed sleep: it returns as soon as it holds). */
async function until(check: () => boolean, what: string): Promise<void> {
  const end = Date.now() + 15_000;
  while (!check()) {
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
    await new Promise(resolve => setTimeout(resolve, 5));
  }
}
