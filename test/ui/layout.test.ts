import {test} from 'node:test';
import assert from 'node:assert/strict';
import {GAP, layoutColumns, MARKER_WIDTH} from '../../source/ui/columns.js';
import {displayWidth, fit, truncate} from '../../source/policy/index.js';
import type {KeyDetails} from '../../source/aws/types.js';
import {aliasList} from '../../source/ui/aliasList.js';
import {wrapWords} from '../../source/ui/components/LineView.js';
import {callerText} from '../../source/ui/components/Header.js';
import {pickPlaceholder} from '../../source/ui/components/FilterBar.js';
import {keyTitleLines, type TitleLine} from '../../source/ui/screens/keyDetail/keyTitle.js';

const total = (width: number) => {
  const columns = layoutColumns(width);
  return MARKER_WIDTH + columns.reduce((sum, c) => sum + c.width, 0) + GAP * (columns.length - 1);
};

test('the table fills exactly the terminal width, from 20 to 250 columns', () => {
  for (let width = 20; width <= 250; width++) assert.equal(total(width), width, `at ${width} columns`);
});

test('at 80 columns: alias, id, state in full, policy and description; spec and manager come with more room', () => {
  const columns = layoutColumns(80);
  assert.deepEqual(
    columns.map(c => c.key),
    ['alias', 'id', 'state', 'badge', 'description'],
  );
  assert.ok(columns.find(c => c.key === 'alias')!.width >= 20);
  assert.ok(columns.find(c => c.key === 'description')!.width >= 16);
  const badge = columns.find(c => c.key === 'badge')!.width;
  for (const label of [
    'current',
    'outdated v1',
    'modified v3',
    'incomplete',
    'API default',
    'AWS managed',
    'invalid JSON',
  ])
    assert.ok(label.length <= badge, `"${label}" fits the ${badge}-cell policy column at 80 columns`);
  const state = columns.find(c => c.key === 'state')!.width;
  for (const name of ['Enabled', 'Disabled', 'PendingDeletion', 'PendingImport', 'Unavailable', 'Creating'])
    assert.ok(name.length <= state, `${name} is never cut`);
  const at100 = layoutColumns(100);
  assert.ok(at100.some(c => c.key === 'spec') && !at100.some(c => c.key === 'manager'));
  assert.ok(at100.find(c => c.key === 'spec')!.width >= 'ECC_NIST_P256'.length);
  assert.ok(at100.find(c => c.key === 'description')!.width >= 22, 'the description gets the room');
});

test('from 120 columns the whole key id shows (a cut one cannot be copied); below, its short form', () => {
  assert.equal(layoutColumns(120).find(c => c.key === 'id')!.width, 36);
  assert.equal(layoutColumns(100).find(c => c.key === 'id')!.width, 10);
});

test('wide terminals show the manager and the whole key id', () => {
  for (const width of [125, 200]) {
    const columns = layoutColumns(width);
    assert.ok(
      columns.some(c => c.key === 'manager'),
      `${width}`,
    );
    assert.equal(columns.find(c => c.key === 'id')!.width, 36);
  }
});

const ALIASES = ['alias/pending-deletion', 'alias/reporting-2021', 'alias/reporting-exports-legacy'];
const PENDING = {
  aliases: ALIASES,
  state: 'PendingDeletion',
  keyId: '7603faca-340b-4c79-b113-177187181336',
  keySpec: 'SYMMETRIC_DEFAULT',
  description: 'Retired reporting key',
} as KeyDetails;
const text = (lines: TitleLine[]) => lines.map(l => l.map(p => p.text).join(''));

