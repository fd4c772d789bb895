process.env.COLUMNS = '100';
process.env.LINES = '30';
import React from 'react';
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {render} from 'ink-testing-library';
import type {ConnectionInfo} from '../../source/aws/types.js';
import {ThemeContext} from '../../source/ui/context.js';
import {createTheme} from '../../source/ui/theme.js';
import {buildRow} from '../../source/ui/keyRows.js';
import {layoutColumns} from '../../source/ui/columns.js';
import {endpointHost, Header} from '../../source/ui/components/Header.js';
import {regionProblem} from '../../source/ui/components/SwitchPrompt.js';
import {press} from './ink-helpers.js';
import {Footer} from '../../source/ui/components/Footer.js';
import {HelpOverlay} from '../../source/ui/components/HelpOverlay.js';
import {KeyTable} from '../../source/ui/components/KeyTable.js';
import {displayWidth} from '../../source/policy/index.js';
import {statusText} from '../../source/ui/components/StatusLine.js';
import {KeyListScreen} from '../../source/ui/screens/KeyListScreen.js';
import {KeyInputRouter} from '../../source/ui/keyInput.js';
import type {KeysState} from '../../source/ui/hooks/useKeys.js';
import {keyDetails} from './fixtures.js';

const info: ConnectionInfo = {region: 'us-east-1', sandbox: true, readOnly: true};
const lines = (frame: string | undefined) => (frame ?? '').split('\n');
const ESC = '\u001b';

test('the header shows account, caller, region and a READ-ONLY badge; a hostile ARN is defused', () => {
  const r = render(
    <Header
      info={info}
      identity={{
        kind: 'ok',
        identity: {account: '111122223333', arn: `arn:aws:iam::111122223333:user/x${ESC}]0;pwned\u0007`},
      }}
      width={80}
    />,
  );
  const frame = r.lastFrame() ?? '';
  assert.match(frame, /account 111122223333/);
  assert.match(frame, /caller arn:aws:iam::111122223333:user\/x␛/);
  assert.match(frame, /region us-east-1/);
  assert.match(frame, /SANDBOX/);
  assert.match(frame, /READ-ONLY/);
  assert.ok(!frame.includes(']0;pwned\u0007'), 'the OSC sequence does not survive');
  r.unmount();
  const rw = render(
    <Header
      info={{...info, readOnly: false, sandbox: false, profile: 'ops'}}
      identity={{kind: 'loading'}}
      width={80}
    />,
  );
  assert.match(rw.lastFrame() ?? '', /profile ops/);
  assert.doesNotMatch(rw.lastFrame() ?? '', /READ-ONLY/);
  rw.unmount();
});

test('the footer lists the screen keys from the keymap and never exceeds the width', () => {
  const r = render(<Footer screen="keys" readOnly={false} width={80} />);
  const frame = r.lastFrame() ?? '';
  assert.match(frame, /\/ filter/);
  assert.match(frame, /Enter open/);
  assert.match(frame, /\? help/);
  assert.ok(displayWidth(frame) <= 80);
  r.unmount();
  const narrow = render(<Footer screen="keyDetail" readOnly={false} width={30} />);
  assert.ok(
    lines(narrow.lastFrame()).every(l => displayWidth(l) <= 30),
    narrow.lastFrame(),
  );
  narrow.unmount();
});

test('the help overlay lists every key of the screen and the global ones within the body', () => {
  const r = render(<HelpOverlay screen="keyDetail" readOnly={false} width={80} height={21} />);
  const frame = r.lastFrame() ?? '';
  for (const text of [
    'Key detail',
    'next tab',
    'upgrade',
    'access wizard',
    'edit in $EDITOR',
    'Everywhere',
    'Ctrl-C',
    'switch region/profile',
  ]) {
    assert.ok(frame.includes(text), `help shows "${text}"\n${frame}`);
  }
  assert.ok(lines(frame).length <= 21);
  r.unmount();
});

