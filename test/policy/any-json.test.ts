// Every function of the policy domain takes any JSON value without throwing (issue 10): KMS and the
// AWS CLI accept policies whose elements have unexpected types, and keypol must show them, not crash.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  accessModel,
  allowsPutKeyPolicy,
  applyAccessEdit,
  classifyPolicy,
  diffPolicies,
  explainPolicy,
  lockoutReport,
  lintPolicy,
  parsePolicy,
  planUpgrade,
  policiesEqual,
  printCanonical,
  printPolicy,
  putKeyPolicyHolders,
  validatePolicy,
  type AccessEdit,
  type Json,
  type PolicyDocument,
} from '../../source/policy/index.js';
import {ACCOUNT, KEYS, OTHER_ACCOUNT, fixture} from './helpers.js';

const RUNS = Number(process.env.KEYPOL_FUZZ_RUNS ?? 300);

/** A value of any JSON type, small, with the strings that matter to the domain mixed in. */
const wrongType: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(
    null,
    true,
    false,
    0,
    -1,
    1.5,
    '',
    '*',
    'kms:*',
    'Allow',
    'Deny',
    '2012-10-17',
    'key-consolepolicy-3',
    'auto-ebs',
    `arn:aws:iam::${ACCOUNT}:root`,
    ACCOUNT,
    OTHER_ACCOUNT,
    'Allow access for Key Administrators',
    'Allow use of the key',
    'Enable IAM User Permissions',
    [],
    {},
    ['*'],
    {AWS: '*'},
    {AWS: 5},
    {AWS: [null, `arn:aws:iam::${ACCOUNT}:role/Admin`]},
    {StringEquals: {'kms:CallerAccount': ACCOUNT}},
    {StringEquals: 'x'},
    {Bool: {'kms:GrantIsForAWSResource': true}},
    ['kms:PutKeyPolicy', 7],
    '__proto__',
  ),
  fc.jsonValue({maxDepth: 3}) as fc.Arbitrary<Json>,
);

const ELEMENTS = [
  'Sid',
  'Effect',
  'Principal',
  'NotPrincipal',
  'Action',
  'NotAction',
  'Resource',
  'Condition',
];

/** A statement-shaped object: known elements, each either right or of a wrong type. */
const statement: fc.Arbitrary<Json> = fc.oneof(
  fc.record(
    {
      Sid: fc.oneof(
        fc.constantFrom('Allow access for Key Administrators', 'Allow use of the key', 'x'),
        wrongType,
      ),
      Effect: fc.oneof(fc.constantFrom('Allow', 'Deny'), wrongType),
      Principal: fc.oneof(fc.constant({AWS: `arn:aws:iam::${ACCOUNT}:root`}), wrongType),
      NotPrincipal: wrongType,
      Action: fc.oneof(fc.constantFrom('kms:*', ['kms:PutKeyPolicy', 'kms:ScheduleKeyDeletion']), wrongType),
      NotAction: wrongType,
      Resource: fc.oneof(fc.constant('*'), wrongType),
      Condition: wrongType,
    } as never,
    {requiredKeys: []},
  ) as fc.Arbitrary<Json>,
  fc.dictionary(fc.constantFrom(...ELEMENTS, '__proto__', 'constructor'), wrongType) as fc.Arbitrary<Json>,
  wrongType,
);

const policyShaped: fc.Arbitrary<Json> = fc.record(
  {
    Version: fc.oneof(fc.constant('2012-10-17'), wrongType),
    Id: fc.oneof(fc.constantFrom('key-consolepolicy-3', 'key-default-1', 'auto-x'), wrongType),
    Statement: fc.oneof(fc.array(statement, {maxLength: 5}), statement, wrongType),
    toString: wrongType,
  },
  {requiredKeys: []},
) as fc.Arbitrary<Json>;

const FIXTURES = ['console-v1', 'console-v3', 'console-current', 'key-default-1', 'aws-managed-auto-ebs-2'];

/** A real policy with one element (top level or in a statement) replaced by a value of the wrong type. */
const mutatedFixture: fc.Arbitrary<Json> = fc
  .record({
    name: fc.constantFrom(...FIXTURES),
    statement: fc.nat({max: 5}),
    element: fc.constantFrom(...ELEMENTS, 'Version', 'Id', 'Statement'),
    value: wrongType,
  })
  .map(({name, statement, element, value}) => {
    const doc = structuredClone(fixture(name)) as unknown as {[key: string]: Json};
    const list = doc.Statement as {[key: string]: Json}[];
    const target = ['Version', 'Id', 'Statement'].includes(element) ? doc : list[statement % list.length];
    if (target) target[element] = value;
    return doc as Json;
  });

