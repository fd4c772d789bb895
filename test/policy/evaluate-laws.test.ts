// Laws of the evaluator, over policies built from a vocabulary that hits every branch: principals of
// every form (and several per statement), Action/NotAction wildcards, Principal/NotPrincipal,
// decidable and undecidable conditions, Resource "*", a key ARN or none.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  ANYONE,
  accountRoot,
  anyPrincipalOf,
  evaluate,
  lintPolicy,
  principal,
} from '../../source/policy/index.js';
import type {Decision, Json, PolicyDocument, PolicyStatement, Subject} from '../../source/policy/index.js';
import {ACCOUNT, OTHER_ACCOUNT, key, role, user} from './helpers.js';

const KEY_ARN = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const ctx = {accountId: ACCOUNT, keyArn: KEY_ARN};
const SESSION = 'arn:aws:sts::111122223333:assumed-role/Admin/alice';

const PRINCIPALS = [
  `arn:aws:iam::${ACCOUNT}:root`,
  ACCOUNT,
  role('Admin'),
  role('team/Admin'),
  user('Ops'),
  SESSION,
  role('Partner', OTHER_ACCOUNT),
  `arn:aws:iam::${OTHER_ACCOUNT}:root`,
  'AROAEXAMPLEEXAMPLE12',
  '*',
];
const ACTIONS = [
  'kms:*',
  '*',
  'kms:Put*',
  'kms:PutKeyPolicy',
  'kms:Decrypt',
  'kms:Get*',
  'kms:Schedule*',
  'KMS:DESCRIBEKEY',
];
const CONDITIONS: {[op: string]: {[key: string]: Json}}[] = [
  {StringEquals: {'kms:CallerAccount': ACCOUNT}},
  {StringEquals: {'kms:CallerAccount': OTHER_ACCOUNT}},
  {StringNotEquals: {'aws:PrincipalAccount': ACCOUNT}},
  {StringEquals: {'aws:PrincipalOrgID': 'o-exampleorgid'}},
  {StringNotEqualsIfExists: {'aws:PrincipalOrgID': 'o-exampleorgid'}},
  {ArnLike: {'aws:PrincipalArn': role('Admin')}},
  {ArnNotLike: {'aws:PrincipalArn': [role('Admin'), role('Break*')]}},
  {StringEquals: {'kms:ViaService': 's3.us-east-1.amazonaws.com', 'kms:CallerAccount': ACCOUNT}},
  {StringNotEquals: {'aws:SourceVpc': 'vpc-12345678'}},
  {Bool: {'aws:MultiFactorAuthPresent': 'true'}},
  {'ForAnyValue:StringLike': {'aws:PrincipalArn': ['arn:aws:iam::*:role/x']}},
];
/** Conditions no subject can decide: they depend on the organisation, network, MFA or service. */
const UNDECIDABLE = [3, 4, 8, 9].map(i => CONDITIONS[i] as {[op: string]: {[key: string]: Json}});

const list = <T>(arb: fc.Arbitrary<T>) => fc.array(arb, {minLength: 1, maxLength: 3});

const statement = (effect?: 'Allow' | 'Deny'): fc.Arbitrary<PolicyStatement> =>
  fc
    .record({
      effect: effect ? fc.constant(effect) : fc.constantFrom('Allow', 'Deny'),
      not: fc.boolean(),
      principals: list(fc.constantFrom(...PRINCIPALS)),
      notAction: fc.boolean(),
      actions: list(fc.constantFrom(...ACTIONS)),
      condition: fc.option(fc.constantFrom(...CONDITIONS), {nil: undefined}),
      resource: fc.constantFrom<Json | undefined>('*', ['*'], KEY_ARN, undefined),
    })
    .map(r => {
      const st: PolicyStatement = {Effect: r.effect};
      st[r.not && r.effect === 'Deny' ? 'NotPrincipal' : 'Principal'] = {AWS: r.principals};
      st[r.notAction ? 'NotAction' : 'Action'] = r.actions;
      if (r.resource !== undefined) st.Resource = r.resource as string | string[];
      if (r.condition) st.Condition = r.condition;
      return st;
    });

