// The principal picker in a real 80×24 terminal: open a key, `a`, "Add a key user", type a few
// letters of a role name, Enter, confirm — and the sandbox's stored policy now names that role.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {existsSync, mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {cursorLine, startKeypol, storedPolicy} from './terminal.js';

const CLI = 'dist/cli.js';
const skip = existsSync(CLI) ? false : `${CLI} is missing: run \`npm run build\` first`;
const KEY_ID = 'bf9b2d11-701b-4c73-88e2-2b38faa1cc34'; // alias/console-v3
const ROLE = 'arn:aws:iam::111122223333:role/app/payments-worker';

test(
  'picker in a real terminal: a, add a key user, type part of a role name, Enter, confirm',
  {skip, timeout: 120_000},
  async () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'keypol-e2e-picker-'));
    const s = startKeypol(['--sandbox'], {env: {KEYPOL_STATE_DIR: stateDir}});
    try {
      await s.waitFor(screen => screen.includes('console-v3'), 30_000);
      s.write('/');
      await s.waitFor('/ ');
      s.write('console-v3');
      await s.waitFor(/1 of \d+ keys/);
      s.write('\r');
      await s.waitFor('filter console-v3');
      s.write('\r');
      await s.waitFor('"Statement"');
      s.write('a');
      await s.waitFor('What do you want to change?');
      for (let i = 0; i < 8 && !cursorLine(s).includes('Add a key user'); i++) {
        const before = cursorLine(s);
        s.write('\u001b[B');
        await s.waitFor(() => cursorLine(s) !== before);
      }
      assert.match(cursorLine(s), /Add a key user/);
      s.write('\r');
      await s.waitFor(/\d+ of \d+ · /, 30_000);
      s.write('p');
      await s.waitFor('› p');
      s.write('aymen');
      await s.waitFor(() => /payments-worker/.test(cursorLine(s)));
      s.write('\r');
      await s.waitFor(/Review/);
      s.write('\r');
      await s.waitFor(/Press y|type/i);
      s.write('y');
      await s.waitFor('Policy written and verified', 30_000);
      assert.match(
        storedPolicy(stateDir, KEY_ID),
        /role\/app\/payments-worker/,
        'the sandbox policy names the role',
      );
      assert.ok(storedPolicy(stateDir, KEY_ID).includes(ROLE));
      s.write('\u0003');
      await s.exited;
    } finally {
      s.dispose();
      rmSync(stateDir, {recursive: true, force: true});
    }
  },
);
