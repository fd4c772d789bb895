process.env.COLUMNS = '100';
process.env.LINES = '30';
import React from 'react';
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {render} from 'ink-testing-library';
import type {ConnectionInfo, KeyDetails} from '../../source/aws/types.js';
import {ThemeContext} from '../../source/ui/context.js';
import {createTheme} from '../../source/ui/theme.js';
import {buildRow} from '../../source/ui/keyRows.js';
import {layoutColumns} from '../../source/ui/columns.js';
import {Header} from '../../source/ui/components/Header.js';
import {Footer} from '../../source/ui/components/Footer.js';
import {HelpOverlay} from '../../source/ui/components/HelpOverlay.js';
import {KeyTable} from '../../source/ui/components/KeyTable.js';
import {displayWidth} from '../../source/ui/textWidth.js';
import {statusText} from '../../source/ui/components/StatusLine.js';
import {KeyListScreen} from '../../source/ui/screens/KeyListScreen.js';
import type {KeysState} from '../../source/ui/hooks/useKeys.js';

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
  const r = render(<Footer screen="keys" width={80} />);
  const frame = r.lastFrame() ?? '';
  assert.match(frame, /\/ filter/);
  assert.match(frame, /Enter open/);
  assert.match(frame, /\? help/);
  assert.ok(displayWidth(frame) <= 80);
  r.unmount();
  const narrow = render(<Footer screen="keyDetail" width={30} />);
  assert.ok(
    lines(narrow.lastFrame()).every(l => displayWidth(l) <= 30),
    narrow.lastFrame(),
  );
  narrow.unmount();
});

test('the help overlay lists every key of the screen and the global ones within the body', () => {
  const r = render(<HelpOverlay screen="keyDetail" width={80} height={21} />);
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

function details(keyId: string, extra: Partial<KeyDetails>): KeyDetails {
  return {
    keyId,
    arn: `arn:aws:kms:us-east-1:111122223333:key/${keyId}`,
    aliases: [],
    accountId: '111122223333',
    state: 'Enabled',
    enabled: true,
    keySpec: 'SYMMETRIC_DEFAULT',
    keyUsage: 'ENCRYPT_DECRYPT',
    keyManager: 'CUSTOMER',
    origin: 'AWS_KMS',
    description: '',
    multiRegion: false,
    ...extra,
  };
}

test('key rows: badge and cells at 80 columns, hostile text rendered harmlessly, nothing wraps', () => {
  const hostileId = '0e1f2a3b-0000-4000-8000-000000000001';
  const hostile = details(hostileId, {
    description: `${ESC}]0;pwned${ESC}\\${ESC}[2J evil`,
    aliases: [`alias/evil${ESC}[31m`],
  });
  const rows = [
    buildRow(
      {keyId: 'aaaa1111-0000-4000-8000-000000000000', arn: 'x', aliases: ['alias/payments']},
      details('aaaa1111', {}),
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
  assert.match(frame, /SYMMETRIC /);
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
    '3 of 10 keys · sort alias · metadata 4/10 · policies 2/10 ',
  );
  assert.equal(
    statusText({
      shown: 10,
      total: 10,
      sort: 'state',
      progress: {total: 10, described: 10, classified: 10},
      refreshing: true,
    }),
    'refreshing · 10 keys · sort state ',
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
  const r = render(<KeyListScreen keys={keys} onOpen={() => {}} isActive width={100} height={10} />);
  const frame = r.lastFrame() ?? '';
  assert.match(frame, /› locked +dddd4444-… \? /);
  assert.match(
    frame,
    /⚠ You are not allowed to call kms:DescribeKey on this key: ask for kms:DescribeKey\.␛/,
  );
  assert.ok(lines(frame).length <= 10);
  r.unmount();
});
