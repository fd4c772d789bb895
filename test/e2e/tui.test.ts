// The built `keypol --sandbox` in a real 80×24 terminal: rows appear, keys move, filter and open a
// key, go back, quit with q and with Ctrl-C, and the terminal comes back as it was. The sandbox's
// hostile key carries an OSC title change and a clear-screen in its description: neither may act.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {existsSync} from 'node:fs';
import {startKeypol, type TerminalSession} from './terminal.js';

const CLI = 'dist/cli.js';
const skip = existsSync(CLI) ? false : `${CLI} is missing: run \`npm run build\` first`;

const HEADER = /^ keypol {2}account /;
const selectedLine = (s: TerminalSession) =>
  (s.lines().find(l => l.startsWith('› ')) ?? '').split(/\s+/)[1] ?? '';

async function assertRestored(s: TerminalSession, code = 0): Promise<void> {
  assert.equal(await s.exited, code, `keypol exits with ${code}`);
  await new Promise<void>(resolve => s.term.write('', resolve));
  assert.equal(s.term.buffer.active.type, 'normal', 'the alternate screen was left');
  const out = s.output();
  assert.ok(out.lastIndexOf('\u001b[?25h') > out.lastIndexOf('\u001b[?25l'), 'the cursor is shown again');
  assert.ok(
    out.lastIndexOf('\u001b[?1049l') > out.lastIndexOf('\u001b[?1049h'),
    'alternate screen off is the last word',
  );
}

test(
  'keys screen in a real terminal: navigate, filter, open, back, quit with q',
  {skip, timeout: 60_000},
  async () => {
    const s = startKeypol(['--sandbox']);
    try {
      await s.waitFor(screen => screen.includes('console-v1') && screen.includes('hostile'));
      // Metadata and badges fill in (visible rows first); the counters leave when all is known.
      await s.waitFor(
        screen =>
          screen.includes('outdated v1') &&
          screen.includes('AWS managed') &&
          !/metadata|policies/.test(screen),
      );
      const first = s.lines();
      assert.match(first[0] ?? '', HEADER, 'the header is on the first line');
      assert.match(s.screen(), /READ-ONLY|writes allowed/);
      assert.match(s.screen(), /SANDBOX/);
      assert.match(s.screen(), /hostile .* Payments key/, 'the hostile description is shown');
      assert.ok(!s.output().includes(']0;pwned'), 'its OSC title sequence never reaches the terminal');
      assert.ok(!s.output().includes('\u001b[2J\u001b[Hscreen cleared'), 'nor its clear-screen');
      assert.match(first.at(-1) ?? '', /\? help/, 'the footer is on the last line');

      const top = selectedLine(s);
      s.write('j');
      await s.waitFor(() => selectedLine(s) !== top && selectedLine(s) !== '');
      s.write('G');
      await s.waitFor(() => selectedLine(s) !== top);
      s.write('g');
      await s.waitFor(() => selectedLine(s) === top);

      s.write('/');
      await s.waitFor('/ ');
      for (const ch of 'hostile') s.write(ch);
      await s.waitFor(/1 of \d+ keys/);
      s.write('\r');
      await s.waitFor('filter hostile');
      assert.match(selectedLine(s), /hostile/);

      s.write('\r');
      await s.waitFor('e4063ac0-084a-455b-b91b-37bf875499aa');
      assert.match(s.lines()[0] ?? '', HEADER, 'the detail screen keeps the frame inside 24 rows');
      s.write('\u001b');
      await s.waitFor('filter hostile');
      s.write('\u001b');
      await s.waitFor(screen => screen.includes('console-v1') && !screen.includes('filter hostile'));

      s.write('?');
      await s.waitFor('press ? or Esc to close');
      s.write('?');
      await s.waitFor('console-v1');

      // Resizing re-lays out: wider shows the manager column (125 columns on), and back at 80×24 the frame fits again
      // (Ink may draw one frame of the old layout first, so wait for the settled screen).
      const settled = (wide: boolean) => (screen: string) =>
        HEADER.test(screen.split('\n')[0] ?? '') &&
        screen.includes('MANAGER') === wide &&
        screen.includes('console-v1') &&
        /\? help/.test(s.lines().at(-1) ?? ''); // the footer too: a redraw writes it last
      s.resize(130, 30);
      await s.waitFor(settled(true));
      s.resize(80, 24);
      await s.waitFor(settled(false));
      assert.match(s.lines().at(-1) ?? '', /\? help/);

      s.write('q');
      await assertRestored(s);
      assert.ok(
        !s.titles.some(t => t.includes('pwned')),
        `the terminal title never changed to the hostile text: ${JSON.stringify(s.titles)}`,
      );
    } finally {
      s.dispose();
    }
  },
);

