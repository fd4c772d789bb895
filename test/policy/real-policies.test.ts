// keypol's reading of real key policies against an expert's, expectation by expectation.
// Prints the agreement (fixtures, expectations, agreeing) so the figure can be quoted.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {documentOf, findingCodes, readingOf, realPolicies} from './real-policies-helpers.js';

const policies = realPolicies();

test('the fixture set: 20+ real policies, each with its source and an expected reading', () => {
  assert.ok(policies.length >= 20, `${policies.length} fixtures`);
  for (const p of policies) {
    assert.ok(p.source.length > 10, `${p.name} names its source`);
    assert.ok(p.expected, `${p.name} has an expected reading`);
  }
});

test('keypol reads every real policy as the expert does', () => {
  const disagreements: string[] = [];
  let expectations = 0;
  for (const p of policies) {
    const doc = documentOf(p);
    if ('notJson' in p.expected) {
      expectations += 2;
      if (doc) disagreements.push(`${p.name}: parsed, expected not JSON`);
      const codes = findingCodes(p, doc);
      if (JSON.stringify(codes) !== JSON.stringify(p.expected.findings))
        disagreements.push(`${p.name}: findings ${codes.join(',')} ≠ ${p.expected.findings.join(',')}`);
      continue;
    }
    if (!doc) {
      disagreements.push(`${p.name}: does not parse`);
      continue;
    }
    const actual = readingOf(p, doc);
    for (const [field, want] of Object.entries(p.expected)) {
      expectations += 1;
      const got = actual[field as keyof typeof actual];
      if (JSON.stringify(got) !== JSON.stringify(want))
        disagreements.push(
          `${p.name} ${field}: keypol ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`,
        );
    }
  }
  console.log(
    `real policies: ${policies.length} fixtures, ${expectations} expectations, ${expectations - disagreements.length} agree`,
  );
  assert.deepEqual(disagreements, []);
});
