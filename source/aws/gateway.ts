// The KmsGateway: everything keypol asks of KMS and STS, with errors already turned into
// sentences. The commands and the UI receive one of these; neither touches the SDK.
import {setMaxListeners} from 'node:events';
import {GetKeyPolicyCommand} from '@aws-sdk/client-kms';
import {createClients, createWriteClient, type ClientOptions} from './client.js';
import {AwsError, toAwsError} from './errors.js';
import {createIamReader} from './iam.js';
import {cachedIdentity} from './identity.js';
import {contextReaders} from './key-context.js';
import {aliasesByKey, describe, listKeySummaries, toKeyDetails} from './keys.js';
import {forEachPooled} from './pool.js';
import {sha256Hex} from '../store/hash.js';
import {keyHistory} from '../store/history.js';
import type {LockOptions} from '../store/lock.js';
import {stateDir as defaultStateDir} from '../store/paths.js';
import type {ConnectionInfo, KeyDetails, KmsGateway, PolicySnapshot} from './types.js';
import type {WriteHooks} from './write-path.js';

/** The connection (ClientOptions: Region, profile, endpoints, credentials, time limit) and the rest. */
export interface GatewayOptions extends ClientOptions {
  readOnly?: boolean;
  /** Where read-only came from ("--read-only", "KEYPOL_READ_ONLY=1", "settings …"): refusals name it. */
  readOnlySource?: string;
  sandbox?: boolean;
  /** See ConnectionInfo.sandboxChangedAt. */
  sandboxChangedAt?: string;
  /** Where backups and the audit log live (default: the XDG state dir). */
  stateDir?: string;
  /** Delay before a write's second verification (default 1 s; 0 skips it). */
  verifyDelayMs?: number;
  lock?: LockOptions;
  /** Test seams in the write path (another writer, a crash, a full disk). */
  writeHooks?: WriteHooks;
}

const VERIFY_DELAY_MS = 1000;

// DescribeKey's quota is 2,000 requests/s per account and Region, shared with every other
// caller in the account; 24 in flight at ~20–50 ms each stays well under half of it.
export const DESCRIBE_CONCURRENCY = 24;

