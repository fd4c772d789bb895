// Typing ahead in a real terminal: a key that opens a screen and the keys meant for that screen
// arrive in ONE write (a paste, tmux send-keys, a fast operator), so the screen has not drawn,
// let alone subscribed to input, when they are read. Each must still reach the screen its
// predecessor opened. Only the waits for data (the policy, the grants) separate the writes.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {existsSync} from 'node:fs';
import {cursorLine, startKeypol, storedPolicy, type TerminalSession} from './terminal.js';

const CLI = 'dist/cli.js';
const skip = existsSync(CLI) ? false : `${CLI} is missing: run \`npm run build\` first`;
const DOWN = '\u001b[B';
const KEY_ID = 'bf9b2d11-701b-4c73-88e2-2b38faa1cc34'; // alias/console-v3
const PARTNER = 'b78cb366'; // alias/shared-grants' "partner-exchange" grant (fixed demo seed)

/** The keys list's filter, Enter to keep it and Enter to open the key, in one write. */
async function openKey(s: TerminalSession, alias: string): Promise<void> {
  await s.waitFor(alias, 60_000);
  s.write(`/${alias}\r\r`);
  await s.waitFor(screen => /lines 1–\d+ of \d+/.test(screen) && screen.includes('"Statement"'), 60_000);
}

test(
  'typing ahead: / and the search text in one write; a, the choice and the picker filter in one write',
  {skip, timeout: 180_000},
  async () => {
    // A key that went astray must not start an editor in the pseudo-terminal.
    const s = startKeypol(['--sandbox'], {cols: 100, rows: 30, env: {VISUAL: 'true'}});
    try {
      await openKey(s, 'console-v3');
      s.write('/Statement\r');
      await s.waitFor(/"Statement" 1 of \d+ \(n\/N\)/);
      // Add a key administrator, Remove a key administrator, Add a key user: ↓ ↓ Enter.
      s.write(`a${DOWN}${DOWN}\rpayments-w`);
      await s.waitFor(() => /payments-worker/.test(cursorLine(s)), 60_000);
      assert.match(s.screen(), /› payments-w/, 'the filter holds every letter');
      s.write('\r\ry');
      await s.waitFor('Policy written and verified', 60_000);
      assert.match(
        storedPolicy(s.stateDir, KEY_ID),
        /role\/app\/payments-worker/,
        'the sandbox policy names the role',
      );
      s.write('\u0003');
      assert.equal(await s.exited, 130, 'Ctrl-C still ends keypol with 130');
    } finally {
      s.dispose();
    }
  },
);

test(
  'typing ahead: the grants filter, Enter, x and the typed grant id in one write',
  {skip, timeout: 180_000},
  async () => {
    const s = startKeypol(['--sandbox'], {cols: 100, rows: 30, env: {VISUAL: 'true'}});
    try {
      await openKey(s, 'shared-grants');
      s.write('5');
      await s.waitFor('7 grants', 60_000);
      s.write(`/partner\rx${PARTNER}\r`);
      await s.waitFor('revoked: ListGrants no longer lists it', 60_000);
      await s.waitFor('6 grants');
      // q leaves the key, then : and a Region go to the switch prompt, all in one write.
      s.write('q:\u0015eu-west-1');
      await s.waitFor('Region  eu-west-1');
      s.write('\u0003');
      assert.equal(await s.exited, 130);
    } finally {
      s.dispose();
    }
  },
);
