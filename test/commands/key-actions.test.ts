// revoke-grant, cancel-deletion and rotation from the command line, over HTTP: the typed grant-id
// confirmation, --yes, read-only (no RevokeGrant in the sandbox's request log), exit codes.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {fileCliSandbox, runKeypol} from '../helpers/cli.js';

const {f, target} = fileCliSandbox();

async function grantId(alias: string, name: string): Promise<string> {
  const key = await f.gateway.describeKey(alias);
  const grant = (await f.gateway.listGrants(key.arn)).find(g => g.name === name);
  assert.ok(grant);
  return grant.grantId;
}

test('revoke-grant: read-only sends no RevokeGrant; no terminal and no --yes is not confirmed', async () => {
  const id = await grantId('alias/shared-grants', 'partner-exchange');
  const from = f.sandbox.log.length;
  const ro = await runKeypol(target, ['--read-only', 'revoke-grant', 'alias/shared-grants', id]);
  assert.equal(ro.code, 3, ro.stderr);
  assert.match(ro.stderr, /Read-only/);
  const piped = await runKeypol(target, ['revoke-grant', 'alias/shared-grants', id.slice(0, 10)]);
  assert.equal(piped.code, 5, piped.stderr);
  assert.ok(!f.sandbox.log.slice(from).some(e => e.operation === 'RevokeGrant'));
});

test('revoke-grant: a wrong typed id refuses, the right one revokes', async () => {
  const id = await grantId('alias/shared-grants', 'partner-exchange');
  const wrong = await runKeypol(target, ['revoke-grant', 'alias/shared-grants', id], {
    tty: true,
    stdin: 'deadbeef\n',
  });
  assert.equal(wrong.code, 5, wrong.stderr);
  assert.match(wrong.stderr, /Type the first 8 characters of the grant id/);
  const right = await runKeypol(target, ['revoke-grant', 'alias/shared-grants', id, '--json'], {
    tty: true,
    stdin: `${id.slice(0, 8)}\n`,
  });
  assert.equal(right.code, 0, right.stderr);
  const out = JSON.parse(right.stdout) as {
    ok: boolean;
    grantId: string;
    operation: string;
    savedPath: string;
  };
  assert.deepEqual([out.ok, out.grantId, out.operation], [true, id, 'kms:RevokeGrant']);
  assert.match(out.savedPath, /grants\/.*\.json$/);
  const again = await runKeypol(target, ['revoke-grant', 'alias/shared-grants', id, '--yes']);
  assert.equal(again.code, 1);
  assert.match(again.stderr, /has no grant with that id/);
});

test('cancel-deletion and rotation', async () => {
  const cancel = await runKeypol(target, ['cancel-deletion', 'alias/pending-deletion', '--yes']);
  assert.equal(cancel.code, 0, cancel.stderr);
  assert.match(cancel.stdout, /Deletion cancelled/);
  const nothing = await runKeypol(target, ['cancel-deletion', 'alias/pending-deletion']);
  assert.equal(nothing.code, 0);
  assert.match(nothing.stdout, /not pending deletion/);
  const on = await runKeypol(target, [
    'rotation',
    'alias/console-v2',
    '--enable',
    '--period',
    '400',
    '--yes',
  ]);
  assert.equal(on.code, 0, on.stderr);
  assert.equal(
    (await f.gateway.rotationStatus((await f.gateway.describeKey('alias/console-v2')).arn))?.periodDays,
    400,
  );
  const same = await runKeypol(target, ['rotation', 'alias/console-v2', '--enable', '--period', '400']);
  assert.match(same.stdout, /already on/);
  const bad = await runKeypol(target, ['rotation', 'alias/console-v2', '--enable', '--period', '30']);
  assert.equal(bad.code, 2);
  const managed = await runKeypol(target, ['rotation', 'alias/aws/s3', '--disable', '--yes']);
  assert.equal(managed.code, 3);
  const hmac = await runKeypol(target, ['rotation', 'alias/hmac', '--enable', '--yes']);
  assert.equal(hmac.code, 3);
  assert.match(hmac.stderr, /does not support automatic rotation/);
});