test('the detail title keeps badge, state and whole key id in view; the aliases take what is left', () => {
  // 80: the aliases get a line of their own; the facts line starts with what must not be cut.
  const at80 = text(keyTitleLines(PENDING, 'outdated v3', 80));
  assert.equal(at80[0], ALIASES.join(', '));
  assert.ok(at80[1]!.startsWith(`outdated v3 · PendingDeletion · ${PENDING.keyId}`));
  // 120: one line, the first alias and a count.
  const at120 = text(keyTitleLines(PENDING, 'outdated v3', 120));
  assert.equal(at120.length, 1);
  assert.ok(
    at120[0]!.startsWith(`alias/pending-deletion +2 more · outdated v3 · PendingDeletion · ${PENDING.keyId}`),
  );
  // 160: every alias.
  assert.ok(
    text(keyTitleLines(PENDING, 'outdated v3', 160))[0]!.startsWith(`${ALIASES.join(', ')} · outdated`),
  );
  // 60: the whole id does not fit beside the facts; its short form does (never a cut long one).
  const at60 = text(keyTitleLines(PENDING, 'outdated v3', 60));
  assert.ok(
    displayWidth(at60[0]!) <= 60 &&
      at60[0]!.startsWith('alias/pending-deletion, alias/reporting-2021 +1 more'),
  );
  assert.ok(at60[1]!.startsWith('outdated v3 · PendingDeletion · 7603faca-…'));
  // One alias, Enabled, at 80: one line with the whole id.
  const plain = {...PENDING, aliases: ['alias/console-v2'], state: 'Enabled'} as KeyDetails;
  assert.deepEqual(
    text(keyTitleLines(plain, 'outdated v2', 80)).map(l => l.slice(0, 69)),
    [`alias/console-v2 · outdated v2 · ${PENDING.keyId}`],
  );
  // The line count does not change when the badge arrives (no reflow while the policy is read).
  for (const width of [60, 80, 100, 120, 160])
    assert.equal(
      keyTitleLines(PENDING, undefined, width).length,
      keyTitleLines(PENDING, 'outdated v3', width).length,
    );
});

test('aliasList: whole aliases and a count, cut only when asked', () => {
  assert.equal(aliasList(['a', 'b', 'c'], 20), 'a, b, c');
  assert.equal(
    aliasList(['pending-deletion', 'reporting-2021'], 20, {more: n => ` +${n}`}),
    'pending-deletion +1',
  );
  assert.equal(aliasList(['pending-deletion', 'x'], 10), undefined);
  assert.equal(aliasList(['pending-deletion', 'x'], 12, {cut: true, more: n => ` +${n}`}), 'pending-… +1');
  assert.equal(aliasList([], 20), '(no alias)');
});

test("the filter's placeholder is the longest wording that fits, never a cut one", () => {
  const wordings = ['alias, id, description or col:value', 'alias, id or col:value'];
  assert.equal(pickPlaceholder(wordings, 40), wordings[0]);
  assert.equal(pickPlaceholder(wordings, 30), wordings[1]);
  assert.equal(pickPlaceholder(wordings, 10), 'alias, id…');
});

test('the caller keeps who it is: the account prefix goes first, then the middle of the role name', () => {
  const sso =
    'arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_AdministratorAccess_abcdef1234567890/alice@example.com';
  assert.equal(
    callerText('arn:aws:iam::111122223333:root', '111122223333', 41),
    'arn:aws:iam::111122223333:root',
  );
  assert.equal(callerText('arn:aws:iam::111122223333:root', '111122223333', 20), 'root');
  const shown = callerText(sso, '111122223333', 41);
  assert.equal(displayWidth(shown), 41);
  assert.match(shown, /^assumed-role\/AWSReserv.*…\/alice@example\.com$/);
});

test('truncation counts terminal cells, not UTF-16 units', () => {
  assert.equal(truncate('alias/payments-prod', 10), 'alias/pay…');
  assert.equal(truncate('short', 10), 'short');
  assert.equal(displayWidth('鍵の説明'), 8);
  assert.equal(truncate('鍵の説明です', 7), '鍵の説…');
  assert.equal(displayWidth(truncate('鍵の説明です', 7)), 7);
  assert.equal(displayWidth('e\u0301'), 1, 'a combining accent takes no cell');
  assert.equal(displayWidth('🔑'), 2);
  assert.equal(fit('鍵', 4), '鍵  ');
  assert.equal(truncate('anything', 0), '');
});

test('an ARN longer than the row is cut after a / or :, not inside a name', () => {
  const arn = 'arn:aws:sts::111122223333:assumed-role/aws:ec2-infrastructure/i-0d9d85e3fdd8262b0';
  const pieces = wrapWords(arn, 60);
  assert.deepEqual(pieces, [
    'arn:aws:sts::111122223333:assumed-role/aws:',
    'ec2-infrastructure/i-0d9d85e3fdd8262b0',
  ]);
  // With no / or : in the second half of the row, the cut is at the row's end.
  assert.deepEqual(wrapWords('abcdefghij/klmnopqrstuvwxyz', 10), ['abcdefghij', '/klmnopqrs', 'tuvwxyz']);
});
