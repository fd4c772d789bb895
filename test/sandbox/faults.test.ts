// Fault injection: latency, per-operation throttling, internal errors.
import {
  GetKeyPolicyCommand,
  ListAliasesCommand,
  ListKeysCommand,
  type KMSServiceException,
} from '@aws-sdk/client-kms';
import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {startSandbox} from '../../source/sandbox/index.js';
import {keyIdOf, kmsClient, rejectsWith} from './helpers.js';

describe('fault injection', () => {
  it('delays every answer by latencyMs', async () => {
    const sandbox = await startSandbox({faults: {latencyMs: 150}});
    const kms = kmsClient(sandbox.endpoint);
    const start = performance.now();
    await kms.send(new ListKeysCommand({}));
    const elapsed = performance.now() - start;
    assert.ok(elapsed >= 145, `took ${elapsed} ms`);
    kms.destroy();
    await sandbox.close();
  });

  it('throttles one operation above its rate with ThrottlingException (HTTP 400), others not', async () => {
    const sandbox = await startSandbox({faults: {throttle: {GetKeyPolicy: 3}}});
    const kms = kmsClient(sandbox.endpoint);
    const keyId = await keyIdOf(kms, 'alias/console-v1');
    const results = await Promise.allSettled(
      Array.from({length: 8}, () => kms.send(new GetKeyPolicyCommand({KeyId: keyId}))),
    );
    const ok = results.filter(r => r.status === 'fulfilled').length;
    const throttled = results.flatMap(r =>
      r.status === 'rejected' ? [r.reason as KMSServiceException] : [],
    );
    // Three tokens at once; at most one more may refill while the burst is in flight.
    assert.ok(ok === 3 || ok === 4, `${ok} succeeded`);
    assert.equal(throttled.length, 8 - ok);
    for (const error of throttled) {
      assert.equal(error.name, 'ThrottlingException');
      assert.equal(error.message, 'Rate exceeded');
      assert.equal(error.$metadata.httpStatusCode, 400);
    }
    for (let i = 0; i < 8; i++) await kms.send(new ListAliasesCommand({}));
    // The bucket refills at the configured rate.
    await new Promise(resolve => setTimeout(resolve, 400));
    await kms.send(new GetKeyPolicyCommand({KeyId: keyId}));
    assert.equal(sandbox.log.filter(e => e.error === 'ThrottlingException').length, throttled.length);
    kms.destroy();
    await sandbox.close();
  });

  it("'*' throttles every operation, each against its own quota", async () => {
    const sandbox = await startSandbox({faults: {throttle: {'*': 1}}});
    const kms = kmsClient(sandbox.endpoint);
    await kms.send(new ListKeysCommand({}));
    await kms.send(new ListAliasesCommand({}));
    await rejectsWith(kms.send(new ListKeysCommand({})), 'ThrottlingException');
    kms.destroy();
    await sandbox.close();
  });

  it('answers KMSInternalException with HTTP 500 at the fail rate', async () => {
    const always = await startSandbox({faults: {failRate: 1}});
    const kms = kmsClient(always.endpoint);
    const error = await rejectsWith(kms.send(new ListKeysCommand({})), 'KMSInternalException');
    assert.equal(error.$metadata.httpStatusCode, 500);
    kms.destroy();
    await always.close();

    const half = await startSandbox({faults: {failRate: 0.5}});
    const client = kmsClient(half.endpoint);
    const results = await Promise.allSettled(
      Array.from({length: 200}, () => client.send(new ListKeysCommand({Limit: 1}))),
    );
    const failed = results.filter(r => r.status === 'rejected').length;
    assert.ok(failed > 50 && failed < 150, `${failed} of 200 failed`);
    client.destroy();
    await half.close();
  });

  it('the SDK’s own retries get through a flaky sandbox', async () => {
    const sandbox = await startSandbox({faults: {failRate: 0.3}});
    const kms = kmsClient(sandbox.endpoint, {maxAttempts: 10});
    for (let i = 0; i < 10; i++) await kms.send(new ListKeysCommand({}));
    kms.destroy();
    await sandbox.close();
  });
});
