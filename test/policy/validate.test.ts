import {test} from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {GROUP_REASON, hasErrors, printPolicy, validatePolicy} from '../../source/policy/index.js';
import type {Finding, PolicyStatement} from '../../source/policy/index.js';
import {fixtureText} from './helpers.js';

const codes = (findings: Finding[]) => findings.map(f => f.code);

function policyWith(...statements: PolicyStatement[]): string {
  return printPolicy({Version: '2012-10-17', Statement: statements});
}

const ok: PolicyStatement = {
  Sid: 'ok',
  Effect: 'Allow',
  Principal: {AWS: 'arn:aws:iam::111122223333:root'},
  Action: 'kms:*',
  Resource: '*',
};

test('every console and default fixture is valid', () => {
  for (const name of [
    'console-v1',
    'console-v2',
    'console-v3',
    'console-current',
    'key-default-1',
    'console-modified',
  ]) {
    assert.deepEqual(validatePolicy(fixtureText(name)), [], name);
  }
  assert.deepEqual(validatePolicy(fixtureText('aws-managed-auto-ebs-2')), []);
});

test('32,769 bytes is too large, and that is the only problem', () => {
  const findings = validatePolicy(fixtureText('too-large-32769'));
  assert.deepEqual(codes(findings), ['too-large']);
  assert.equal(findings[0]?.severity, 'error');
  assert.match(findings[0]?.message ?? '', /32,769 bytes/);
});

test('JSON errors become findings with a line', () => {
  const findings = validatePolicy('{\n"Version": "2012-10-17",\n"Statement": [}\n');
  assert.equal(findings[0]?.code, 'json');
  assert.equal(findings[0]?.line, 3);
  assert.ok(hasErrors(findings));
});

test('an IAM group principal is refused with the Developer Guide explanation', () => {
  const text = fixtureText('iam-group');
  const findings = validatePolicy(text);
  assert.deepEqual(codes(findings), ['iam-group']);
  const [group] = findings;
  assert.equal(group?.sid, 'Allow access for Key Administrators');
  assert.equal(group?.statementIndex, 1);
  // A principal's finding sits on that principal's own line (1-based), not the statement's "{".
  assert.equal(group?.line, text.split('\n').findIndex(l => l.includes(':group/KeyAdmins')) + 1);
  assert.ok(group?.message.includes(GROUP_REASON));
  assert.match(
    GROUP_REASON,
    /You cannot add IAM groups to a key policy, but you can add multiple IAM users and IAM roles/,
  );
});

test('a unique id (AROA…) is flagged as a deleted principal, as a warning', () => {
  const findings = validatePolicy(fixtureText('deleted-principal'));
  assert.deepEqual(codes(findings), ['deleted-principal', 'deleted-principal']);
  assert.ok(findings.every(f => f.severity === 'warning'));
  assert.deepEqual(
    findings.map(f => f.statementIndex),
    [2, 3],
  );
  // Each on the line that names the unique id, where the Policy tab puts its ⚠.
  const lines = fixtureText('deleted-principal').split('\n');
  for (const f of findings) assert.match(lines[f.line! - 1]!, /"A(RO|ID)A[0-9A-Z]+"/);
  assert.equal(hasErrors(findings), false);
});

test('statement shape: Effect, Principal, Action, Resource "*"', () => {
  const cases: [PolicyStatement, string][] = [
    [{...ok, Effect: 'allow'}, 'effect'],
    [{...ok, Principal: undefined}, 'principal'],
    [{...ok, NotPrincipal: {AWS: '*'}}, 'principal'],
    [{...ok, Action: undefined}, 'action'],
    [{...ok, NotAction: 'kms:Decrypt'}, 'action'],
    [{...ok, Resource: 'arn:aws:s3:::bucket'}, 'resource'],
    [{...ok, NotResource: '*'}, 'resource'],
    [{...ok, Principal: {AWS: 'arn:aws:iam::111122223333:robot/x'}}, 'principal'],
    [{...ok, Principal: {AWS: 'ec2.amazonaws.com'}}, 'principal'],
    [{...ok, Principal: {Service: 'not a service'}}, 'principal'],
    [{...ok, Condition: {Bool: 'true'} as never}, 'condition'],
    [{...ok, Extra: 1}, 'element'],
  ];
  for (const [statement, code] of cases) {
    const findings = validatePolicy(policyWith(statement));
    assert.ok(codes(findings).includes(code), `${JSON.stringify(statement)} → ${codes(findings).join(',')}`);
    assert.ok(hasErrors(findings));
  }
});

