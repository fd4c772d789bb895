// The explanation, the access view and the lockout check never disagree about the same principal:
// run all three over every fixture (real and built) and compare what each says about each one.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readdirSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {
  accessModel,
  evaluate,
  evalContext,
  explainPolicy,
  lintPolicy,
  lockoutReport,
  mayDo,
  parsePrincipal,
  principal,
  type KeyInfo,
  type PolicyDocument,
} from '../../source/policy/index.js';
import {KEYS, fixture, key} from './helpers.js';
import {documentOf, realPolicies} from './real-policies-helpers.js';

interface Case {
  name: string;
  doc: PolicyDocument;
  key: KeyInfo;
}

function cases(): Case[] {
  const real = realPolicies().flatMap(p => {
    const doc = documentOf(p);
    return doc ? [{name: p.name, doc, key: p.key}] : [];
  });
  const built = readdirSync(fileURLToPath(new URL('../fixtures/policies/', import.meta.url)))
    .filter(f => f.endsWith('.json'))
    .map(f => f.replace(/\.json$/, ''))
    .map(name => ({
      name,
      doc: fixture(name),
      key: name.startsWith('aws-managed') ? key({keyManager: 'AWS'}) : KEYS.symmetric,
    }));
  return [...real, ...built];
}

/** Every IAM principal a policy names (users, roles, sessions) in the key's account. */
function namedPrincipals(doc: PolicyDocument, accountId: string): string[] {
  const values = JSON.stringify(doc.Statement).match(/arn:aws[\w-]*:(iam|sts)::\d{12}:[^"]+/g) ?? [];
  return [...new Set(values)].filter(v => {
    const ref = parsePrincipal(v, accountId);
    return ['user', 'role', 'assumed-role'].includes(ref.kind) && ref.accountId === accountId;
  });
}

test('explanation, access view and lockout check agree about every principal of every fixture', () => {
  const problems: string[] = [];
  let checks = 0;
  const check = (ok: boolean, what: string) => {
    checks += 1;
    if (!ok) problems.push(what);
  };
  for (const {name, doc, key: k} of cases()) {
    const model = accessModel(doc, k);
    const report = lockoutReport(doc, k);
    const explanation = explainPolicy(doc, k);
    const managed = k.keyManager === 'AWS';
    const changeLine =
      explanation.find(l => l.startsWith('Who can change') || l.startsWith('Nobody can change')) ?? '';
    const adminLine =
      explanation.find(l => /^(Key administrators|No key administrators|No principal named)/.test(l)) ?? '';
    const live = lintPolicy(doc, {key: k, mode: 'live'});

    check(
      JSON.stringify(model.canChange) === JSON.stringify(report.holders),
      `${name}: access.canChange ≠ lockout holders`,
    );
    check(
      live.some(f => f.code === 'lockout' && f.severity === 'error') ===
        (report.state === 'locked' && !managed),
      `${name}: lint lockout error ≠ lockout state ${report.state}`,
    );
    check(
      changeLine.startsWith('Nobody can change') === (report.state === 'locked' && !managed),
      `${name}: explanation "${changeLine}" ≠ lockout state ${report.state}`,
    );
    for (const admin of model.administrators)
      check(adminLine.includes(admin.name), `${name}: explanation omits administrator ${admin.name}`);
    if (model.administrators.length === 0)
      check(
        /^No (key administrators|principal named)/.test(adminLine),
        `${name}: explanation names administrators the view has not`,
      );
    for (const holder of report.holders) {
      if (holder.kind === 'account' && holder.accountId === k.accountId) {
        check(changeLine.includes('whose IAM policies allow'), `${name}: explanation omits the IAM route`);
        continue;
      }
      check(
        managed || changeLine.includes(holder.name),
        `${name}: explanation omits ${holder.name} among who can change`,
      );
      check(
        model.administrators.some(a => a.value === holder.value && a.name === holder.name),
        `${name}: ${holder.name} can change the policy but is no administrator`,
      );
    }

    const ctx = evalContext(k);
    for (const p of namedPrincipals(doc, k.accountId)) {
      const put = evaluate(doc, principal(p), 'kms:PutKeyPolicy', ctx);
      const del = evaluate(doc, principal(p), 'kms:ScheduleKeyDeletion', ctx);
      const ref = parsePrincipal(p, k.accountId);
      const inChange = report.holders.some(h => h.value === p);
      const inAdmins = model.administrators.some(a => a.value === p);
      check(
        inChange === mayDo(put.direct),
        `${name} ${ref.name}: lockout holder ${inChange}, evaluator ${put.direct.verdict}`,
      );
      check(
        inAdmins === (mayDo(put.direct) || mayDo(del.direct)),
        `${name} ${ref.name}: administrator ${inAdmins}, evaluator put ${put.direct.verdict} / delete ${del.direct.verdict}`,
      );
      if (managed) continue;
      const proposed = lintPolicy(doc, {key: k, callerArn: p});
      const refused = proposed.some(f => f.code === 'lockout' && f.severity === 'error');
      const lost = put.verdict === 'deny' || put.verdict === 'not-allowed' || report.state === 'locked';
      check(
        refused === lost,
        `${name} ${ref.name}: lockout error ${refused}, evaluator ${put.verdict}, state ${report.state}`,
      );
    }
  }
  console.log(
    `agreement: ${checks} checks over ${cases().length} policies, ${checks - problems.length} agree`,
  );
  assert.deepEqual(problems, []);
});