test('the help is titled by its screen; History shows the key detail keys too; read-only marks writes', () => {
  for (const readOnly of [false, true]) {
    const r = render(<HelpOverlay screen="history" readOnly={readOnly} width={80} height={21} />);
    const frame = r.lastFrame() ?? '';
    assert.match(lines(frame)[0] ?? '', /^ Help: History tab — press \? or Esc to close/);
    assert.match(frame, /Key detail/);
    assert.equal(/\(off\) restore this backup/.test(frame), readOnly, frame);
    assert.equal(/\(off\) upgrade/.test(frame), readOnly, frame);
    assert.ok(lines(frame).length <= 21);
    r.unmount();
  }
});

test('every footer fits 80 columns with ? help and its q at the right edge, and only whole hints', () => {
  const screens = ['keys', 'filter', 'prompt', 'keyDetail', 'history', 'flow', 'wizard', 'confirm'] as const;
  for (const screen of screens) {
    for (const readOnly of [false, true]) {
      const r = render(<Footer screen={screen} readOnly={readOnly} width={80} />);
      const frame = r.lastFrame() ?? '';
      assert.equal(lines(frame).length, 1, `${screen}: one line`);
      assert.ok(displayWidth(frame) <= 80, `${screen}: ${frame}`);
      assert.ok(!frame.includes('…'), `${screen}: no hint is cut: ${frame}`);
      // At the right edge, less one margin cell (Ink trims the trailing blank).
      if (screen !== 'prompt' && screen !== 'confirm') assert.equal(displayWidth(frame), 79, frame);
      if (screen === 'keys') assert.match(frame, /q quit {2}\? help$/);
      if (screen === 'keyDetail' || screen === 'history') assert.match(frame, /Esc\/q back {2}\? help$/);
      if (screen === 'filter' || screen === 'wizard') assert.match(frame, /Ctrl-C quit now$/);
      r.unmount();
    }
  }
});

test('the header separates its fields and shows a custom endpoint as its host, at 80 columns', () => {
  const identity = {
    kind: 'ok',
    identity: {account: '111122223333', arn: 'arn:aws:iam::111122223333:user/ops'},
  } as const;
  const r = render(
    <Header
      info={{
        region: 'eu-west-1',
        profile: 'default',
        endpoint: 'https://kms.local:8443/x',
        sandbox: false,
        readOnly: false,
      }}
      identity={identity}
      width={80}
    />,
  );
  const second = lines(r.lastFrame())[1] ?? '';
  assert.equal(second, ' region eu-west-1 · profile default · endpoint kms.local:8443 · writes allowed');
  r.unmount();
  // A hostile or very long endpoint is cleaned and shortened; the READ-ONLY badge is never cut.
  const long = render(
    <Header
      info={{
        region: 'ap-southeast-2',
        profile: 'production-administrators-breakglass',
        endpoint: `https://vpce-0123456789abcdef0-abcdefgh.kms.ap-southeast-2.vpce.amazonaws.com${ESC}]0;x`,
        sandbox: false,
        readOnly: true,
      }}
      identity={identity}
      width={80}
    />,
  );
  const line = lines(long.lastFrame())[1] ?? '';
  assert.ok(displayWidth(line) <= 80, line);
  assert.match(line, /profile production-… · endpoint vpce-\S*… · {2}READ-ONLY$/);
  assert.ok(!line.includes(ESC));
  long.unmount();
  assert.equal(endpointHost('http://127.0.0.1:4566'), '127.0.0.1:4566');
  assert.equal(endpointHost(`kms.local${ESC}[2J`), 'kms.local␛');
  assert.equal(endpointHost('https://user:secret@kms.example.com:443/path?q'), 'kms.example.com:443');
});

