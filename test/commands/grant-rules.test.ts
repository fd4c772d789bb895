// grant-access applies the domain's principal rules (the TUI's wizard uses the same edit):
// another partition and another account as administrator are refused before any write.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {withSandbox, operations} from '../helpers/sandbox.js';
import {runKeypol} from '../helpers/cli.js';
import {MUTATING_OPERATIONS} from '../../source/sandbox/index.js';

test('grant-access refuses another partition and another account as administrator (exit 3)', async t => {
  const f = await withSandbox();
  t.after(f.cleanup);
  const target = {endpoint: f.sandbox.endpoint, stateDir: f.stateDir};
  const from = f.sandbox.log.length;
  for (const [flag, principal, reason] of [
    ['--admin', 'arn:aws-cn:iam::111122223333:role/Admin', /aws-cn partition, but this key is in aws/],
    ['--user', 'arn:aws-us-gov:iam::111122223333:user/bob', /aws-us-gov partition/],
    [
      '--admin',
      '444455556666',
      /cannot be administered from another account.*grant-access --account 444455556666/,
    ],
  ] as const) {
    const result = await runKeypol(target, [
      'grant-access',
      'alias/console-current',
      flag,
      principal,
      '--yes',
    ]);
    assert.equal(result.code, 3, result.stderr);
    assert.match(result.stderr, reason);
  }
  assert.deepEqual(
    operations(f.sandbox, from).filter(op => MUTATING_OPERATIONS.has(op)),
    [],
  );
});
