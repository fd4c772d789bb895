// `stateFile`: every change survives a restart; the file is replaced atomically.
import {
  CreateAliasCommand,
  CreateKeyCommand,
  DescribeKeyCommand,
  GetKeyPolicyCommand,
  ListKeysCommand,
  ListResourceTagsCommand,
  PutKeyPolicyCommand,
  TagResourceCommand,
} from '@aws-sdk/client-kms';
import assert from 'node:assert/strict';
import {mkdtempSync, readdirSync, readFileSync, rmSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, describe, it} from 'node:test';
import {startSandbox} from '../../source/sandbox/index.js';
import {IAM, keyIdOf, kmsClient, policyFor} from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'keypol-sandbox-state-'));
after(() => rmSync(dir, {recursive: true, force: true}));

describe('persistence', () => {
  it('keeps keys, aliases, policies and tags across a restart', async () => {
    const stateFile = join(dir, 'nested', 'state.json');
    const first = await startSandbox({stateFile});
    assert.ok(statSync(stateFile).isFile(), 'the seeded state is written at start');
    const kms = kmsClient(first.endpoint);
    const created = (await kms.send(new CreateKeyCommand({Description: 'survivor'}))).KeyMetadata!.KeyId!;
    await kms.send(new CreateAliasCommand({AliasName: 'alias/survivor', TargetKeyId: created}));
    await kms.send(new TagResourceCommand({KeyId: created, Tags: [{TagKey: 'kept', TagValue: 'yes'}]}));
    const v1 = await keyIdOf(kms, 'alias/console-v1');
    const policy = policyFor([IAM('root'), IAM('role/KeyAdmin')]);
    await kms.send(new PutKeyPolicyCommand({KeyId: v1, Policy: policy}));
    const keysBefore = (await kms.send(new ListKeysCommand({}))).Keys;
    kms.destroy();
    await first.close();

    assert.deepEqual(readdirSync(join(dir, 'nested')), ['state.json'], 'no temporary files are left behind');
    assert.equal(statSync(stateFile).mode & 0o777, 0o600);
    assert.equal(statSync(join(dir, 'nested')).mode & 0o777, 0o700, 'a folder it creates is private too');
    assert.equal(JSON.parse(readFileSync(stateFile, 'utf8')).format, 'keypol-sandbox-state');

    // The file wins over the seed options on restart.
    const second = await startSandbox({stateFile, seed: 'empty'});
    const again = kmsClient(second.endpoint);
    assert.deepEqual((await again.send(new ListKeysCommand({}))).Keys, keysBefore);
    assert.equal(await keyIdOf(again, 'alias/survivor'), created);
    const described = await again.send(new DescribeKeyCommand({KeyId: created}));
    assert.equal(described.KeyMetadata?.Description, 'survivor');
    assert.deepEqual((await again.send(new ListResourceTagsCommand({KeyId: created}))).Tags, [
      {TagKey: 'kept', TagValue: 'yes'},
    ]);
    const {Policy} = await again.send(new GetKeyPolicyCommand({KeyId: v1}));
    assert.deepEqual(JSON.parse(Policy!), JSON.parse(policy));
    again.destroy();
    await second.close();
  });

  it('persists generated keys compactly and serves their policies after a restart', async () => {
    const stateFile = join(dir, 'generated.json');
    const first = await startSandbox({stateFile, seed: 'empty', extraKeys: 100});
    await first.close();
    const second = await startSandbox({stateFile});
    const kms = kmsClient(second.endpoint);
    const keyId = await keyIdOf(kms, 'alias/gen/00042');
    const {Policy} = await kms.send(new GetKeyPolicyCommand({KeyId: keyId}));
    assert.equal(JSON.parse(Policy!).Version, '2012-10-17');
    kms.destroy();
    await second.close();
  });

  it('without a state file, nothing outlives the sandbox', async () => {
    const first = await startSandbox();
    const kms = kmsClient(first.endpoint);
    await kms.send(new CreateKeyCommand({}));
    const count = (await kms.send(new ListKeysCommand({}))).Keys?.length;
    kms.destroy();
    await first.close();
    const second = await startSandbox();
    const again = kmsClient(second.endpoint);
    assert.equal((await again.send(new ListKeysCommand({}))).Keys?.length, (count ?? 0) - 1);
    again.destroy();
    await second.close();
  });
});