export function createKmsGateway(options: GatewayOptions): KmsGateway {
  const {kms, sts} = createClients(options);
  const info: ConnectionInfo = {
    region: options.region,
    ...(options.profile ? {profile: options.profile} : {}),
    ...(options.endpoint ? {endpoint: options.endpoint} : {}),
    sandbox: options.sandbox ?? false,
    ...(options.sandboxChangedAt ? {sandboxChangedAt: options.sandboxChangedAt} : {}),
    readOnly: options.readOnly ?? false,
    ...(options.readOnly && options.readOnlySource ? {readOnlySource: options.readOnlySource} : {}),
  };
  const stateDir = options.stateDir ?? defaultStateDir();
  const toError = (error: unknown, action: string, ref?: string): AwsError =>
    toAwsError(error, {
      action,
      region: options.region,
      ...(ref ? {ref} : {}),
      ...(options.profile ? {profile: options.profile} : {}),
      ...(options.endpoint ? {endpoint: options.endpoint} : {}),
    });
  // close() aborts every request through this: without it, a request cut off by destroy() is
  // retried with back-off against a closed endpoint and holds the process for seconds.
  const lifetime = new AbortController();
  setMaxListeners(0, lifetime.signal); // every request in flight listens on it
  const signalFor = (signal?: AbortSignal): AbortSignal =>
    signal ? AbortSignal.any([lifetime.signal, signal]) : lifetime.signal;
  let writer: ReturnType<typeof createWriteClient> | undefined;
  const identity = cachedIdentity(sts, error => toError(error, 'sts:GetCallerIdentity'), lifetime.signal);
  const principals = createIamReader({client: options, signal: lifetime.signal, toError});
  // Filled by listKeys: the TUI lists first and then describes, so aliases cost no extra calls.
  let aliasCache: Map<string, string[]> | undefined;
  // While listKeys is still paging through ListAliases: the aliases so far (the UI's rows take
  // the complete lists from the listing itself).
  let aliasesSoFar: Map<string, string[]> | undefined;
  const arnById = new Map<string, string>();

  async function aliasesOf(keyId: string, signal: AbortSignal): Promise<string[]> {
    if (aliasCache) return aliasCache.get(keyId) ?? [];
    if (aliasesSoFar) return [...(aliasesSoFar.get(keyId) ?? [])].sort();
    try {
      return (await aliasesByKey(kms, {keyId, signal})).get(keyId) ?? [];
    } catch (error) {
      if (signal.aborted) throw error;
      // Aliases are decoration: a key in another account (DescribeKey works cross-account,
      // ListAliases does not) simply shows none.
      const failure = toError(error, 'kms:ListAliases', keyId);
      if (failure.kind === 'access-denied' || failure.kind === 'not-found') return [];
      throw failure;
    }
  }

  /** `signal` is already combined with the gateway's own (see signalFor). */
  async function describeKey(ref: string, signal: AbortSignal): Promise<KeyDetails> {
    try {
      const meta = await describe(kms, ref, signal);
      const details = toKeyDetails(meta, await aliasesOf(meta.KeyId ?? '', signal));
      arnById.set(details.keyId, details.arn);
      return details;
    } catch (error) {
      if (signal.aborted) throw error;
      throw toError(error, 'kms:DescribeKey', ref);
    }
  }

  async function readPolicy(ref: string, options: {signal?: AbortSignal} = {}): Promise<PolicySnapshot> {
    const signal = signalFor(options.signal);
    const arn = ref.startsWith('arn:') ? ref : (arnById.get(ref) ?? (await describeKey(ref, signal)).arn);
    try {
      const answer = await kms.send(new GetKeyPolicyCommand({KeyId: arn, PolicyName: 'default'}), {
        abortSignal: signal,
      });
      if (answer.Policy === undefined) throw new Error('GetKeyPolicy answered without a policy.');
      return {
        keyId: arn.slice(arn.lastIndexOf('/') + 1),
        arn,
        text: answer.Policy,
        sha256: sha256Hex(answer.Policy),
        fetchedAt: new Date().toISOString(),
      };
    } catch (error) {
      if (signal.aborted) throw error;
      throw toError(error, 'kms:GetKeyPolicy', ref);
    }
  }

  const readers = contextReaders({kms, signalFor, toError});
  /** What the guarded key actions (key-actions.ts) need: the write client and fresh reads. */
  const actionDeps = () => ({
    kms: (writer ??= createWriteClient(options)),
    info,
    region: options.region,
    stateDir,
    identity,
    toError,
    describeKey: (ref: string) => describeKey(ref, lifetime.signal),
    rotationStatus: (keyArn: string) => readers.rotationStatus(keyArn),
    ...(options.lock ? {lock: options.lock} : {}),
  });

  return {
    info,
    identity,
    async listKeys({signal: callerSignal, onPartial} = {}) {
      const signal = signalFor(callerSignal);
      const soFar = new Map<string, string[]>();
      aliasesSoFar = soFar;
      try {
        const {keys, aliases} = await listKeySummaries(kms, {
          signal,
          aliases: soFar,
          onPartial: progress => {
            for (const key of progress.keys) arnById.set(key.keyId, key.arn);
            onPartial?.(progress);
          },
        });
        aliasCache = aliases;
        for (const key of keys) arnById.set(key.keyId, key.arn);
        return keys;
      } catch (error) {
        if (signal.aborted) throw error;
        throw toError(error, 'kms:ListKeys');
      } finally {
        if (aliasesSoFar === soFar) aliasesSoFar = undefined;
      }
    },
    describeKey: ref => describeKey(ref, lifetime.signal),
    async describeKeys(keyIds, onKey, options = {}) {
      const {onError} = options;
      const signal = signalFor(options.signal);
      if (!aliasCache && !aliasesSoFar) {
        try {
          aliasCache = await aliasesByKey(kms, {signal});
        } catch (error) {
          if (signal.aborted) throw error;
          throw toError(error, 'kms:ListAliases');
        }
      }
      await forEachPooled(
        keyIds,
        DESCRIBE_CONCURRENCY,
        async keyId => {
          try {
            onKey(await describeKey(keyId, signal));
          } catch (error) {
            if (!onError || signal.aborted) throw error;
            onError(keyId, error as Error);
          }
        },
        signal,
      );
    },
    getPolicy: readPolicy,
    // Loaded on first use: listing and showing keys never pay for the write path's imports.
    async writePolicy(request) {
      const {writePolicyGuarded} = await import('./write-path.js');
      writer ??= createWriteClient(options);
      return writePolicyGuarded(
        {
          kms: writer,
          info,
          region: options.region,
          stateDir,
          identity,
          readPolicy,
          principals,
          toError,
          verifyDelayMs: options.verifyDelayMs ?? VERIFY_DELAY_MS,
          ...(options.lock ? {lock: options.lock} : {}),
          ...(options.writeHooks ? {hooks: options.writeHooks} : {}),
        },
        request,
      );
    },
    history: keyArn => keyHistory(stateDir, keyArn),
    ...readers,
    async revokeGrant(request) {
      const {revokeGrantGuarded} = await import('./key-actions.js');
      return revokeGrantGuarded(actionDeps(), request);
    },
    async cancelKeyDeletion(key) {
      const {cancelDeletionGuarded} = await import('./key-actions.js');
      return cancelDeletionGuarded(actionDeps(), key);
    },
    async setKeyRotation(key, enabled, periodDays) {
      const {setRotationGuarded} = await import('./key-actions.js');
      return setRotationGuarded(actionDeps(), key, enabled, periodDays);
    },
    principals,
    close() {
      lifetime.abort();
      principals.close();
      kms.destroy();
      sts.destroy();
      writer?.destroy();
    },
  };
}
