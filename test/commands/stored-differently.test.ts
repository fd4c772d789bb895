// "Another writer" is said only when another writer is the cause: an endpoint that stores keypol's
// policy with a top-level element left out (as the sandbox once did with "__proto__") is named as that.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {withSandbox} from '../helpers/sandbox.js';
import {runKeypol} from '../helpers/cli.js';
import {startKmsProxy} from '../helpers/kms-proxy.js';

test('a policy stored without one of its top-level elements is not called a concurrent writer', async t => {
  const f = await withSandbox();
  t.after(f.cleanup);
  const proxy = await startKmsProxy(f.sandbox.endpoint, (operation, _request, upstream) => {
    if (operation !== 'GetKeyPolicy' || upstream.status !== 200) return undefined;
    const body = JSON.parse(upstream.body) as {Policy: string};
    const policy = JSON.parse(body.Policy) as Record<string, unknown>;
    delete policy.Comment;
    return {status: 200, body: JSON.stringify({...body, Policy: JSON.stringify(policy, null, 2)})};
  });
  t.after(proxy.close);
  const key = await f.gateway.describeKey('alias/console-v3');
  const doc = JSON.parse((await f.gateway.getPolicy(key.arn)).text) as Record<string, unknown>;
  const file = join(f.stateDir, 'with-comment.json');
  await writeFile(file, JSON.stringify({...doc, Comment: 'kept by KMS?'}, null, 2));
  const result = await runKeypol(
    {endpoint: proxy.endpoint, stateDir: f.stateDir},
    ['put', key.arn, file, '--yes', '--json'],
    {
      env: {KEYPOL_VERIFY_DELAY_MS: '0'},
    },
  );
  const outcome = JSON.parse(result.stdout) as {ok: boolean; refusal: string; message: string};
  assert.equal(outcome.ok, false);
  assert.equal(outcome.refusal, 'unverified');
  assert.match(outcome.message, /the endpoint changed it on storing, not another writer/);
  assert.doesNotMatch(outcome.message, /Another writer|concurrent/);
});
