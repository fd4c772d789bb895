// The reading subcommands against the sandbox over HTTP: list, show, get, diff, whoami,
// and the command line's own usage errors.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFile, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {fileCliSandbox, runKeypol} from '../helpers/cli.js';
import {startKmsProxy} from '../helpers/kms-proxy.js';

const {f, target} = fileCliSandbox();

const ESC = '\x1b';

test('list --json: one object per key in the documented shape', async () => {
  const {code, stdout, stderr} = await runKeypol(target, ['list', '--json']);
  assert.equal(code, 0, stderr);
  const rows = JSON.parse(stdout) as Record<string, unknown>[];
  const keys = await f.gateway.listKeys();
  assert.equal(rows.length, keys.length);
  for (const row of rows) {
    assert.deepEqual(Object.keys(row), [
      'keyId',
      'arn',
      'aliases',
      'state',
      'keySpec',
      'keyUsage',
      'keyManager',
      'description',
      'multiRegion',
      'creationDate',
    ]);
  }
  const byAlias = (alias: string) => rows.find(r => (r.aliases as string[]).includes(alias));
  assert.equal(byAlias('alias/aws/s3')?.keyManager, 'AWS');
  assert.equal(byAlias('alias/signing')?.keyUsage, 'SIGN_VERIFY');
  assert.equal(byAlias('alias/multi-region')?.multiRegion, true);
  assert.equal(byAlias('alias/pending-deletion')?.state, 'PendingDeletion');
  assert.ok(!Number.isNaN(Date.parse(String(byAlias('alias/console-v1')?.creationDate))));
  // JSON keeps the hostile description's bytes (escaped by JSON itself).
  assert.ok(String(byAlias('alias/hostile')?.description).includes(ESC));
});

test('list as text: a table, with untrusted text made harmless', async () => {
  const {code, stdout} = await runKeypol(target, ['list']);
  assert.equal(code, 0);
  assert.match(
    stdout.split('\n')[0] ?? '',
    /^KEY ID\s+ALIASES\s+STATE\s+SPEC\s+USAGE\s+MANAGER\s+DESCRIPTION$/,
  );
  assert.match(stdout, /alias\/console-v2\s+Enabled\s+SYMMETRIC_DEFAULT\s+ENCRYPT_DECRYPT\s+CUSTOMER/);
  assert.ok(!stdout.includes(ESC), 'no escape sequence reaches the terminal');
  assert.match(stdout, /alias\/hostile.*\u241b/);
});

test('show --json: classification, access and findings in the documented shape', async () => {
  const {code, stdout, stderr} = await runKeypol(target, ['show', 'alias/console-v2', '--json']);
  assert.equal(code, 0, stderr);
  const shown = JSON.parse(stdout);
  assert.deepEqual(Object.keys(shown), [
    'keyId',
    'arn',
    'keyManager',
    'policy',
    'valid',
    'classification',
    'access',
    'findings',
    'grants',
    'rotation',
    'tags',
    'whoCanUse',
    'uniqueIds',
  ]);
  const key = await f.gateway.describeKey('alias/console-v2');
  assert.equal(shown.keyId, key.keyId);
  assert.equal(shown.policy, (await f.gateway.getPolicy(key.arn)).text);
  assert.deepEqual(shown.classification, {
    kind: 'console-default',
    version: 'v2',
    outdated: true,
    missingActions: ['kms:RotateKeyOnDemand', 'kms:TagResource', 'kms:UntagResource'],
  });
  assert.deepEqual(Object.keys(shown.access), [
    'administrators',
    'users',
    'externalAccounts',
    'administratorsCanDelete',
    'iamDelegation',
    'canChange',
  ]);
  assert.ok(shown.access.administrators.includes('arn:aws:iam::111122223333:role/KeyAdmin'));
  assert.equal(shown.access.administratorsCanDelete, true);
  for (const finding of shown.findings)
    assert.deepEqual(Object.keys(finding), ['severity', 'code', 'message', 'sid', 'line']);

  const other = JSON.parse((await runKeypol(target, ['show', 'alias/cross-account', '--json'])).stdout);
  assert.equal(other.classification.kind, 'custom');
  assert.equal(other.classification.version, null);
  assert.ok(other.findings.some((x: {code: string}) => x.code === 'cross-account'));
  const managed = JSON.parse((await runKeypol(target, ['show', 'alias/aws/ebs', '--json'])).stdout);
  assert.equal(managed.classification.kind, 'aws-managed');
  // Service-mediated access is what it is: every principal of the account, through EC2.
  assert.deepEqual(managed.access.users, [
    {
      principal: '*',
      name: `every principal in account ${key.arn.split(':')[4]}`,
      conditions: ['kms:ViaService'],
    },
  ]);
  assert.ok(!managed.findings.some((x: {code: string}) => x.code.startsWith('lockout')));
});

