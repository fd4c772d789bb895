import './env.js';
import React from 'react';
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {render} from 'ink-testing-library';
import {
  JsonView,
  jsonLines,
  jsonRows,
  jsonTextWidth,
  problemMarks,
  rowOfLine,
} from '../../../source/ui/components/JsonView.js';
import type {JsonToken} from '../../../source/policy/index.js';

/** The view as a screen would render it: rows laid out for `width`. */
function view(
  lines: JsonToken[][],
  top: number,
  height: number,
  width: number,
  marks?: Map<number, 'error' | 'warning' | 'info'>,
) {
  const rows = jsonRows(lines, jsonTextWidth(width, lines.length));
  return (
    <JsonView
      rows={rows}
      lineCount={lines.length}
      top={top}
      height={height}
      width={width}
      {...(marks ? {marks} : {})}
    />
  );
}
import {diffTextLines, diffViewLines} from '../../../source/ui/components/diffLines.js';
import {LineView, wrapWords} from '../../../source/ui/components/LineView.js';
import {ThemeContext} from '../../../source/ui/context.js';
import {createTheme} from '../../../source/ui/theme.js';
import {ScrollPane} from '../../../source/ui/components/ScrollPane.js';
import {KeyInputRouter} from '../../../source/ui/keyInput.js';
import {findingLines} from '../../../source/ui/screens/confirmLines.js';
import type {Finding} from '../../../source/policy/types.js';
import {KEY, press} from '../ink-helpers.js';

