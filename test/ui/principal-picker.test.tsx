// The access wizard's principal picker against the sandbox over HTTP: it finds a role by part of
// its name and adds it; several picked at once are one change (one PutKeyPolicy); SSO and
// service-linked roles are labelled (service-linked explained); principals already there are
// marked; a typed ARN still works, and one IAM does not have is refused as typed; AccessDenied on
// the listing falls back to typing with the reason; the removal list of 259 users filters and pages.
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

const ARN = (resource: string) => `arn:aws:iam::111122223333:${resource}`;

/** The picker's status line once IAM answered ("290 of 290 · ↑↓ …"), not the heading "Step 2 of 5 · ". */
const LISTED = /[\d,]+ of [\d,]+ · ↑↓/;

/** Opens the key's wizard at step 2 for `what`, with the IAM listing loaded. */
async function pickerFor(alias: string, what: string, gateway = fx.gateway) {
  const opened = await openKey(gateway, alias);
  await press(opened.r, 'a');
  await waitForText(opened.r, 'Step 1 of 5');
  await choose(opened.r, what);
  await waitForText(opened.r, 'Step 2 of 5');
  return opened;
}

const cursorLine = (r: Rendered) =>
  plain(r.lastFrame())
    .split('\n')
    .find(l => l.startsWith('❯')) ?? '';

async function confirm(r: Rendered): Promise<void> {
  await waitForText(r, 'Step 3 of 5');
  await press(r, KEY.enter);
  await waitForText(r, 'Press y to write it');
  await press(r, 'y');
  // Backup, put and two verifications of up to a 32 KB policy: seconds on a loaded machine.
  await waitForText(r, 'Policy written and verified', 30_000);
}