/** A document as the text reader would give it, from any JSON value at all. */
const anyDocument = fc
  .oneof(policyShaped, mutatedFixture, fc.jsonValue({maxDepth: 4}) as fc.Arbitrary<Json>)
  .map(value => JSON.stringify(value));

const keys = fc.constantFrom(...Object.values(KEYS), {...KEYS.symmetric, keyManager: 'AWS' as const});

const edit: fc.Arbitrary<AccessEdit> = fc.oneof(
  fc.record({
    op: fc.constantFrom('add' as const, 'remove' as const),
    role: fc.constantFrom('administrator' as const, 'user' as const, 'account' as const),
    principal: fc.constantFrom(
      `arn:aws:iam::${ACCOUNT}:role/Admin`,
      `arn:aws:iam::${ACCOUNT}:root`,
      OTHER_ACCOUNT,
      '*',
      '',
    ),
  }),
  fc.record({op: fc.constant('set-deletion' as const), allow: fc.boolean()}),
);

/** Everything a caller does with a document, in the order the commands and screens do it. */
function everything(
  text: string,
  key: (typeof KEYS)['symmetric'],
  edits: AccessEdit[],
  other: PolicyDocument,
) {
  validatePolicy(text);
  const parsed = parsePolicy(text);
  if (!parsed.ok) return;
  const doc = parsed.document;
  classifyPolicy(doc, key);
  accessModel(doc, key);
  lintPolicy(doc, {key, text, callerArn: `arn:aws:iam::${ACCOUNT}:role/Admin`});
  lintPolicy(doc, {key});
  explainPolicy(doc, key);
  planUpgrade(doc, key);
  planUpgrade(doc, key, {allowDeletion: false});
  allowsPutKeyPolicy(doc, `arn:aws:sts::${ACCOUNT}:assumed-role/Admin/s`, ACCOUNT);
  putKeyPolicyHolders(doc, ACCOUNT);
  lockoutReport(doc, key);
  lintPolicy(doc, {key, mode: 'live', callerArn: `arn:aws:iam::${ACCOUNT}:role/Admin`});
  printPolicy(doc);
  printCanonical(doc);
  policiesEqual(doc, other);
  diffPolicies(doc, other);
  diffPolicies(other, doc);
  let current = doc;
  for (const e of edits) {
    const result = applyAccessEdit(current, e, key);
    if (result.ok) current = result.document;
  }
  diffPolicies(doc, current);
}

test('the whole domain takes any JSON document without throwing', () => {
  const other = fixture('console-current');
  fc.assert(
    fc.property(anyDocument, keys, fc.array(edit, {maxLength: 3}), (text, key, edits) => {
      try {
        everything(text, key, edits, other);
      } catch (error) {
        // The stack names the function that threw; fast-check's report alone does not.
        throw new Error(`${(error as Error).stack?.split('\n').slice(0, 4).join(' | ')}`);
      }
    }),
    {numRuns: RUNS, seed: Number(process.env.KEYPOL_FUZZ_SEED ?? 10), includeErrorInReport: true},
  );
});

test('two arbitrary documents diff without throwing', () => {
  fc.assert(
    fc.property(anyDocument, anyDocument, (a, b) => {
      const [pa, pb] = [parsePolicy(a), parsePolicy(b)];
      if (pa.ok && pb.ok) diffPolicies(pa.document, pb.document);
    }),
    {numRuns: RUNS, seed: Number(process.env.KEYPOL_FUZZ_SEED ?? 10), includeErrorInReport: true},
  );
});

test('a non-string Id is shown, not a crash (n?.startsWith is not a function)', () => {
  const text = JSON.stringify({
    Version: '2012-10-17',
    Id: 5,
    Statement: [
      {Effect: 'Allow', Principal: {AWS: `arn:aws:iam::${ACCOUNT}:root`}, Action: 'kms:*', Resource: '*'},
    ],
  });
  const parsed = parsePolicy(text);
  assert.ok(parsed.ok);
  assert.equal(classifyPolicy(parsed.document, KEYS.symmetric).kind, 'custom');
  assert.ok(explainPolicy(parsed.document, KEYS.symmetric).length > 0);
});