test('a Region name is checked and a likely typo gets its correction', () => {
  assert.equal(regionProblem('eu-west-1'), undefined);
  assert.equal(regionProblem('us-gov-west-1'), undefined);
  assert.equal(regionProblem('us-isob-east-1'), undefined);
  assert.match(regionProblem('euwest1') ?? '', /Did you mean eu-west-1\?/);
  assert.match(regionProblem('US-EAST-1') ?? '', /Did you mean us-east-1\?/);
  assert.match(regionProblem('usgovwest1') ?? '', /Did you mean us-gov-west-1\?/);
  assert.match(
    regionProblem('nowhere-1') ?? '',
    /"nowhere-1" is not a Region name: Regions look like eu-west-1/,
  );
  assert.match(regionProblem('') ?? '', /Type a Region/);
  // The shape of a Region and close to a known one: a typo ("This region has no keys" otherwise).
  assert.match(regionProblem('eu-wst-1') ?? '', /Did you mean eu-west-1\?/);
  assert.match(regionProblem('us-esat-1') ?? '', /Did you mean us-east-1\?/);
  assert.equal(regionProblem('xx-newregion-1'), undefined, 'a Region newer than the list is let through');
  assert.ok(!(regionProblem(`eu${ESC}[2J`) ?? '').includes(ESC));
});

test('PgDn three times in one read turns three pages; Up Up in one read moves two rows', async () => {
  const many = Array.from({length: 100}, (_, i) =>
    buildRow({
      keyId: `k${String(i).padStart(3, '0')}`,
      arn: 'a',
      aliases: [`alias/key-${String(i).padStart(3, '0')}`],
    }),
  );
  const keys: KeysState = {
    status: {kind: 'ready'},
    rows: many,
    progress: {total: 100, described: 100, classified: 100},
    prioritise: () => {},
    yieldToInput: () => {},
    reload: () => {},
    refreshKey: () => {},
  };
  const r = render(
    <KeyInputRouter>
      <KeyListScreen keys={keys} onOpen={() => {}} onQuit={() => {}} isActive width={100} height={12} />
    </KeyInputRouter>,
  );
  const cursor = () => /› (key-\d+)/.exec(r.lastFrame() ?? '')?.[1];
  assert.equal(cursor(), 'key-000');
  const page = '\u001b[6~';
  await press(r, page + page + page);
  // The table shows 10 rows; a page keeps one row of context: 3 × 9.
  assert.equal(cursor(), 'key-027');
  await press(r, '\u001b[A\u001b[A');
  assert.equal(cursor(), 'key-025');
  r.unmount();
});

test('key rows: badge and cells at 80 columns, hostile text rendered harmlessly, nothing wraps', () => {
  const hostileId = '0e1f2a3b-0000-4000-8000-000000000001';
  const hostile = keyDetails(hostileId, {
    description: `${ESC}]0;pwned${ESC}\\${ESC}[2J evil`,
    aliases: [`alias/evil${ESC}[31m`],
  });
  const rows = [
    buildRow(
      {keyId: 'aaaa1111-0000-4000-8000-000000000000', arn: 'x', aliases: ['alias/payments']},
      keyDetails('aaaa1111', {}),
      {label: 'outdated v2', tone: 'outdated'},
    ),
    buildRow({keyId: hostileId, arn: 'y', aliases: hostile.aliases}, hostile, {
      label: 'custom',
      tone: 'custom',
    }),
    buildRow({keyId: 'cccc3333-0000-4000-8000-000000000000', arn: 'z', aliases: []}),
  ];
  const r = render(
    <ThemeContext.Provider value={createTheme(true)}>
      <KeyTable rows={rows} columns={layoutColumns(80)} selected={0} width={80} />
    </ThemeContext.Provider>,
  );
  const frame = r.lastFrame() ?? '';
  assert.ok(!frame.includes(ESC), 'no ESC byte reaches the frame');
  assert.match(frame, /› payments/);
  assert.match(frame, /outdated v2/);
  assert.match(frame, /evil␛ /);
  assert.match(
    frame,
    /Enabled {9}outdated v2/,
    'the state column keeps PendingDeletion whole; spec waits for 89 columns',
  );
  assert.match(frame, /␛ evil|␛␛/);
  assert.equal(lines(frame).length, 4, 'a header and three rows');
  assert.ok(
    lines(frame).every(l => displayWidth(l) <= 80),
    frame,
  );
  assert.match(lines(frame)[3] ?? '', /…/, 'metadata still loading shows an ellipsis');
  r.unmount();
});

