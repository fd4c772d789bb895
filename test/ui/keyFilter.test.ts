import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {KeyDetails, KeySummary} from '../../source/aws/types.js';
import {buildRow, type Badge} from '../../source/ui/keyRows.js';
import {keyDetails} from './fixtures.js';
import {analyseFilter, filterNotes, filterRows, parseFilter} from '../../source/ui/keyFilter.js';
import {nextSort, sortRows, SORT_ORDER} from '../../source/ui/keySort.js';

function key(id: string, alias: string | undefined, extra: Partial<KeyDetails> = {}, badge?: Badge) {
  const summary: KeySummary = {
    keyId: id,
    arn: `arn:aws:kms:us-east-1:111122223333:key/${id}`,
    aliases: alias ? [`alias/${alias}`] : [],
  };
  return buildRow(summary, keyDetails(id, {...summary, ...extra}), badge);
}

const rows = [
  key('1111aaaa', 'payments', {description: 'Card data at rest'}, {label: 'outdated v2', tone: 'outdated'}),
  key('2222bbbb', 'logs', {state: 'Disabled'}, {label: 'current', tone: 'current'}),
  key(
    '3333cccc',
    'mac-signer',
    {keySpec: 'HMAC_256', keyUsage: 'GENERATE_VERIFY_MAC'},
    {label: 'custom', tone: 'custom'},
  ),
  key('4444dddd', undefined, {description: 'orphan PAYMENTS backup'}),
];
const ids = (list: readonly {keyId: string}[]) => list.map(r => r.keyId);

test('a bare word matches alias, key id or description, ignoring case', () => {
  assert.deepEqual(ids(filterRows(rows, 'payments')), ['1111aaaa', '4444dddd']);
  assert.deepEqual(ids(filterRows(rows, '2222')), ['2222bbbb']);
  assert.deepEqual(ids(filterRows(rows, 'CARD')), ['1111aaaa']);
});

test('col:value matches one column; terms combine with AND', () => {
  assert.deepEqual(ids(filterRows(rows, 'state:disabled')), ['2222bbbb']);
  assert.deepEqual(ids(filterRows(rows, 'badge:outdated')), ['1111aaaa']);
  assert.deepEqual(ids(filterRows(rows, 'spec:hmac')), ['3333cccc']);
  assert.deepEqual(ids(filterRows(rows, 'usage:mac alias:signer')), ['3333cccc']);
  assert.deepEqual(ids(filterRows(rows, 'payments state:disabled')), []);
});

test('quotes keep spaces; unknown prefixes and half-typed terms are plain words', () => {
  assert.deepEqual(ids(filterRows(rows, 'desc:"card data"')), ['1111aaaa']);
  assert.deepEqual(parseFilter('arn:aws:kms'), [{column: 'any', value: 'arn:aws:kms'}]);
  assert.deepEqual(parseFilter('state:'), []);
  assert.equal(filterRows(rows, '  '), rows, 'an empty filter returns the same array (no copy)');
});

test('descriptions are matched after sanitising: escape bytes never reach the haystack', () => {
  const hostile = key('5555eeee', 'evil', {description: 'x\u001b]0;pwned\u0007y'});
  assert.ok(!hostile.cells.description.includes('\u001b'));
  assert.ok(!hostile.search.desc.includes('\u001b'));
});

test('sorting: empty values last, ties by key id; s cycles through every column', () => {
  assert.deepEqual(ids(sortRows(rows, 'alias')), ['2222bbbb', '3333cccc', '1111aaaa', '4444dddd']);
  assert.deepEqual(ids(sortRows(rows, 'state')), ['2222bbbb', '1111aaaa', '3333cccc', '4444dddd']);
  assert.deepEqual(ids(sortRows(rows, 'badge')), ['2222bbbb', '3333cccc', '1111aaaa', '4444dddd']);
  let column = SORT_ORDER[0]!;
  const seen = new Set([column]);
  for (let i = 1; i < SORT_ORDER.length; i++) seen.add((column = nextSort(column)));
  assert.equal(seen.size, SORT_ORDER.length);
  assert.equal(nextSort(column), SORT_ORDER[0]);
});

// How fast is the benchmark's question (bench/tui-10k.ts), not a timed test's.
test('10,000 rows: each narrowing filter finds exactly its keys', () => {
  const many = Array.from({length: 10_000}, (_, i) =>
    key(`${i.toString(16).padStart(8, '0')}-0000`, `app-${i}`, {description: `generated key ${i}`}),
  );
  assert.equal(filterRows(many, 'app-').length, 10_000);
  assert.equal(filterRows(many, 'app-99').length, 111); // 99, 990–999, 9900–9999
  assert.equal(filterRows(many, 'app-999').length, 11);
  assert.equal(filterRows(many, 'app-9999').length, 1);
});

test('any identifier the AWS CLI prints finds its key: key ARN, alias ARN, key id, alias name', () => {
  const arn = 'arn:aws:kms:us-east-1:111122223333:key/3333cccc';
  assert.deepEqual(ids(filterRows(rows, arn)), ['3333cccc']);
  assert.deepEqual(ids(filterRows(rows, `"${arn}",`)), ['3333cccc'], 'as --output json quotes it');
  assert.deepEqual(ids(filterRows(rows, 'arn:aws:kms:us-east-1:111122223333:alias/logs')), ['2222bbbb']);
  assert.deepEqual(ids(filterRows(rows, '1111aaaa')), ['1111aaaa']);
  assert.deepEqual(ids(filterRows(rows, 'alias/mac-signer')), ['3333cccc']);
  // An ARN names one key exactly: alias/pay is not alias/payments.
  assert.deepEqual(ids(filterRows(rows, 'arn:aws:kms:us-east-1:111122223333:alias/pay')), []);
  assert.deepEqual(analyseFilter(arn).unknownColumns, [], '`arn:` is not taken for a column');
});

test('the filter says what it cannot do: an unknown column, an ARN of another Region, values still loading', () => {
  const done = {total: 4, described: 4, classified: 4};
  assert.match(filterNotes('foo:bar', 'us-east-1', done).join('\n'), /"foo:" is not a column/);
  assert.deepEqual(filterNotes('state:disabled', 'us-east-1', done), []);
  assert.match(
    filterNotes('arn:aws:kms:eu-west-1:111122223333:key/x', 'us-east-1', done).join('\n'),
    /That ARN is in eu-west-1; this list is us-east-1/,
  );
  assert.match(
    filterNotes('badge:outdated', 'us-east-1', {total: 30, described: 30, classified: 12}).join('\n'),
    /Still loading: policies known for 12 of 30 keys/,
  );
  assert.deepEqual(filterNotes('badge:outdated', 'us-east-1', done), []);
});
