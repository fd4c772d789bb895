// Hostile text from an endpoint (or a careless writer) in aliases, descriptions and policy Sids:
// --json escapes every control, bidi and invisible character (still valid JSON, same values), and
// the text output shows them instead of hiding them.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {withSandbox, type SandboxFixture} from '../helpers/sandbox.js';
import {runKeypol, type CliTarget} from '../helpers/cli.js';
import {startKmsProxy} from '../helpers/kms-proxy.js';

/** DEL, C1 (NEL, CSI, OSC), soft hyphen, ALM, zero-width space/joiners, LRM/RLM, separators, bidi, BOM, a tag. */
const HIDING =
  '\x7f\x85\x9b\x9d\u00ad\u061c\u200b\u200c\u200d\u200e\u200f\u2028\u2029\u202a\u202e\u2060\u2066\u2069\ufeff\u{e0041}';
const RAW = /[\x7f-\x9f\p{Cf}\p{Zl}\p{Zp}]/u;
const ALIAS = `alias/a\u200bprod${HIDING}`;
const SID = `Admins ${HIDING}`;

let f: SandboxFixture;
let target: CliTarget;
let keyId: string;
let closeProxy: () => Promise<void>;
before(async () => {
  f = await withSandbox();
  keyId = (await f.gateway.describeKey('alias/console-current')).keyId;
  const proxy = await startKmsProxy(f.sandbox.endpoint, (operation, request, upstream) => {
    if (!['ListAliases', 'DescribeKey', 'GetKeyPolicy'].includes(operation)) return undefined;
    const body = JSON.parse(upstream.body || '{}') as Record<string, any>;
    if (operation === 'ListAliases') {
      body.Aliases = [
        ...body.Aliases,
        {AliasName: ALIAS, AliasArn: `arn:aws:kms:us-east-1:111122223333:${ALIAS}`, TargetKeyId: keyId},
      ];
    } else if (operation === 'DescribeKey' && body.KeyMetadata?.KeyId === keyId) {
      body.KeyMetadata.Description = `payments ${HIDING}`;
    } else if (operation === 'GetKeyPolicy' && request.KeyId !== undefined && upstream.status === 200) {
      const policy = JSON.parse(body.Policy as string);
      // A deleted principal makes lint quote the Sid in a finding.
      policy.Statement.push({
        Sid: SID,
        Effect: 'Allow',
        Principal: {AWS: 'AIDAJQABLZS4A3QDU576Q'},
        Action: 'kms:Decrypt',
        Resource: '*',
      });
      body.Policy = JSON.stringify(policy, null, 2);
    } else return undefined;
    return {status: upstream.status, body: JSON.stringify(body)};
  });
  closeProxy = proxy.close;
  target = {endpoint: proxy.endpoint, stateDir: f.stateDir};
});
after(async () => {
  await closeProxy();
  await f.cleanup();
});

test('list --json: no raw C1, DEL, bidi or invisible character, and the values are kept', async () => {
  const {code, stdout, stderr} = await runKeypol(target, ['list', '--json']);
  assert.equal(code, 0, stderr);
  assert.equal(RAW.test(stdout), false, 'a raw hiding character reached stdout');
  const rows = JSON.parse(stdout) as {keyId: string; aliases: string[]; description: string}[];
  const row = rows.find(r => r.keyId === keyId);
  assert.ok(row?.aliases.includes(ALIAS));
  assert.equal(row?.description, `payments ${HIDING}`);
});

test('show --json: the Sid in findings and the policy text are escaped too', async () => {
  const {code, stdout, stderr} = await runKeypol(target, ['show', keyId, '--json']);
  assert.equal(code, 0, stderr);
  assert.equal(RAW.test(stdout), false);
  const shown = JSON.parse(stdout) as {findings: {sid?: string; message: string}[]};
  assert.ok(shown.findings.some(finding => finding.sid === SID && finding.message.includes(SID)));
});

test('list as text: the zero-width alias does not look like another alias, and no row is broken', async () => {
  const {code, stdout} = await runKeypol(target, ['list']);
  assert.equal(code, 0);
  assert.equal(RAW.test(stdout), false);
  assert.match(stdout, /alias\/a<U\+200B>prod/);
  assert.ok(!stdout.includes('alias/aprod'));
  // Every row starts with a key id: a line separator in the description did not start a new one.
  for (const row of stdout.trimEnd().split('\n').slice(1)) assert.match(row, /^[0-9a-f-]{36}|^mrk-/, row);
});

test('show as text: Sids in findings are visible', async () => {
  const {code, stdout} = await runKeypol(target, ['show', keyId]);
  assert.equal(code, 0);
  assert.equal(RAW.test(stdout), false);
  assert.match(stdout, /"Admins ␡<U\+0085>/);
});
