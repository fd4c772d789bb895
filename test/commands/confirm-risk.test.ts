// The CLI asks for the same confirmation the TUI does, from the one risk rule (policy/risk.ts):
// removing every key administrator needs the key's alias or id typed; --yes skips; no terminal
// means exit 5.
import {test, type TestContext} from 'node:test';
import assert from 'node:assert/strict';
import {withSandbox, operations, type SandboxFixture} from '../helpers/sandbox.js';
import {runKeypol, startKeypol, type CliTarget} from '../helpers/cli.js';
import {assessChange, OVERRIDE_PHRASE} from '../../source/policy/index.js';
import {keyInfoOf} from '../../source/aws/types.js';

const ADMINS = [
  '--admin',
  'arn:aws:iam::111122223333:role/KeyAdmin',
  '--admin',
  'arn:aws:iam::111122223333:user/alice',
];
const TYPED = /type the key's alias or id \(alias\/[\w-]+\) to confirm: $/;

async function setup(t: TestContext): Promise<{f: SandboxFixture; target: CliTarget}> {
  const f = await withSandbox();
  t.after(f.cleanup);
  return {f, target: {endpoint: f.sandbox.endpoint, stateDir: f.stateDir}};
}

const admins = async (target: CliTarget, alias: string): Promise<string[]> =>
  JSON.parse((await runKeypol(target, ['show', alias, '--json'])).stdout).access.administrators;

test('the rule: removing every administrator is typed, a wildcard principal is typed, a lockout is the override', async t => {
  const {f} = await setup(t);
  const key = await f.gateway.describeKey('alias/console-current');
  const before = (await f.gateway.getPolicy(key.arn)).text;
  const doc = JSON.parse(before);
  const context = {key: keyInfoOf(key), callerArn: 'arn:aws:iam::111122223333:root'};
  assert.equal(assessChange(before, before, context).level, 'simple');
  const noAdmins = {
    ...doc,
    Statement: doc.Statement.filter((s: {Sid?: string}) => s.Sid !== 'Allow access for Key Administrators'),
  };
  assert.equal(assessChange(before, JSON.stringify(noAdmins), context).level, 'typed');
  const wildcard = {
    ...doc,
    Statement: [...doc.Statement, {Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Resource: '*'}],
  };
  assert.equal(assessChange(before, JSON.stringify(wildcard), context).level, 'typed');
  const lockout = {
    ...doc,
    Statement: [
      {
        Effect: 'Allow',
        Principal: {AWS: 'arn:aws:iam::111122223333:role/App'},
        Action: 'kms:Decrypt',
        Resource: '*',
      },
    ],
  };
  const assessed = assessChange(before, JSON.stringify(lockout), context);
  assert.equal(assessed.level, 'override');
  assert.equal(assessed.bypassLockout, true);
});

test('removing the last administrators without a terminal: exit 5, nothing written', async t => {
  const {f, target} = await setup(t);
  const from = f.sandbox.log.length;
  const run = await runKeypol(target, ['grant-access', 'alias/console-current', '--remove', ...ADMINS]);
  assert.equal(run.code, 5, run.stderr);
  assert.match(run.stdout, /Risky \(you will be asked to type the key name\)/);
  assert.match(run.stderr, /Not confirmed \(a risky change/);
  assert.ok(!operations(f.sandbox, from).includes('PutKeyPolicy'));
  assert.equal((await admins(target, 'alias/console-current')).length, 2);
});

test('at a terminal "y" is not enough for a risky change; the alias is', async t => {
  const {target} = await setup(t);
  const args = ['grant-access', 'alias/console-current', '--remove', ...ADMINS];
  const refused = startKeypol(target, args);
  await refused.waitForPrompt(TYPED);
  refused.answer('y\n');
  const no = await refused.done;
  assert.equal(no.code, 5, no.stderr);
  assert.match(no.stderr, /"y" is not the alias or id of this key/);
  assert.equal((await admins(target, 'alias/console-current')).length, 2);

  const typed = startKeypol(target, args);
  await typed.waitForPrompt(TYPED);
  typed.answer('alias/console-current\n');
  const yes = await typed.done;
  assert.equal(yes.code, 0, yes.stderr);
  assert.deepEqual(await admins(target, 'alias/console-current'), []);
});

test('--yes skips the typed confirmation; a simple change still asks y/N', async t => {
  const {target} = await setup(t);
  const run = await runKeypol(target, ['grant-access', 'alias/console-v3', '--remove', ...ADMINS, '--yes']);
  assert.equal(run.code, 0, run.stderr);
  assert.deepEqual(await admins(target, 'alias/console-v3'), []);

  const simple = startKeypol(target, [
    'grant-access',
    'alias/console-v2',
    '--user',
    'arn:aws:iam::111122223333:role/Auditor',
  ]);
  await simple.waitForPrompt();
  simple.answer('y\n');
  assert.equal((await simple.done).code, 0);
});

test('a lockout at a terminal: the key name, then the override phrase; --yes never overrides', async t => {
  const {f, target} = await setup(t);
  const {writeFile} = await import('node:fs/promises');
  const {join} = await import('node:path');
  const file = join(f.stateDir, 'lockout.json');
  await writeFile(
    file,
    JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: {AWS: 'arn:aws:iam::111122223333:role/App'},
          Action: 'kms:Decrypt',
          Resource: '*',
        },
      ],
    }),
  );
  const scripted = await runKeypol(target, ['put', 'alias/console-current', file, '--yes']);
  assert.equal(scripted.code, 3, scripted.stderr);
  assert.match(scripted.stderr, /kms:PutKeyPolicy/);

  const typed = startKeypol(target, ['put', 'alias/console-current', file]);
  await typed.waitForPrompt(TYPED);
  typed.answer('alias/console-current\n');
  await typed.waitForPrompt(new RegExp(`Type "${OVERRIDE_PHRASE}" to write it anyway: $`));
  typed.answer(`${OVERRIDE_PHRASE}\n`);
  const written = await typed.done;
  assert.equal(written.code, 0, written.stderr);
  assert.match(
    (await f.gateway.getPolicy((await f.gateway.describeKey('alias/console-current')).arn)).text,
    /role\/App/,
  );
});
