// Other writers around keypol's put. KMS has no conditional put, so what can be detected is:
// a writer before keypol's last re-read (conflict, nothing written) and a writer after its put
// (conflict, keypol's version kept as a backup). Two keypol processes are serialised by the lock.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {KMSClient, PutKeyPolicyCommand} from '@aws-sdk/client-kms';
import {createKmsGateway} from '../../source/aws/gateway.js';
import type {WritePoint} from '../../source/aws/write-path.js';
import {SANDBOX_CREDENTIALS} from '../../source/sandbox/index.js';
import {readAudit} from '../../source/store/audit.js';
import type {PolicyDocument} from '../../source/policy/index.js';
import {withSandbox, type SandboxFixture} from '../helpers/sandbox.js';
import {runBuiltCli, type CliTarget} from '../helpers/cli.js';

const ALIAS = 'alias/console-v3';

// Roles the sandbox account has (PutKeyPolicy refuses principals that do not exist).
const ROLE_OF = {Theirs: 'Reporting', Ours: 'Editor'} as const;

function withStatement(text: string, sid: keyof typeof ROLE_OF): string {
  const doc = JSON.parse(text) as PolicyDocument;
  doc.Statement.push({
    Sid: sid,
    Effect: 'Allow',
    Principal: {AWS: `arn:aws:iam::111122223333:role/${ROLE_OF[sid]}`},
    Action: 'kms:DescribeKey',
    Resource: '*',
  });
  return JSON.stringify(doc, null, 2);
}

/** A gateway whose write path lets another tool (the raw SDK) put a policy at `point`. */
async function racedWrite(f: SandboxFixture, point: WritePoint) {
  const other = new KMSClient({
    region: 'us-east-1',
    endpoint: f.sandbox.endpoint,
    credentials: {...SANDBOX_CREDENTIALS},
  });
  const gateway = createKmsGateway({
    region: 'us-east-1',
    endpoint: f.sandbox.endpoint,
    credentials: {...SANDBOX_CREDENTIALS},
    stateDir: f.stateDir,
    verifyDelayMs: 20,
    writeHooks: {
      async at(reached) {
        if (reached !== point) return;
        const current = await gateway.getPolicy(key.arn);
        await other.send(
          new PutKeyPolicyCommand({KeyId: key.arn, Policy: withStatement(current.text, 'Theirs')}),
        );
      },
    },
  });
  const key = await gateway.describeKey(ALIAS);
  const before = await gateway.getPolicy(key.arn);
  const outcome = await gateway.writePolicy({
    key,
    before,
    afterText: withStatement(before.text, 'Ours'),
    reason: 'raw-edit',
  });
  const after = (await gateway.getPolicy(key.arn)).text;
  const {backups} = await gateway.history(key.arn);
  gateway.close();
  other.destroy();
  return {outcome, before, after, backups};
}

test("another writer between keypol's re-read and its put: a conflict, nothing written over", async t => {
  const f = await withSandbox();
  t.after(f.cleanup);
  const {outcome, before, after, backups} = await racedWrite(f, 'after-backup');
  assert.equal(!outcome.ok && outcome.refusal, 'conflict');
  assert.equal(!outcome.ok && outcome.applied, false);
  assert.match(after, /role\/Reporting/, 'their change stands');
  assert.doesNotMatch(after, /role\/Editor/);
  // The policy they wrote over is kept; so is theirs (it is live).
  assert.deepEqual(
    backups.map(b => [b.text, b.applied]),
    [[before.text, false]],
  );
  assert.equal((await readAudit(f.stateDir)).at(-1)?.result, 'conflict');
});

test("another writer right after keypol's put: a conflict; keypol's version is kept as a backup", async t => {
  const f = await withSandbox();
  t.after(f.cleanup);
  const {outcome, before, after, backups} = await racedWrite(f, 'after-verify');
  assert.equal(!outcome.ok && outcome.refusal, 'conflict');
  assert.equal(!outcome.ok && outcome.applied, true);
  assert.match(!outcome.ok ? outcome.message : '', /CloudTrail/);
  assert.match(after, /role\/Reporting/);
  assert.deepEqual(
    backups.map(b => b.reason),
    ['conflict', 'raw-edit'],
  );
  assert.match(backups[0]?.text ?? '', /role\/Editor/, 'the version written over');
  assert.equal(backups[1]?.text, before.text);
});

// KEYPOL_RACE_RUNS=60 for a longer run on demand.
const RUNS = Number(process.env.KEYPOL_RACE_RUNS ?? 10);

test(`two keypol processes on one key, ${RUNS} times: never both report success for a lost change`, async t => {
  const f = await withSandbox();
  t.after(f.cleanup);
  const target: CliTarget = {endpoint: f.sandbox.endpoint, stateDir: f.stateDir};
  const key = await f.gateway.describeKey(ALIAS);
  const tally = {both: 0, one: 0};
  for (let run = 0; run < RUNS; run++) {
    // Two roles the sandbox account has (PutKeyPolicy refuses principals that do not exist).
    const worker = (n: number) => `service/batch-worker-${String(n).padStart(4, '0')}`;
    const roles = [worker(2 * run + 1), worker(2 * run + 2)];
    const results = await Promise.all(
      roles.map(role =>
        runBuiltCli(target, [
          'grant-access',
          ALIAS,
          '--user',
          `arn:aws:iam::111122223333:role/${role}`,
          '--yes',
        ]),
      ),
    );
    const final = (await f.gateway.getPolicy(key.arn)).text;
    results.forEach((result, i) => {
      // Success means the change is there; the loser of a race says conflict (exit 4).
      assert.ok(result.code === 0 || result.code === 4, result.stderr);
      if (result.code === 0)
        assert.match(final, new RegExp(`role/${roles[i]}"`), `run ${run}: ${roles[i]} reported success`);
      else assert.match(result.stderr, /changed since you read it|Another keypol/);
    });
    if (results.every(r => r.code === 0)) tally.both++;
    else tally.one++;
  }
  t.diagnostic(`both succeeded in ${tally.both} runs, one refused with a conflict in ${tally.one}`);
});

test('an audit outcome line that cannot be appended: the write stands, and the result says so', async t => {
  const f = await withSandbox();
  t.after(f.cleanup);
  const {rename, symlink, writeFile} = await import('node:fs/promises');
  const {join} = await import('node:path');
  const {auditLogPath} = await import('../../source/store/paths.js');
  const gateway = createKmsGateway({
    region: 'us-east-1',
    endpoint: f.sandbox.endpoint,
    credentials: {...SANDBOX_CREDENTIALS},
    stateDir: f.stateDir,
    verifyDelayMs: 0,
    writeHooks: {
      // After the intent line: the log is swapped for a link, which keypol refuses to follow.
      async at(point) {
        if (point !== 'after-put') return;
        const moved = join(f.stateDir, 'moved.jsonl');
        await rename(auditLogPath(f.stateDir), moved);
        await writeFile(join(f.stateDir, 'elsewhere'), '');
        await symlink(join(f.stateDir, 'elsewhere'), auditLogPath(f.stateDir));
      },
    },
  });
  t.after(() => gateway.close());
  const key = await gateway.describeKey(ALIAS);
  const before = await gateway.getPolicy(key.arn);
  const outcome = await gateway.writePolicy({
    key,
    before,
    afterText: withStatement(before.text, 'Ours'),
    reason: 'raw-edit',
  });
  assert.ok(outcome.ok, JSON.stringify(outcome));
  assert.equal(outcome.auditLogged, false);
  assert.match((outcome.warnings ?? []).join(' '), /audit log could not be appended: .*symbolic link/);
});