test(
  'a width-only resize (80→160→80 at 24 rows) on a key redraws the whole frame: header on row 1, nothing stale',
  {skip, timeout: 60_000},
  async () => {
    const s = startKeypol(['--sandbox']);
    try {
      await s.waitFor(screen => screen.includes('outdated v1') && !/metadata|policies/.test(screen));
      s.write('/');
      await s.waitFor('/ ');
      s.write('console-v1');
      await s.waitFor(/1 of \d+ keys/);
      s.write('\r');
      await s.waitFor('filter console-v1');
      s.write('\r');
      await s.waitFor(screen => /lines 1–\d+ of \d+/.test(screen) && /\? help *$/.test(screen));
      const before = s.screen();
      assert.match(s.lines()[0] ?? '', HEADER);

      s.resize(160, 24);
      await s.waitFor(screen => (screen.split('\n').at(-1) ?? '').length > 100);
      s.resize(80, 24);
      // Back at 80 columns the screen is exactly the 80-column frame again, line for line.
      const after = await s.waitFor(screen => screen === before, 5000).catch(() => s.screen());
      assert.match(s.lines()[0] ?? '', HEADER, 'the header is on the first row');
      assert.equal(after, before, 'no line of the 160-column frame is left');
      s.write('q');
      await s.waitFor('filter console-v1');
      s.write('q');
      await assertRestored(s);
    } finally {
      s.dispose();
    }
  },
);

test(
  'keys that arrive in one read all count: three Downs move three rows, three Backspaces delete three',
  {skip, timeout: 60_000},
  async () => {
    const s = startKeypol(['--sandbox']);
    try {
      await s.waitFor(screen => screen.includes('console-v1') && !/metadata|policies/.test(screen));
      const rows = s.lines().filter(l => /^[› ] \S/.test(l) && !l.includes('ALIAS'));
      const third = rows[3]?.slice(2).split(/\s+/)[0];
      s.write('\u001b[B\u001b[B\u001b[B');
      await s.waitFor(() => selectedLine(s) === third);
      s.write('/abcd');
      await s.waitFor('/ abcd');
      s.write('\u007f\u007f\u007f');
      await s.waitFor(screen => /^ \/ a /m.test(screen));
      s.write('\u0003');
      await assertRestored(s, 130);
    } finally {
      s.dispose();
    }
  },
);

test(
  'Ctrl-C quits even while typing a filter and restores the terminal (plain TERM=xterm)',
  {skip, timeout: 60_000},
  async () => {
    const s = startKeypol(['--sandbox'], {env: {TERM: 'xterm'}});
    try {
      await s.waitFor('console-v1');
      s.write('/');
      await s.waitFor('/ ');
      s.write('z');
      s.write('q'); // typed into the filter: q does not quit while typing
      // Both letters drawn: "0 of N keys" alone already shows after the z, before the q is read.
      await s.waitFor(screen => /\/ zq/.test(screen) && /0 of \d+ keys/.test(screen));
      assert.match(s.screen(), /\/ zq/);
      s.write('\u0003');
      await assertRestored(s, 130); // like any program ended by Ctrl-C (128 + SIGINT)
    } finally {
      s.dispose();
    }
  },
);

test(
  '--read-only shows the badge; SIGTERM (or a dropped SSH session) ends the TUI cleanly',
  {skip, timeout: 60_000},
  async () => {
    const s = startKeypol(['--sandbox', '--read-only']);
    try {
      await s.waitFor(screen => screen.includes('console-v1') && screen.includes('READ-ONLY'));
      s.signal('SIGTERM');
      await assertRestored(s);
    } finally {
      s.dispose();
    }
  },
);

test(
  '--no-color and NO_COLOR draw without colour; the selection marker remains',
  {skip, timeout: 60_000},
  async () => {
    for (const [args, env] of [
      [['--sandbox', '--no-color'], {}],
      [['--sandbox'], {NO_COLOR: '1'}],
    ] as const) {
      const s = startKeypol([...args], {env});
      try {
        await s.waitFor(screen => screen.includes('outdated v1') && !/metadata|policies/.test(screen));
        const colours = s.output().match(/\u001b\[(?:3[0-7]|9[0-7]|4[0-7]|38;|48;)[0-9;]*m/g) ?? [];
        assert.deepEqual(colours, [], `no colour sequences with ${JSON.stringify({args, env})}`);
        // Without colour (and, under --no-color, without any styling) the › marker shows the selection.
        assert.match(s.screen(), /^› api-default/m);
        s.write('q');
        await assertRestored(s);
      } finally {
        s.dispose();
      }
    }
  },
);

test(
  'below 60×12 keypol says to make the terminal larger; grown back, the list is where it was',
  {skip, timeout: 60_000},
  async () => {
    const s = startKeypol(['--sandbox'], {cols: 40, rows: 10});
    try {
      const small = await s.waitFor('Make the terminal larger');
      assert.match(small.replace(/\s+/g, ' '), /needs 60×12, this one is 40×10/);
      assert.doesNotMatch(small, /ALIAS/, 'no broken table under the message');
      s.resize(80, 24);
      await s.waitFor(screen => HEADER.test(screen.split('\n')[0] ?? '') && screen.includes('console-v1'));
      assert.doesNotMatch(s.screen(), /Make the terminal larger/);
      s.write('q');
      await assertRestored(s);
    } finally {
      s.dispose();
    }
  },
);
