import {test} from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {filterPrincipals, incrementalFilter, type IamPrincipal} from '../../source/policy/index.js';

// Small alphabets so that queries and names share letters and filters both match and miss.
const name = fc.stringMatching(/^[abcAB_-]{1,8}$/);
const principal = fc
  .record({
    type: fc.constantFrom('role' as const, 'user' as const),
    name,
    path: fc.constantFrom('/', '/app/', '/aws-service-role/'),
    id: fc.constant('AROAEXAMPLE'),
  })
  .map((p): IamPrincipal => ({...p, arn: `arn:aws:iam::111122223333:${p.type}${p.path}${p.name}`}));
// A field as typed: each step adds a letter (or a space) or takes the last one away.
const edits = fc.array(fc.oneof(fc.constantFrom('a', 'b', 'c', 'A', ' ', '/', 'r'), fc.constant('⌫')), {
  maxLength: 14,
});

test('the incremental filter gives filterPrincipals’ answer at every keystroke', () => {
  fc.assert(
    fc.property(fc.array(principal, {maxLength: 30}), edits, (list, keys) => {
      const filter = incrementalFilter<IamPrincipal>();
      let query = '';
      for (const key of keys) {
        query = key === '⌫' ? query.slice(0, -1) : query + key;
        assert.deepEqual(
          filter(list, query),
          filterPrincipals(list, query),
          `query ${JSON.stringify(query)}`,
        );
      }
    }),
  );
});

/** The filter as its definition says it, with no preparation or counting sort: the reference. */
function plainFilter(list: readonly IamPrincipal[], query: string): readonly IamPrincipal[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return list;
  const inOrder = (needle: string, text: string) => {
    let at = 0;
    for (const ch of needle) {
      at = text.indexOf(ch, at) + 1;
      if (at === 0) return false;
    }
    return true;
  };
  const score = (word: string, p: IamPrincipal): number => {
    const name = p.name.toLowerCase();
    if (name === word) return 5;
    if (name.startsWith(word)) return 4;
    if (name.includes(word)) return 3;
    if (`${p.path}${p.name} ${p.arn} ${p.type}`.toLowerCase().includes(word)) return 2;
    return inOrder(word, name) ? 1 : 0;
  };
  return list
    .map((p, i) => ({p, i, scores: words.map(w => score(w, p))}))
    .filter(r => r.scores.every(s => s > 0))
    .map(r => ({...r, total: r.scores.reduce((a, b) => a + b, 0)}))
    .sort((a, b) => b.total - a.total || a.i - b.i)
    .map(r => r.p);
}

test('filterPrincipals ranks as the plain definition does: exact, prefix, name, path/ARN, fuzzy; ties in list order', () => {
  fc.assert(
    fc.property(
      fc.array(principal, {maxLength: 40}),
      fc.stringMatching(/^[abcAB_ /r-]{0,6}$/),
      (list, query) => {
        assert.deepEqual(
          filterPrincipals(list, query),
          plainFilter(list, query),
          `query ${JSON.stringify(query)}`,
        );
      },
    ),
  );
});

test('narrowing searches only the previous matches; a new list starts afresh', () => {
  const list: IamPrincipal[] = ['payments', 'payroll', 'billing'].map(n => ({
    type: 'role',
    name: n,
    path: '/',
    arn: `arn:aws:iam::111122223333:role/${n}`,
    id: 'AROAEXAMPLE',
  }));
  const filter = incrementalFilter<IamPrincipal>();
  assert.deepEqual(
    filter(list, 'pay').map(p => p.name),
    ['payments', 'payroll'],
  );
  // A row the previous answer left out is not searched again, even if the list changed in place.
  list.push({...list[0]!, name: 'paymaster', arn: 'arn:aws:iam::111122223333:role/paymaster'});
  assert.deepEqual(
    filter(list, 'paym').map(p => p.name),
    ['payments'],
  );
  // Backspace returns the kept answer for the shorter query.
  const again = filter(list, 'pay');
  assert.equal(again, filter(list, 'pay'));
  const fresh = [...list];
  assert.deepEqual(
    filter(fresh, 'paym').map(p => p.name),
    ['payments', 'paymaster'],
  );
});