const doc = (statements: PolicyStatement[]): PolicyDocument => ({
  Version: '2012-10-17',
  Statement: statements,
});
const policyArb = fc.array(statement(), {minLength: 0, maxLength: 5}).map(doc);

const SUBJECTS: Subject[] = [
  principal(role('Admin')),
  principal(SESSION),
  principal(user('Ops')),
  principal(role('Partner', OTHER_ACCOUNT)),
  principal('AROAEXAMPLEEXAMPLE12'),
  anyPrincipalOf(ACCOUNT),
  anyPrincipalOf(OTHER_ACCOUNT),
  accountRoot(ACCOUNT),
  ANYONE,
];
const QUESTIONS = ['kms:PutKeyPolicy', 'kms:Decrypt', 'kms:ScheduleKeyDeletion', 'kms:DescribeKey'];

/** Access as an order: denied or not allowed < conditional < allowed. */
const rank = (d: Decision) => (d.verdict === 'allow' ? 2 : d.verdict === 'conditional' ? 1 : 0);

function eachAnswer(
  before: PolicyDocument,
  after: PolicyDocument,
  check: (b: Decision, a: Decision) => boolean,
) {
  for (const s of SUBJECTS)
    for (const action of QUESTIONS) {
      const b = evaluate(before, s, action, ctx);
      const a = evaluate(after, s, action, ctx);
      assert.ok(check(b, a), `${JSON.stringify(s)} ${action}: ${b.verdict} → ${a.verdict}`);
    }
}

const RUNS = {numRuns: 300};

test('law: adding an Allow never removes access', () => {
  fc.assert(
    fc.property(policyArb, statement('Allow'), fc.nat(), (policy, extra, at) => {
      const statements = [...policy.Statement];
      statements.splice(at % (statements.length + 1), 0, extra);
      eachAnswer(policy, doc(statements), (b, a) => rank(a) >= rank(b));
    }),
    RUNS,
  );
});

test('law: adding an unconditional Deny never adds access', () => {
  const deny = statement('Deny').map(st => {
    const {Condition: _, ...rest} = st;
    return rest as PolicyStatement;
  });
  fc.assert(
    fc.property(policyArb, deny, (policy, extra) => {
      eachAnswer(policy, doc([...policy.Statement, extra]), (b, a) => rank(a) <= rank(b));
    }),
    RUNS,
  );
});

test('law: an unconditional Deny of an action to everyone denies it to every principal', () => {
  fc.assert(
    fc.property(policyArb, fc.constantFrom(...QUESTIONS), (policy, action) => {
      const denied = doc([
        ...policy.Statement,
        {Effect: 'Deny', Principal: {AWS: '*'}, Action: action, Resource: '*'},
      ]);
      for (const s of SUBJECTS) assert.equal(evaluate(denied, s, action, ctx).verdict, 'deny');
    }),
    RUNS,
  );
});

test('law: a conditional Deny never produces a lockout error', () => {
  const conditionalDeny = fc
    .record({
      principals: list(fc.constantFrom(...PRINCIPALS)),
      actions: list(fc.constantFrom('kms:*', '*', 'kms:PutKeyPolicy', 'kms:Put*')),
      condition: fc.constantFrom(...UNDECIDABLE),
    })
    .map((r): PolicyStatement => ({
      Effect: 'Deny',
      Principal: {AWS: r.principals},
      Action: r.actions,
      Resource: '*',
      Condition: r.condition,
    }));
  const k = key({arn: KEY_ARN});
  fc.assert(
    fc.property(
      policyArb,
      conditionalDeny,
      fc.constantFrom(undefined, role('Admin'), SESSION, user('Ops')),
      fc.constantFrom<'live' | 'proposed'>('live', 'proposed'),
      (policy, deny, callerArn, mode) => {
        const lockouts = (d: PolicyDocument) =>
          lintPolicy(d, {key: k, mode, ...(callerArn ? {callerArn} : {})}).filter(f => f.code === 'lockout')
            .length;
        const before = lockouts(policy);
        const after = lockouts(doc([...policy.Statement, deny]));
        assert.ok(after <= before, `lockout errors ${before} → ${after}`);
      },
    ),
    RUNS,
  );
});