test('the status line counts rows and shows progress only while loading', () => {
  const progress = {total: 10, described: 4, classified: 2};
  assert.equal(
    statusText({shown: 3, total: 10, sort: 'alias', progress, refreshing: false}),
    '3 of 10 keys · sort alias ▲ · metadata 4/10 · policies 2/10 ',
  );
  assert.equal(
    statusText({
      shown: 10,
      total: 10,
      sort: 'state',
      progress: {total: 10, described: 10, classified: 10},
      refreshing: true,
    }),
    'refreshing · 10 keys · sort state ▲ ',
  );
  // ListAliases pages one after another (100 a page): the count shows while they arrive.
  assert.equal(
    statusText({
      shown: 10,
      total: 10,
      sort: 'alias',
      progress: {total: 10, described: 0, classified: 0, aliasesLoading: 300},
      refreshing: false,
    }),
    '10 keys · sort alias ▲ · aliases 300… · metadata 0/10 · policies 0/10 ',
  );
});

test('a key that could not be read shows ? in its cells and, when selected, the reason under the table', async () => {
  const failing = buildRow(
    {keyId: 'dddd4444-0000-4000-8000-000000000000', arn: 'arn', aliases: ['alias/locked']},
    undefined,
    undefined,
    'You are not allowed to call kms:DescribeKey on this key: ask for kms:DescribeKey.\u001b[2J',
  );
  const keys: KeysState = {
    status: {kind: 'ready'},
    rows: [
      failing,
      buildRow({keyId: 'eeee5555-0000-4000-8000-000000000000', arn: 'arn', aliases: ['alias/ok']}),
    ],
    progress: {total: 2, described: 1, classified: 1},
    prioritise: () => {},
    yieldToInput: () => {},
    reload: () => {},
    refreshKey: () => {},
  };
  const r = render(
    <KeyInputRouter>
      <KeyListScreen keys={keys} onOpen={() => {}} onQuit={() => {}} isActive width={100} height={10} />
    </KeyInputRouter>,
  );
  const frame = r.lastFrame() ?? '';
  assert.match(frame, /› locked +dddd4444-… \? /);
  assert.match(
    frame,
    /⚠ You are not allowed to call kms:DescribeKey on this key: ask for kms:DescribeKey\.␛/,
  );
  assert.ok(lines(frame).length <= 10);
  r.unmount();
});

test('the header says whether the sandbox demo is as seeded, and how to get it back', () => {
  const identity = {kind: 'loading'} as const;
  const info = {region: 'us-east-1', sandbox: true, readOnly: false};
  const fresh = render(<Header info={info} identity={identity} width={80} />);
  assert.match(lines(fresh.lastFrame())[1] ?? '', /demo fresh +SANDBOX/);
  fresh.unmount();
  for (const width of [80, 120]) {
    const changed = render(
      <Header
        info={{...info, sandboxChangedAt: '2026-12-02T08:31:05.123Z'}}
        identity={identity}
        width={width}
      />,
    );
    const second = lines(changed.lastFrame())[1] ?? '';
    assert.match(
      second,
      width > 100
        ? /demo changed since 2026-12-02T08:31:05Z \(--reset restores it\)/
        : /demo changed \(--reset\)/,
    );
    assert.match(second, /SANDBOX/);
    assert.ok(displayWidth(second) <= width);
    changed.unmount();
  }
});
