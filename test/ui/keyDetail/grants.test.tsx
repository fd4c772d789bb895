import './env.js';
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {CreateGrantCommand, CreateKeyCommand} from '@aws-sdk/client-kms';
import {withSandbox, type SandboxFixture} from '../../helpers/sandbox.js';
import {kmsClient} from '../../sandbox/helpers.js';
import {createGrantWithAwsCli} from '../../helpers/aws-cli.js';
import {KEY, press, type} from '../ink-helpers.js';
import {assertFits, openKey, plain, waitForText} from './harness.js';

let fx: SandboxFixture;
before(async () => {
  fx = await withSandbox();
});
after(() => fx.cleanup());

test('Grants tab: a grant made with the AWS CLI is listed; / filters; Enter shows it in full', async t => {
  const key = await fx.gateway.describeKey('alias/console-v3');
  const grantId = await createGrantWithAwsCli(
    t,
    {endpoint: fx.sandbox.endpoint, stateDir: fx.stateDir},
    key.keyId,
    'cli-ui',
  );
  if (!grantId) return;
  const {r} = await openKey(fx.gateway, 'alias/console-v3');
  await press(r, '5');
  const frame = await waitForText(r, grantId.slice(0, 11));
  assert.match(frame, /cli-ui/);
  assert.match(frame, /role\/AppServer/);
  await press(r, '/');
  await type(r, 'nothing-matches');
  await waitForText(r, 'No grant matches the filter');
  for (let i = 0; i < 'nothing-matches'.length; i++) await press(r, KEY.backspace);
  await type(r, 'cli-ui');
  await press(r, KEY.enter);
  await press(r, KEY.enter);
  const full = await waitForText(r, `Grant ${grantId}`);
  assert.match(full, /Context includes\s+app=cli-test/);
  assertFits(r.lastFrame() ?? '');
});

test('Grants tab of a 2,000-grant key: rows come with the first page and the count completes', async () => {
  const {r} = await openKey(fx.gateway, 'alias/many-grants');
  await press(r, '5');
  await waitForText(r, 'Amazon EBS/EC2 for');
  await waitForText(r, '2,000 grants', 30_000);
  const frame = plain(r.lastFrame());
  assert.ok(frame.split('\n').length <= 28, 'virtualised: the frame stays in its height');
});

test('Findings and Access tabs show the grant findings and who can use the key', async () => {
  const {r} = await openKey(fx.gateway, 'alias/shared-grants');
  await press(r, '3');
  await waitForText(r, 'Grant findings (5 for 7 grants)');
  await press(r, '2');
  await press(r, 'G');
  const access = await waitForText(r, 'Who can use this key');
  assert.match(access, /user\/alice\s+3 grants: Encrypt, Decrypt \(with constraints\)/);
  assert.match(access, /Yes: IAM policies in account 111122223333/);
  // The policy's principals line up: each role starts in the same column.
  const roles = access
    .split('\n')
    .filter(l => /^ {2}\S.*\s{2}key policy: /.test(l))
    .map(l => l.indexOf('key policy: '));
  assert.ok(roles.length >= 2, access);
  assert.equal(new Set(roles).size, 1, `one column for the roles:\n${access}`);
});

test('AccessDenied on ListGrants is said in place; Details still reads rotation and tags', async t => {
  const denied = await withSandbox({faults: {deny: ['ListGrants']}});
  t.after(denied.cleanup);
  const {r} = await openKey(denied.gateway, 'alias/console-v3');
  await press(r, '5');
  await waitForText(r, 'not permitted: kms:ListGrants');
  await press(r, '3');
  await waitForText(r, 'not permitted: kms:ListGrants');
  await press(r, '6');
  const details = await waitForText(r, 'team');
  assert.match(details, /Automatic\s+on, every 365 days/);
});

test('revoke in read-only mode is refused at the key and sends no RevokeGrant', async () => {
  const readOnly = fx.makeGateway({readOnly: true});
  const {r} = await openKey(readOnly, 'alias/shared-grants');
  await press(r, '5');
  await waitForText(r, 'partner-');
  const from = fx.sandbox.log.length;
  await press(r, 'x');
  await waitForText(r, 'Read-only');
  assert.ok(!fx.sandbox.log.slice(from).some(e => e.operation === 'RevokeGrant'));
});

