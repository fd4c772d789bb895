// The built `keypol --sandbox` in a real terminal: open a key, the Grants tab, filter, and revoke
// a grant with the typed confirmation; the sandbox no longer lists the grant and its definition was
// saved. Each key is sent once the screen shows that the component reading it is mounted: the key
// id is already on the "Reading …" line before the detail screen (and its keys) exists.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {existsSync, readdirSync} from 'node:fs';
import {join} from 'node:path';
import {startKeypol} from './terminal.js';

const CLI = 'dist/cli.js';
const skip = existsSync(CLI) ? false : `${CLI} is missing: run \`npm run build\` first`;
// alias/shared-grants' "partner-exchange" grant: the demo seed's ids are fixed.
const PARTNER = 'b78cb366';

test(
  'Grants tab in a real terminal: filter, revoke with the typed grant id',
  {skip, timeout: 180_000},
  async () => {
    const s = startKeypol(['--sandbox'], {cols: 100, rows: 30});
    try {
      await s.waitFor('console-v1', 60_000);
      s.write('/');
      await s.waitFor('/ ');
      s.write('shared-grants');
      await s.waitFor(/1 of \d+ keys/);
      s.write('\r');
      await s.waitFor('filter shared-grants');
      s.write('\r');
      // The policy is read by an effect of the detail screen: once it shows, the screen's keys work.
      await s.waitFor(screen => /lines 1–\d+ of \d+/.test(screen) && screen.includes('5 Grants'), 60_000);
      s.write('5');
      await s.waitFor('7 grants', 60_000);
      s.write('/');
      // The footer follows the focused field through an effect: the field's keys are live by then.
      await s.waitFor(screen => screen.includes('id, name, grantee') && screen.includes('keep filter'));
      s.write('partner');
      await s.waitFor('1 of 7 grants');
      s.write('\r');
      await s.waitFor(screen => screen.includes('filter partner') && screen.includes(`› ${PARTNER}`));
      s.write('x');
      // The prompt draws before its footer, which comes with the prompt's keys (an effect).
      await s.waitFor(
        screen => screen.includes("Type the grant id's first 8 characters") && !screen.includes('x revoke'),
      );
      const shown = (screen: string) => screen.split(PARTNER).length - 1;
      const before = shown(s.screen());
      s.write(PARTNER);
      await s.waitFor(screen => shown(screen) > before);
      s.write('\r');
      await s.waitFor('revoked: ListGrants no longer lists it', 60_000);
      await s.waitFor('6 grants');
      const saved = readdirSync(join(s.stateDir, 'sandbox', 'grants'));
      assert.equal(saved.length, 1);
      assert.match(saved[0] ?? '', new RegExp(`-${PARTNER}`));
      s.write('q');
      await s.waitFor(screen => screen.includes('filter shared-grants') && !screen.includes('6 grants'));
      s.write('q');
      assert.equal(await s.exited, 0);

      // The sandbox keeps its state in the run's state dir: ask it again, as `keypol grants` would.
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        KEYPOL_STATE_DIR: s.stateDir,
        XDG_CONFIG_HOME: s.stateDir,
      };
      const listed = JSON.parse(
        execFileSync(process.execPath, [CLI, 'grants', 'alias/shared-grants', '--json', '--sandbox'], {
          env,
          encoding: 'utf8',
          timeout: 120_000,
        }),
      ) as {grants: {grantId: string}[]};
      assert.equal(listed.grants.length, 6);
      assert.ok(!listed.grants.some(g => g.grantId.startsWith(PARTNER)), 'the revoked grant is gone');
    } finally {
      s.dispose();
    }
  },
);