test('typing part of a role name finds it; Enter adds it as a key user', async () => {
  const {r, details} = await pickerFor('alias/console-v3', 'Add a key user');
  await waitForText(r, LISTED);
  assertFits(r.lastFrame() ?? '');
  await type(r, 'paymen');
  assert.match(await waitForText(r, /1 of \d+/), /❯ \[ \] payments-worker\s+role\s+\/app\//);
  await press(r, KEY.enter);
  assert.match(await waitForText(r, 'Step 3 of 5'), /payments-worker/);
  await confirm(r);
  assert.ok(
    (await liveAccess(fx.gateway, details)).users.some(u => u.value === ARN('role/app/payments-worker')),
  );
  r.unmount();
});

test('fuzzy: the letters of a name in order find it', async () => {
  const {r} = await pickerFor('alias/console-v3', 'Add a key user');
  await waitForText(r, LISTED);
  await type(r, 'ghactdep');
  assert.match(await waitForText(r, /1 of \d+/), /❯ \[ \] GitHubActionsDeploy/);
  r.unmount();
});

test('several picked with Space become one change with one PutKeyPolicy', async () => {
  const {r, details} = await pickerFor('alias/console-current', 'Add a key administrator');
  await waitForText(r, LISTED);
  await type(r, 'AWSReservedSSO');
  await waitForText(r, /4 of \d+/);
  assert.match(cursorLine(r), /AWSReservedSSO_\S+\s+SSO role\s+\/aws-reserved\/sso/);
  await press(r, ' ');
  await waitForText(r, '1 picked');
  await press(r, KEY.down);
  await press(r, ' ');
  assert.match(await waitForText(r, '2 picked'), /\[x\]/);
  const from = fx.sandbox.log.length;
  await press(r, KEY.enter);
  assert.match(
    await waitForText(r, 'Step 3 of 5'),
    /adds[\s\S]*AWSReservedSSO_[\s\S]*,[\s\S]*AWSReservedSSO_[\s\S]*to Allow access for Key Administrators/,
  );
  await confirm(r);
  assert.deepEqual(
    operations(fx.sandbox, from).filter(op => op === 'PutKeyPolicy'),
    ['PutKeyPolicy'],
    'one change',
  );
  const admins = (await liveAccess(fx.gateway, details)).administrators.map(a => a.value);
  assert.equal(admins.filter(a => a.includes('/aws-reserved/sso.amazonaws.com/')).length, 2);
  r.unmount();
});

test('service-linked roles are labelled and explained; principals already there are marked', async () => {
  const {r} = await pickerFor('alias/console-v3', 'Add a key administrator');
  await waitForText(r, LISTED);
  await type(r, 'AutoScaling');
  const frame = await waitForText(r, 'Not a useful key administrator');
  assert.match(frame, /❯ \[ \] AWSServiceRoleForAutoScaling\s+service-linked/);
  assert.match(frame, /Service-linked roles are assumed only by their AWS service/);
  await press(r, '\u0015');
  await type(r, 'KeyAdmin');
  assert.match(await waitForText(r, 'is already a key administrator'), /❯ {2}✓ {2}KeyAdmin/);
  await press(r, KEY.enter);
  assert.match(plain(r.lastFrame()), /Step 2 of 5/, 'Enter does not add it twice');
  r.unmount();
});

test('a typed ARN still works; one IAM does not have, or another partition, is refused as typed', async () => {
  const {r, details} = await pickerFor('alias/console-v3', 'Add a key user');
  await waitForText(r, LISTED);
  await press(r, `\u001b[200~${ARN('role/Ghost')}\u001b[201~`);
  assert.match(await waitForText(r, 'IAM has no role/Ghost'), /KMS would refuse the policy/);
  await press(r, KEY.enter);
  assert.match(plain(r.lastFrame()), /Step 2 of 5/);
  await press(r, '\u0015');
  await press(r, '\u001b[200~arn:aws-cn:iam::111122223333:role/Reporting\u001b[201~');
  await waitForText(r, 'partition aws-cn, but this key is in aws');
  await press(r, '\u0015');
  await press(r, `\u001b[200~arn:aws:iam::444455556666:role/Partner\u001b[201~`);
  await waitForText(r, 'must also allow them through IAM policies');
  await press(r, KEY.enter);
  await confirm(r);
  assert.ok((await liveAccess(fx.gateway, details)).users.some(u => u.value.endsWith(':role/Partner')));
  r.unmount();
});

test('AccessDenied on ListRoles: the step says so and falls back to typing', async () => {
  const denied = fx.makeGateway({accessKeyId: 'AKIASANDBOXNOIAM0000'});
  const {r} = await pickerFor('alias/console-v2', 'Add a key user', denied);
  const frame = await waitForText(r, 'IAM does not let you list roles and users');
  assert.match(
    frame.replace(/\s+/g, ' '),
    /Access denied: the caller needs iam:List(Roles|Users), which only an IAM policy can grant/,
  );
  assert.match(frame.replace(/\s+/g, ' '), /Type or paste the ARN instead/);
  await press(r, `\u001b[200~${ARN('role/Reporting')}\u001b[201~`);
  assert.match(await waitForText(r, '✔ role/Reporting'), /role\/Reporting \(role\)/);
  await press(r, KEY.enter);
  assert.match(await waitForText(r, 'Step 3 of 5'), /Reporting/);
  r.unmount();
});

test('the removal list of 259 key users filters and pages', async () => {
  const {r, details} = await pickerFor('alias/near-size-limit', 'Remove a key user');
  const first = await waitForText(r, /of 259 · /);
  assertFits(first);
  await press(r, KEY.pageDown);
  assert.doesNotMatch(cursorLine(r), /role\/AppServer/, 'PgDn moved the cursor');
  await press(r, KEY.tab);
  await press(r, 'G');
  assert.match(cursorLine(r), /batch-worker-0258/);
  await press(r, 'g');
  assert.match(cursorLine(r), /role\/AppServer/);
  await press(r, '/');
  await type(r, 'worker-0123');
  await waitForText(r, /1 of 259/);
  await press(r, KEY.enter);
  assert.match(await waitForText(r, 'Step 3 of 5'), /batch-worker-0123/);
  await confirm(r);
  const users = (await liveAccess(fx.gateway, details)).users.map(u => u.value);
  assert.equal(users.length, 258);
  assert.ok(!users.includes(ARN('role/service/batch-worker-0123')));
  r.unmount();
});
