// keypol grants against the sandbox over HTTP: a grant made by the real AWS CLI shows up in
// `keypol grants --json`; every grant finding fires on the demo key made for it and on no clean key.
import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {withSandbox} from '../helpers/sandbox.js';
import {createGrantWithAwsCli} from '../helpers/aws-cli.js';
import {fileCliSandbox, runKeypol} from '../helpers/cli.js';

const {f, target} = fileCliSandbox();

interface GrantsJson {
  keyId: string;
  grants: {
    grantId: string;
    name: string | null;
    grantee: string;
    operations: string[];
    constraints: unknown;
  }[];
  findings: {severity: string; code: string; message: string; grantIds: string[]}[];
}

async function grantsJson(ref: string): Promise<GrantsJson> {
  const {code, stdout, stderr} = await runKeypol(target, ['grants', ref, '--json']);
  assert.equal(code, 0, stderr);
  return JSON.parse(stdout) as GrantsJson;
}

describe('keypol grants', () => {
  it('shows a grant made with the AWS CLI, grantee by name, constraints as given', async t => {
    const key = await f.gateway.describeKey('alias/console-v2');
    const grantId = await createGrantWithAwsCli(t, target, key.keyId, 'from-aws-cli');
    if (!grantId) return;
    const out = await grantsJson('alias/console-v2');
    const grant = out.grants.find(g => g.grantId === grantId);
    assert.ok(grant, 'the CLI’s grant is listed');
    assert.equal(grant.name, 'from-aws-cli');
    assert.equal(grant.grantee, 'role/AppServer');
    assert.deepEqual(grant.operations, ['Decrypt', 'Encrypt']);
    assert.deepEqual(grant.constraints, {encryptionContextSubset: {app: 'cli-test'}});
    const text = await runKeypol(target, ['grants', 'alias/console-v2']);
    assert.match(text.stdout, new RegExp(`${grantId.slice(0, 12)}\\s+from-aws-cli\\s+role/AppServer`));
  });

  it('lists all 2,000 grants of alias/many-grants and finds nothing wrong with them', async () => {
    const out = await grantsJson('alias/many-grants');
    assert.equal(out.grants.length, 2000);
    assert.deepEqual(out.findings, []);
    assert.match(out.grants[0]?.grantee ?? '', /^Amazon EBS\/EC2 for instance i-0/);
  });

  it('counts 2,000 grants with a thousands separator for people, as a plain number in --json', async () => {
    const text = await runKeypol(target, ['grants', 'alias/many-grants']);
    assert.match(text.stdout, /^Grants on .*: 2,000$/m);
    const shown = await runKeypol(target, ['show', 'alias/many-grants']);
    assert.match(shown.stdout, /^ {2}2,000 \(keypol grants /m);
    const json = await runKeypol(target, ['show', 'alias/many-grants', '--json']);
    assert.equal((JSON.parse(json.stdout) as {grants: {count: number}}).grants.count, 2000);
    assert.ok(!json.stdout.includes('2,000'), 'no grouped number in --json');
  });
});

describe('grant findings on the demo keys', () => {
  const codes = async (alias: string) => (await grantsJson(alias)).findings.map(x => x.code).sort();

  it('each fires on the key made for it', async () => {
    assert.deepEqual(await codes('alias/shared-grants'), [
      'grant-deleted-grantee',
      'grant-duplicate',
      'grant-other-account',
      'grant-redelegation',
      'grant-unconstrained',
    ]);
    const limit = await grantsJson('alias/grant-limit');
    assert.equal(limit.grants.length, 45_500);
    assert.deepEqual(
      limit.findings.map(x => x.code),
      ['grant-limit'],
    );
    assert.match(limit.findings[0]?.message ?? '', /45,500 grants; KMS allows 50,000/);
  });

  it('each names its grants and says what to do next', async () => {
    const out = await grantsJson('alias/shared-grants');
    const byCode = new Map(out.findings.map(x => [x.code, x]));
    const named = (code: string) => {
      const found = byCode.get(code);
      assert.ok(found, code);
      return found;
    };
    assert.match(named('grant-deleted-grantee').message, /AROA5EXAMPLEDELETED7Q.*Revoke it\./);
    assert.match(named('grant-other-account').message, /444455556666.*revoke the grant if not\./);
    assert.match(named('grant-unconstrained').message, /role\/Batch.*no encryption-context constraint/);
    assert.match(named('grant-redelegation').message, /CreateGrant.*without CreateGrant\./);
    const duplicate = named('grant-duplicate');
    assert.equal(duplicate.grantIds.length, 3);
    assert.match(duplicate.message, /Keep the oldest.*revoke the other 2\./);
    for (const x of out.findings) {
      for (const id of x.grantIds)
        assert.ok(
          out.grants.some(g => g.grantId === id),
          `${x.code} names ${id}`,
        );
    }
  });

  it('none fires on the clean EBS key', async () => {
    const out = await grantsJson('alias/ebs-data');
    assert.equal(out.grants.length, 5);
    assert.deepEqual(out.findings, []);
  });
});

describe('keypol show: grants, rotation, tags, who can use the key', () => {
  it('--json carries them, with the grant findings', async () => {
    const {code, stdout, stderr} = await runKeypol(target, ['show', 'alias/shared-grants', '--json']);
    assert.equal(code, 0, stderr);
    const shown = JSON.parse(stdout) as {
      grants: {count: number; findings: {code: string}[]};
      rotation: {enabled: boolean} | null;
      tags: unknown[];
      whoCanUse: {
        policy: {name: string; role: string}[];
        grantees: {name: string; operations: string[]}[];
        iamPolicies: string;
        iamSentence: string;
      };
    };
    assert.equal(shown.grants.count, 7);
    assert.ok(shown.grants.findings.some(x => x.code === 'grant-redelegation'));
    assert.deepEqual(shown.rotation && {enabled: shown.rotation.enabled}, {enabled: false});
    assert.deepEqual(shown.tags, []);
    assert.ok(shown.whoCanUse.policy.some(p => p.name === 'role/KeyAdmin' && p.role === 'administrator'));
    const partner = shown.whoCanUse.grantees.find(
      g => g.name === 'role/DataExchange in account 444455556666',
    );
    assert.deepEqual(partner?.operations, ['Encrypt', 'GenerateDataKey']);
    assert.equal(shown.whoCanUse.iamPolicies, 'all');
    assert.match(shown.whoCanUse.iamSentence, /^Yes: IAM policies in account 111122223333/);
    const text = await runKeypol(target, ['show', 'alias/console-v3']);
    assert.match(text.stdout, /Who can use this key\n/);
    assert.match(text.stdout, /Rotation\n {2}automatic, every 365 days; next \d{4}-\d\d-\d\d/);
    assert.match(text.stdout, /Tags\n {2}team = orders/);
  });

  it('a refused ListGrants is said in place; the rest still shows', async t => {
    const denied = await withSandbox({faults: {deny: ['ListGrants']}});
    t.after(denied.cleanup);
    const where = {endpoint: denied.sandbox.endpoint, stateDir: denied.stateDir};
    const {code, stdout, stderr} = await runKeypol(where, ['show', 'alias/shared-grants', '--json']);
    assert.equal(code, 0, stderr);
    const shown = JSON.parse(stdout) as {
      grants: {error: string};
      whoCanUse: {grantees: {error: string}};
      rotation: unknown;
    };
    assert.deepEqual(shown.grants, {error: 'not permitted: kms:ListGrants'});
    assert.deepEqual(shown.whoCanUse.grantees, {error: 'not permitted: kms:ListGrants'});
    assert.notEqual(shown.rotation, undefined);
    const list = await runKeypol(where, ['grants', 'alias/shared-grants']);
    assert.equal(list.code, 1);
    assert.match(list.stderr, /kms:ListGrants/);
  });
});