const policy = readFileSync(new URL('../../fixtures/policies/console-v2.json', import.meta.url), 'utf8');
const ESC = '\u001b';
const plain = (frame: string | undefined) => (frame ?? '').replace(/\u001b\[[0-9;]*m/g, '');
const rows_ = (frame: string | undefined) => plain(frame).split('\n');

test('jsonLines keeps every character of the policy, one token list per line', () => {
  const lines = jsonLines(policy);
  assert.equal(lines.length, policy.replace(/\r\n?/g, '\n').split('\n').length);
  assert.equal(lines.map(l => l.map(t => t.text).join('')).join('\n'), policy.replace(/\t/g, '  '));
  const keys = lines
    .flat()
    .filter(t => t.type === 'key')
    .map(t => t.text);
  assert.ok(keys.includes('"Statement"') && keys.includes('"Effect"'));
});

test('JsonView renders only the visible lines, numbered, with problems marked at their line', () => {
  const lines = jsonLines(policy);
  const marks = problemMarks([
    {severity: 'warning', code: 'x', message: 'w', line: 4},
    {severity: 'error', code: 'y', message: 'e', line: 4},
    {severity: 'info', code: 'z', message: 'i'},
  ]);
  assert.equal(marks.get(4), 'error', 'the worst severity on a line wins');
  const r = render(view(lines, 2, 5, 60, marks));
  const frame = rows_(r.lastFrame());
  assert.equal(frame.length, 5);
  assert.match(frame[0]!, /^ +3 /);
  assert.match(frame[1]!, /^✖ +4 /);
  assert.ok(
    frame.every(l => l.length <= 60),
    'no line is wider than the viewport',
  );
  r.unmount();
});

test('long lines wrap onto continuation rows: nothing is cut, the number and mark stay on the first row', () => {
  const arn = 'arn:aws:iam::111122223333:role/a-role-with-a-name-long-enough-to-wrap';
  const lines = jsonLines(`{\n  "AWS": ["${arn}", "${arn}"]\n}`);
  const rows = jsonRows(lines, jsonTextWidth(40, lines.length));
  assert.ok(rows.length > 3);
  assert.equal(
    rows
      .filter(r => r.line === 2)
      .map(r => r.tokens.map(t => t.text).join(''))
      .join(''),
    `  "AWS": ["${arn}", "${arn}"]`,
  );
  assert.equal(rowOfLine(rows, 3), rows.length - 1);
  const r = render(view(lines, 0, rows.length, 40, new Map([[2, 'warning' as const]])));
  const frame = rows_(r.lastFrame());
  assert.match(frame[1]!, /^⚠ 2 +"AWS"/, 'the mark, a space, then the line number');
  assert.match(frame[2]!, /^ {4} {4}\S/, 'continuation rows have a blank gutter and sit under the content');
  assert.ok(frame.every(l => l.length <= 40));
  r.unmount();
});

test('JsonView colours tokens with the theme, and NO_COLOR leaves plain text', () => {
  const lines = jsonLines('{"Sid": "x", "n": 1, "b": true}');
  const colored = render(view(lines, 0, 1, 60));
  assert.match(colored.lastFrame() ?? '', new RegExp(`${ESC}\\[36m"Sid"`), 'keys in cyan');
  assert.match(colored.lastFrame() ?? '', new RegExp(`${ESC}\\[32m"x"`), 'strings in green');
  colored.unmount();
  const plain = render(
    <ThemeContext.Provider value={createTheme(true)}>{view(lines, 0, 1, 60)}</ThemeContext.Provider>,
  );
  assert.ok(!(plain.lastFrame() ?? '').includes(`${ESC}[3`), 'no foreground colour codes');
  plain.unmount();
});

test('a 32 KB policy: tokenised once, then each page turn renders just the viewport', () => {
  const statement = JSON.stringify(
    {
      Sid: 'S',
      Effect: 'Allow',
      Principal: {AWS: 'arn:aws:iam::111122223333:role/R'},
      Action: 'kms:Decrypt',
      Resource: '*',
    },
    null,
    2,
  );
  const big = `{\n"Version": "2012-10-17",\n"Statement": [\n${Array(200).fill(statement).join(',\n')}\n]}`;
  assert.ok(big.length > 30_000);
  const lines = jsonLines(big);
  const r = render(view(lines, 0, 40, 100));
  for (let warm = 1; warm <= 5; warm++) r.rerender(view(lines, warm * 7, 40, 100));
  // Scrolling re-renders the viewport only: time ten page turns through the 32 KB policy.
  const started = performance.now();
  for (let page = 1; page <= 10; page++) r.rerender(view(lines, page * 150, 40, 100));
  const perFrame = (performance.now() - started) / 10;
  assert.equal(rows_(r.lastFrame()).length, 40);
  assert.match(rows_(r.lastFrame())[0]!, /1501/);
  // A figure, not a timed assertion (shared machine, React's development build): see the report.
  console.log(`# 32 KB policy: ${perFrame.toFixed(1)} ms per page turn`);
  r.unmount();
});

test('hostile text in the policy is defused before it reaches the terminal', () => {
  const lines = jsonLines(`{"Sid": "x${ESC}]0;pwned\u0007"}`);
  const r = render(view(lines, 0, 1, 80));
  assert.ok(!(r.lastFrame() ?? '').includes(']0;pwned\u0007'));
  assert.match(r.lastFrame() ?? '', /␛/);
  r.unmount();
});

const unified = [
  '===================================================================',
  '--- current',
  '+++ upgraded',
  '@@ -1,3 +1,4 @@',
  ' "kms:Create*",',
  '+"kms:TagResource",',
  '-"kms:Old",',
  ' "kms:Describe*"',
  '',
].join('\n');

test('diff lines: additions green, removals red, headers coloured, banner dropped; they scroll in a LineView', () => {
  assert.deepEqual(diffTextLines(unified).slice(0, 2), ['--- current', '+++ upgraded']);
  const lines = diffViewLines(unified, createTheme(false));
  const r = render(<LineView lines={lines} top={0} height={10} width={60} />);
  const frame = r.lastFrame() ?? '';
  assert.match(frame, new RegExp(`${ESC}\\[32m\\+"kms:TagResource"`));
  assert.match(frame, new RegExp(`${ESC}\\[31m-"kms:Old"`));
  assert.ok(!frame.includes('====='));
  r.rerender(<LineView lines={lines} top={3} height={2} width={60} />);
  assert.deepEqual(rows_(r.lastFrame()), [' "kms:Create*",', '+"kms:TagResource",']);
  r.unmount();
});

test('wrapWords wraps at word boundaries, indents continuations and cuts words longer than a line', () => {
  assert.deepEqual(wrapWords('one two three four', 10, 2), ['one two', '  three', '  four']);
  const arn = 'arn:aws:iam::111122223333:role/a-very-long-role-name';
  const pieces = wrapWords(arn, 20);
  assert.equal(pieces.join(''), arn);
  assert.ok(pieces.every(p => p.length <= 20));
  const r = render(<LineView lines={pieces.map(text => [{text}])} top={1} height={2} width={20} />);
  assert.deepEqual(rows_(r.lastFrame()), pieces.slice(1, 3));
  r.unmount();
});

test('wrapping keeps tokens whole where they fit a row, never starts a row with a comma, and splits an ARN at / or :', () => {
  const actions = ['kms:Create*', 'kms:Describe*', 'kms:Enable*', 'kms:List*', 'kms:Put*', 'kms:DescribeKey'];
  const arn = 'arn:aws:iam::111122223333:role/service-role/team-a/a-role-name-that-wraps';
  const lines = jsonLines(
    `{\n    "Action" : [ ${actions.map(a => `"${a}"`).join(', ')} ],\n    "AWS" : "${arn}"\n}`,
  );
  const textWidth = 30;
  const rows = jsonRows(lines, textWidth);
  const texts = rows.map(r => ' '.repeat(r.indent) + r.tokens.map(t => t.text).join(''));
  for (const text of texts) assert.ok(text.length <= textWidth, `row wider than ${textWidth}: ${text}`);
  for (const action of actions)
    assert.ok(
      texts.some(t => t.includes(`"${action}"`)),
      `"${action}" is on one row, not cut`,
    );
  assert.ok(!texts.some(t => /^\s*,/.test(t)), 'no row starts with a comma');
  const arnRows = rows.filter(r => r.line === 3).map(r => r.tokens.map(t => t.text).join(''));
  assert.equal(arnRows.join(''), `    "AWS" : "${arn}"`, 'nothing is lost');
  for (const piece of arnRows.slice(0, -1)) assert.match(piece, /[/:]$/, `"${piece}" ends at a / or :`);
});

test('after scrolling into a wrapped line, the top row still shows its line number', () => {
  const arn = 'arn:aws:iam::111122223333:role/a-role-with-a-name-long-enough-to-wrap';
  const lines = jsonLines(`{\n  "AWS": ["${arn}", "${arn}"]\n}`);
  const rows = jsonRows(lines, jsonTextWidth(40, lines.length));
  const continuation = rows.findIndex(r => !r.first);
  assert.ok(continuation > 0);
  const r = render(view(lines, continuation, 3, 40));
  assert.match(rows_(r.lastFrame())[0]!, /^ {2}2 /, 'the first visible row names line 2');
  assert.match(rows_(r.lastFrame())[1]!, /^ {4}/, 'later continuation rows keep a blank gutter');
  r.unmount();
});

test('ScrollPane: keys that arrive in one read all count (PgDn×3, jjj), and g/G go to the ends', async () => {
  const lines = Array.from({length: 100}, (_, i) => [{text: `line ${i}`}]);
  const r = render(
    <KeyInputRouter>
      <ScrollPane lines={lines} height={10} width={20} />
    </KeyInputRouter>,
  );
  const top = () => rows_(r.lastFrame())[0];
  await press(r, KEY.pageDown.repeat(3));
  assert.equal(top(), 'line 27', 'three pages of nine rows');
  await press(r, 'jjj');
  assert.equal(top(), 'line 30');
  await press(r, KEY.down + KEY.down);
  assert.equal(top(), 'line 32');
  await press(r, 'G');
  assert.equal(top(), 'line 90');
  await press(r, 'g');
  assert.equal(top(), 'line 0');
  r.unmount();
});

test('a finding whose message already names its statement does not repeat the Sid', () => {
  const theme = createTheme(false);
  const text = (f: Finding) =>
    findingLines([f], 200, theme)[0]!
      .map(s => s.text)
      .join('');
  assert.equal(
    text({
      severity: 'warning',
      code: 'x',
      message: 'Statement "Admins" names a deleted principal.',
      sid: 'Admins',
    }),
    '⚠ Statement "Admins" names a deleted principal.',
  );
  assert.equal(
    text({severity: 'warning', code: 'x', message: 'A wildcard principal.', sid: 'Open'}),
    '⚠ A wildcard principal. (Open)',
  );
});