test('revoke with the typed grant id: a wrong start is refused, the right one revokes', async () => {
  const {r, details, topScreen} = await openKey(fx.gateway, 'alias/shared-grants');
  const grant = (await fx.gateway.listGrants(details.arn)).find(g => g.name === 'app-delegate');
  assert.ok(grant);
  await press(r, '5');
  await waitForText(r, 'app-del');
  await press(r, '/');
  await type(r, 'app-delegate');
  await press(r, KEY.enter);
  await press(r, 'x');
  await waitForText(r, "Type the grant id's first 8 characters");
  // A text field: the footer shows its keys (Enter, Esc), not `y confirm`, which would be a letter.
  assert.equal(topScreen(), 'wizard');
  await type(r, 'y0000000');
  await press(r, KEY.enter);
  await waitForText(r, 'is not the grant id');
  for (let i = 0; i < 8; i++) await press(r, KEY.backspace);
  await type(r, grant.grantId.slice(0, 8));
  await press(r, KEY.enter);
  await waitForText(r, 'revoked: ListGrants no longer lists it', 15_000);
  assert.ok(!(await fx.gateway.listGrants(details.arn)).some(g => g.grantId === grant.grantId));
});

test("after a revoke the filter stays, and the cursor is on the row that took the revoked one's place", async t => {
  const kms = kmsClient(fx.sandbox.endpoint);
  t.after(() => kms.destroy());
  const keyId = (await kms.send(new CreateKeyCommand({Description: 'revoke keeps the place'}))).KeyMetadata!
    .KeyId!;
  const ids = new Map<string, string>();
  for (const name of ['other', 'keep-1', 'keep-2', 'keep-3']) {
    const grant = new CreateGrantCommand({
      KeyId: keyId,
      GranteePrincipal: 'arn:aws:iam::111122223333:role/AppServer',
      Operations: ['Decrypt'],
      Name: name,
    });
    ids.set(name, (await kms.send(grant)).GrantId!);
  }
  const selected = (frame: string) => frame.split('\n').find(l => l.startsWith('› ')) ?? '';
  const {r} = await openKey(fx.gateway, keyId);
  await press(r, '5');
  await waitForText(r, '4 grants');
  await press(r, '/');
  await type(r, 'keep-');
  await press(r, KEY.enter);
  await waitForText(r, '3 of 4 grants');
  await press(r, KEY.down);
  assert.match(selected(await waitForText(r, /^› .*keep-2/m)), /keep-2/);
  await press(r, 'x');
  await waitForText(r, "Type the grant id's first 8 characters");
  await type(r, ids.get('keep-2')!.slice(0, 8));
  await press(r, KEY.enter);
  await waitForText(r, 'revoked: ListGrants no longer lists it', 15_000);
  const frame = await waitForText(r, '2 of 3 grants', 15_000);
  assert.match(frame, / filter keep-/, 'the filter is kept');
  assert.match(selected(frame), /keep-3/, 'the cursor is on the nearest row');
  assert.ok(!frame.includes('keep-2'));
});

test('cancel deletion from the Details tab: y confirms, Esc cancels (no review to go back to); the key leaves PendingDeletion', async () => {
  const {r, details, topScreen} = await openKey(fx.gateway, 'alias/pending-deletion');
  await press(r, '6');
  await waitForText(r, 'Press c to cancel the deletion');
  await press(r, 'c');
  const prompt = await waitForText(r, 'Press y to go ahead, Esc to cancel.');
  assert.doesNotMatch(prompt, /back to the review/);
  assert.equal(topScreen(), 'confirm');
  await press(r, KEY.escape);
  await waitForText(r, 'Press c to cancel the deletion');
  assert.equal((await fx.gateway.describeKey(details.keyId)).state, 'PendingDeletion', 'Esc changed nothing');
  await press(r, 'c');
  await waitForText(r, 'Press y to go ahead');
  await press(r, 'y');
  await waitForText(r, 'Deletion cancelled: the key is no longer pending deletion.', 15_000);
  assert.notEqual((await fx.gateway.describeKey(details.keyId)).state, 'PendingDeletion');
  r.unmount();
});