test('what KMS accepts without effect is a warning, not a refusal: no Resource, a key ARN in Resource', () => {
  for (const statement of [
    {...ok, Resource: undefined},
    {...ok, Resource: 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab'},
  ]) {
    const findings = validatePolicy(policyWith(statement));
    assert.deepEqual(
      findings.map(f => [f.code, f.severity]),
      [['resource', 'warning']],
    );
  }
});

test('every documented principal form is accepted', () => {
  const principals = [
    '111122223333',
    '*',
    'arn:aws:iam::111122223333:root',
    'arn:aws:iam::111122223333:user/Alice',
    'arn:aws:iam::111122223333:user/division/team/Bob',
    'arn:aws:iam::111122223333:role/Admin',
    'arn:aws:iam::111122223333:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling',
    'arn:aws:sts::111122223333:assumed-role/Admin/session-1',
    'arn:aws-cn:iam::111122223333:root',
    'arn:aws-us-gov:iam::111122223333:role/R',
  ];
  const findings = validatePolicy(
    policyWith(
      {...ok, Principal: {AWS: principals}},
      {...ok, Sid: 'svc', Principal: {Service: 'ec2.amazonaws.com'}},
    ),
  );
  assert.deepEqual(findings, []);
  assert.deepEqual(validatePolicy(policyWith({...ok, Principal: '*'})), []);
});

test('document rules: Version, Statement present and non-empty, duplicate Sids', () => {
  assert.deepEqual(codes(validatePolicy('{"Statement": []}')), ['version', 'statement']);
  assert.deepEqual(codes(validatePolicy('{"Version": "2012-10-17"}')), ['statement']);
  assert.deepEqual(
    codes(validatePolicy('{"Version": "2008-10-17", "Statement": [' + JSON.stringify(ok) + ']}')),
    ['version'],
  );
  const dup = validatePolicy(policyWith(ok, {...ok}));
  assert.deepEqual(codes(dup), ['duplicate-sid']);
  assert.equal(dup[0]?.statementIndex, 1);
  assert.equal(dup[0]?.sid, 'ok');
});

test('Sids may contain spaces; characters outside printable Latin-1 are errors with their line', () => {
  assert.deepEqual(validatePolicy(policyWith({...ok, Sid: 'Allow use of the key by café'})), []);
  const text = policyWith({...ok, Sid: 'emoji \u{1F511}'});
  const findings = validatePolicy(text);
  assert.deepEqual(codes(findings), ['invalid-character']);
  assert.equal(findings[0]?.line, text.split('\n').findIndex(l => l.includes('emoji')) + 1);
  assert.equal(findings[0]?.statementIndex, 0);
  assert.match(findings[0]?.message ?? '', /U\+1F511/);
});

test('a single statement object (not an array) is accepted', () => {
  assert.deepEqual(validatePolicy(JSON.stringify({Version: '2012-10-17', Statement: ok})), []);
});

test('property: validatePolicy never throws', () => {
  const statement = fc.record(
    {
      Sid: fc.oneof(fc.string(), fc.integer()),
      Effect: fc.constantFrom('Allow', 'Deny', 'x', 1),
      Principal: fc.oneof(
        fc.constant('*'),
        fc.record({AWS: fc.oneof(fc.string(), fc.array(fc.string()))}),
        fc.json(),
      ),
      Action: fc.oneof(fc.string(), fc.array(fc.string()), fc.integer()),
      Resource: fc.oneof(fc.constant('*'), fc.json()),
      Condition: fc.json(),
    },
    {requiredKeys: []},
  );
  const text = fc.oneof(
    fc.string(),
    fc.json(),
    fc.array(statement).map(s => JSON.stringify({Version: '2012-10-17', Statement: s})),
    statement.map(s => JSON.stringify({Statement: s})),
  );
  fc.assert(
    fc.property(text, t => {
      const findings = validatePolicy(t);
      assert.ok(Array.isArray(findings));
    }),
    {numRuns: 300},
  );
});