test('show as text: colour only on a terminal and never with NO_COLOR', async () => {
  const piped = await runKeypol(target, ['show', 'alias/console-current']);
  assert.equal(piped.code, 0);
  assert.match(piped.stdout, /Administrators/);
  assert.match(piped.stdout, /"Version" : "2012-10-17"/);
  assert.ok(!piped.stdout.includes(ESC));
  const tty = await runKeypol(target, ['show', 'alias/console-current'], {tty: true});
  assert.ok(tty.stdout.includes(`${ESC}[`), 'highlighted on a terminal');
  const noColor = await runKeypol(target, ['show', 'alias/console-current'], {
    tty: true,
    env: {NO_COLOR: '1'},
  });
  assert.ok(!noColor.stdout.includes(ESC));
  const flag = await runKeypol(target, ['--no-color', 'show', 'alias/console-current'], {tty: true});
  assert.ok(!flag.stdout.includes(ESC));
  const hostile = await runKeypol(target, ['show', 'alias/hostile'], {tty: true});
  assert.ok(!hostile.stdout.replace(/\x1b\[[0-9;]*m/g, '').includes(ESC), 'only our own colour codes');
});

test('get prints the exact text; --output writes the exact bytes', async () => {
  const key = await f.gateway.describeKey('alias/near-size-limit');
  const {text} = await f.gateway.getPolicy(key.arn);
  const printed = await runKeypol(target, ['get', 'alias/near-size-limit']);
  assert.equal(printed.code, 0);
  assert.equal(printed.stdout, text.endsWith('\n') ? text : text + '\n');
  const file = join(f.stateDir, 'policy.json');
  const saved = await runKeypol(target, ['get', key.arn, '--output', file]);
  assert.equal(saved.code, 0);
  assert.equal(saved.stdout, '');
  assert.equal(await readFile(file, 'utf8'), text);
});

test('diff compares semantically: reformatting is no difference, an edit is', async () => {
  const key = await f.gateway.describeKey('alias/console-v3');
  const doc = JSON.parse((await f.gateway.getPolicy(key.arn)).text);
  const same = join(f.stateDir, 'same.json');
  await writeFile(same, JSON.stringify({...doc, Statement: [...doc.Statement].map((s: object) => ({...s}))}));
  const equal = await runKeypol(target, ['diff', 'alias/console-v3', same]);
  assert.equal(equal.code, 0);
  assert.match(equal.stdout, /^No differences/);

  doc.Statement[1].Action.push('kms:RotateKeyOnDemand');
  const edited = join(f.stateDir, 'edited.json');
  await writeFile(edited, JSON.stringify(doc, null, 2));
  const changed = await runKeypol(target, ['diff', 'alias/console-v3', edited]);
  assert.equal(changed.code, 1, 'differences exit 1, as diff(1)');
  assert.match(changed.stdout, /adds kms:RotateKeyOnDemand/);
  assert.match(changed.stdout, /^\+.*"kms:RotateKeyOnDemand"/m);
  const jsonRun = await runKeypol(target, ['diff', 'alias/console-v3', edited, '--json']);
  assert.equal(jsonRun.code, 1);
  const json = JSON.parse(jsonRun.stdout);
  assert.equal(json.equal, false);
  assert.equal(json.removesAnything, false);

  const broken = join(f.stateDir, 'broken.json');
  await writeFile(broken, '{"Statement": [');
  const invalid = await runKeypol(target, ['diff', 'alias/console-v3', broken]);
  assert.equal(invalid.code, 3);
  assert.match(invalid.stderr, /broken\.json:1:\d+:/);
});

test('whoami names the caller and the connection', async () => {
  const {code, stdout} = await runKeypol(target, ['whoami', '--json']);
  assert.equal(code, 0);
  const who = JSON.parse(stdout);
  assert.equal(who.account, '111122223333');
  assert.equal(who.arn, 'arn:aws:iam::111122223333:root');
  assert.equal(who.region, 'us-east-1');
  assert.equal(who.endpoint, f.sandbox.endpoint);
  assert.equal(who.readOnly, false);
  assert.ok(!JSON.stringify(who).includes('sandbox-secret'), 'never prints credentials');
});

test('errors: unknown key (1), usage problems (2), no TUI without a terminal (2)', async () => {
  const missing = await runKeypol(target, ['show', 'alias/nope']);
  assert.equal(missing.code, 1);
  assert.equal(
    missing.stderr,
    'keypol: No KMS key "alias/nope" in us-east-1: check the key id, ARN or alias, and the region.\n',
  );
  const unknown = await runKeypol(target, ['frobnicate']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /unknown command "frobnicate"/);
  const badFlag = await runKeypol(target, ['list', '--bogus']);
  assert.equal(badFlag.code, 2);
  assert.match(badFlag.stderr, /unknown option --bogus\nRun "keypol list --help" for usage/);
  const noKey = await runKeypol(target, ['show']);
  assert.equal(noKey.code, 2);
  assert.match(noKey.stderr, /missing KEY/);
  const tui = await runKeypol(target, []);
  assert.equal(tui.code, 2);
  assert.match(tui.stderr, /needs a terminal on stdin; in scripts use the subcommands/);
});

test('--help and --version', async () => {
  const help = await runKeypol(target, ['--help']);
  assert.equal(help.code, 0);
  for (const command of [
    'list',
    'show',
    'get',
    'diff',
    'put',
    'upgrade',
    'grant-access',
    'deletion',
    'history',
    'restore',
    'sandbox',
  ]) {
    assert.match(help.stdout, new RegExp(`^  ${command}\\b`, 'm'), command);
  }
  const commandHelp = await runKeypol(target, ['upgrade', '--help']);
  assert.match(commandHelp.stdout, /^Usage: keypol upgrade KEY/);
  const version = await runKeypol(target, ['--version']);
  assert.match(
    version.stdout,
    /^keypol \d+\.\d+\.\d+ \(source, Node\.js v\d+\.\d+\.\d+, commit unknown\)\n$/,
  );
});

test('list shows every key even when one cannot be described, says which, and exits 1', async t => {
  const denied = (await f.gateway.describeKey('alias/signing')).keyId;
  const proxy = await startKmsProxy(f.sandbox.endpoint, (operation, request) =>
    operation === 'DescribeKey' && request.KeyId === denied
      ? {
          status: 400,
          body: JSON.stringify({__type: 'AccessDeniedException', message: 'User: x is not authorized'}),
        }
      : undefined,
  );
  t.after(proxy.close);
  const result = await runKeypol({...target, endpoint: proxy.endpoint}, ['list', '--json']);
  assert.equal(result.code, 1);
  const rows = JSON.parse(result.stdout) as {keyId: string; state: string | null; aliases: string[]}[];
  assert.equal(rows.length, (await f.gateway.listKeys()).length);
  const row = rows.find(r => r.keyId === denied);
  assert.deepEqual(row?.aliases, ['alias/signing']);
  assert.equal(row?.state, null);
  assert.equal(
    result.stderr,
    `keypol: could not describe ${denied}: Access denied: the caller needs kms:DescribeKey on "${denied}", granted by an IAM policy or the key policy.\n`,
  );
});

test('show on a live policy that is not JSON: line and column as text, and a --json result', async t => {
  const broken = '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {"Effect": "Allow",},\n  ]\n}\n';
  const proxy = await startKmsProxy(f.sandbox.endpoint, operation =>
    operation === 'GetKeyPolicy'
      ? {status: 200, body: JSON.stringify({Policy: broken, PolicyName: 'default'})}
      : undefined,
  );
  t.after(proxy.close);
  const at = {...target, endpoint: proxy.endpoint};
  const text = await runKeypol(at, ['show', 'alias/console-v2']);
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /Policy\s+not valid JSON/);
  assert.match(text.stdout, /json: Line 4, column \d+: /);
  const json = await runKeypol(at, ['show', 'alias/console-v2', '--json']);
  assert.equal(json.code, 0, json.stderr);
  const shown = JSON.parse(json.stdout);
  assert.deepEqual(
    [shown.valid, shown.classification, shown.access, shown.policy],
    [false, null, null, broken],
  );
  assert.ok(
    shown.findings.length > 0 &&
      shown.findings.every((x: {code: string; line: number}) => x.code === 'json' && x.line > 0),
  );
});

test('show words a lockout on a live policy as a fact, not as what KMS would refuse', async t => {
  const locked = JSON.stringify({
    Version: '2012-10-17',
    Statement: [{Effect: 'Allow', Principal: {AWS: '*'}, Action: 'kms:DescribeKey', Resource: '*'}],
  });
  const proxy = await startKmsProxy(f.sandbox.endpoint, operation =>
    operation === 'GetKeyPolicy'
      ? {status: 200, body: JSON.stringify({Policy: locked, PolicyName: 'default'})}
      : undefined,
  );
  t.after(proxy.close);
  const shown = await runKeypol({...target, endpoint: proxy.endpoint}, ['show', 'alias/console-v2']);
  assert.match(
    shown.stdout,
    /lockout: No principal may call kms:PutKeyPolicy under this policy: nobody can change it any more/,
  );
  assert.doesNotMatch(shown.stdout, /KMS would refuse|KMS will refuse/);
  assert.match(shown.stdout, /Nobody can change this policy any more/);
});
