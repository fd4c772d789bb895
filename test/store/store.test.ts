import {test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtemp, readFile, rm, stat, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {createHash} from 'node:crypto';
import {listBackups, readBackup, writeBackup} from '../../source/store/backups.js';
import {appendAudit, readAudit} from '../../source/store/audit.js';
import {auditLogPath, backupsDir, configDir, stateDir} from '../../source/store/paths.js';
import {openSettings} from '../../source/store/settings.js';

const ARN_A = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const ARN_B = 'arn:aws:kms:us-east-1:111122223333:key/mrk-0123456789abcdef0123456789abcdef';
const POLICY = '{\n  "Version" : "2012-10-17",\n  "Statement" : [ ]\n}';

async function tempDir(t: {after(fn: () => Promise<void>): void}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'keypol-store-'));
  t.after(() => rm(dir, {recursive: true, force: true}));
  return dir;
}

test('paths follow XDG and the KEYPOL_* overrides', () => {
  assert.equal(stateDir({XDG_STATE_HOME: '/x/state'}), '/x/state/keypol');
  assert.equal(stateDir({XDG_STATE_HOME: '/x/state', KEYPOL_STATE_DIR: '/t'}), '/t');
  assert.equal(configDir({XDG_CONFIG_HOME: '/x/config'}), '/x/config/keypol');
  assert.equal(configDir({KEYPOL_CONFIG_DIR: '/c'}), '/c');
  assert.match(stateDir({}), /\.local\/state\/keypol$/);
});

test('a backup is a 0600 JSON file in a 0700 folder with the exact text and its SHA-256', async t => {
  const dir = await tempDir(t);
  const time = new Date('2026-11-24T02:15:00.123Z');
  const entry = await writeBackup(dir, {
    keyArn: ARN_A,
    region: 'us-east-1',
    caller: 'arn:aws:iam::111122223333:root',
    reason: 'upgrade',
    text: POLICY,
    time,
  });
  assert.match(entry.id, /^20261124T021500123Z-1234abcd-12ab-34cd-56ef-1234567890ab-[0-9a-f]{4}$/);
  assert.equal((await stat(entry.path)).mode & 0o777, 0o600);
  assert.equal((await stat(backupsDir(dir))).mode & 0o777, 0o700);
  const onDisk = JSON.parse(await readFile(entry.path, 'utf8'));
  // What an auditor sees without keypol: the policy text and who/when/where.
  assert.equal(onDisk.policy, POLICY);
  assert.equal(onDisk.keyArn, ARN_A);
  assert.equal(onDisk.caller, 'arn:aws:iam::111122223333:root');
  assert.equal(onDisk.time, '2026-11-24T02:15:00.123Z');
  assert.equal(onDisk.sha256, createHash('sha256').update(POLICY).digest('hex'));
  assert.deepEqual(await readBackup(dir, entry.id), entry);
});

test('backups list per key, newest first', async t => {
  const dir = await tempDir(t);
  const make = (keyArn: string, iso: string, text: string) =>
    writeBackup(dir, {
      keyArn,
      region: 'us-east-1',
      caller: 'c',
      reason: 'raw-edit',
      text,
      time: new Date(iso),
    });
  const older = await make(ARN_A, '2026-01-01T00:00:00.000Z', 'one');
  const newer = await make(ARN_A, '2026-06-01T00:00:00.000Z', 'two');
  await make(ARN_B, '2026-07-01T00:00:00.000Z', 'other key');
  assert.deepEqual(
    (await listBackups(dir, ARN_A)).backups.map(b => b.id),
    [newer.id, older.id],
  );
  assert.deepEqual(
    (await listBackups(dir, ARN_B)).backups.map(b => b.text),
    ['other key'],
  );
  assert.deepEqual(await listBackups(join(dir, 'nothing-here'), ARN_A), {backups: [], damaged: []});
});

test('a tampered backup or a path-like id is refused', async t => {
  const dir = await tempDir(t);
  const entry = await writeBackup(dir, {
    keyArn: ARN_A,
    region: 'us-east-1',
    caller: 'c',
    reason: 'restore',
    text: POLICY,
  });
  const data = JSON.parse(await readFile(entry.path, 'utf8'));
  await writeFile(entry.path, JSON.stringify({...data, policy: '{"Statement":[]}'}));
  await assert.rejects(readBackup(dir, entry.id), /does not match its SHA-256/);
  await assert.rejects(readBackup(dir, '../../etc/passwd'), /not a keypol backup id/);
});

test('the audit log appends one JSON line per record, 0600', async t => {
  const dir = await tempDir(t);
  const base = {
    caller: 'arn:aws:iam::111122223333:root',
    account: '111122223333',
    keyArn: ARN_A,
    region: 'us-east-1',
    reason: 'upgrade' as const,
    beforeSha256: 'a'.repeat(64),
  };
  await appendAudit(dir, {...base, time: '2026-11-24T00:00:00.000Z', result: 'conflict', message: 'changed'});
  await appendAudit(dir, {
    ...base,
    time: '2026-11-24T00:00:01.000Z',
    result: 'ok',
    afterSha256: 'b'.repeat(64),
    backupId: 'x',
  });
  const lines = (await readFile(auditLogPath(dir), 'utf8')).trimEnd().split('\n');
  assert.equal(lines.length, 2);
  assert.deepEqual(
    lines.map(l => JSON.parse(l).result),
    ['conflict', 'ok'],
  );
  assert.deepEqual(
    (await readAudit(dir)).map(r => r.result),
    ['conflict', 'ok'],
  );
  assert.equal((await stat(auditLogPath(dir))).mode & 0o777, 0o600);
});

test('settings persist through conf and refuse bad values', async t => {
  const dir = await tempDir(t);
  const settings = await openSettings({cwd: dir});
  assert.deepEqual(settings.get(), {
    region: undefined,
    profile: undefined,
    readOnly: false,
    timeout: undefined,
  });
  settings.set('region', 'eu-west-1');
  settings.set('readOnly', true);
  settings.set('timeout', 30);
  assert.deepEqual((await openSettings({cwd: dir})).get(), {
    region: 'eu-west-1',
    profile: undefined,
    readOnly: true,
    timeout: 30,
  });
  assert.throws(() => settings.set('region', 'EU WEST'), /region/);
  assert.throws(() => settings.set('timeout', 0), /timeout/);
  settings.set('region', undefined);
  assert.equal((await openSettings({cwd: dir})).get().region, undefined);
});
