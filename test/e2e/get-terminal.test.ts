// The built `keypol get` in a real terminal, its stdout a pty, against a policy holding an OSC title
// change, a clear screen and a C1 CSI: none of them acts (no title, the screen keeps the text), and
// each shows as a mark. The pipe and --output cases: test/commands/get-hostile.test.ts.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {existsSync} from 'node:fs';
import {startKeypol} from './terminal.js';
import {withSandbox, type SandboxFixture} from '../helpers/sandbox.js';
import {sandboxEnv} from '../helpers/cli.js';
import {serveHostilePolicy} from '../helpers/hostile-policy.js';

const CLI = 'dist/cli.js';
const skip = existsSync(CLI) ? false : `${CLI} is missing: run \`npm run build\` first`;

let f: SandboxFixture;
let proxy: Awaited<ReturnType<typeof serveHostilePolicy>>;
before(async () => {
  if (skip) return;
  f = await withSandbox();
  proxy = await serveHostilePolicy(f);
});
after(async () => {
  if (skip) return;
  await proxy.close();
  await f.cleanup();
});

test('get on a terminal: the hostile policy is printed harmlessly', {skip, timeout: 60_000}, async () => {
  const s = startKeypol(['get', proxy.keyId], {
    cols: 100,
    env: sandboxEnv({endpoint: proxy.endpoint, stateDir: f.stateDir}),
  });
  try {
    assert.equal(await s.exited, 0);
    const screen = await s.waitFor('"Resource": "*"');
    // One mark a sequence: the title change, the clear screen, the cursor home, the C1 CSI.
    assert.ok(screen.includes('"Sid": "Admins ␛␛␛cleared ␛red ␀<U+202E>gnp.exe"'), 'each shows as a mark');
    assert.match(screen, /"Version": "2012-10-17"/, 'nothing cleared the screen');
    assert.deepEqual(s.titles, [], 'no title change');
    assert.ok(!/[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f]/.test(s.output()), 'no raw control reached the pty');
  } finally {
    s.dispose();
  }
});
