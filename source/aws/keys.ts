// ListKeys + ListAliases, joined, and DescribeKey's metadata flattened into KeyDetails.
import {
  DescribeKeyCommand,
  paginateListAliases,
  paginateListKeys,
  type KMSClient,
  type KeyMetadata,
} from '@aws-sdk/client-kms';
import type {KeyDetails, KeySummary} from './types.js';

/** Alias names by target key id, every page. Predefined aliases without a target are skipped. */
export async function aliasesByKey(kms: KMSClient, keyId?: string): Promise<Map<string, string[]>> {
  const byKey = new Map<string, string[]>();
  // The documented Limit for ListAliases is 100 (the type allows 1000; KMS may not).
  for await (const page of paginateListAliases({client: kms, pageSize: 100}, keyId ? {KeyId: keyId} : {})) {
    for (const alias of page.Aliases ?? []) {
      if (!alias.TargetKeyId || !alias.AliasName) continue;
      const list = byKey.get(alias.TargetKeyId) ?? [];
      list.push(alias.AliasName);
      byKey.set(alias.TargetKeyId, list);
    }
  }
  for (const list of byKey.values()) list.sort();
  return byKey;
}

export async function listKeySummaries(
  kms: KMSClient,
): Promise<{keys: KeySummary[]; aliases: Map<string, string[]>}> {
  const keysPromise = (async () => {
    const keys: {keyId: string; arn: string}[] = [];
    for await (const page of paginateListKeys({client: kms, pageSize: 1000}, {})) {
      for (const key of page.Keys ?? []) {
        if (key.KeyId && key.KeyArn) keys.push({keyId: key.KeyId, arn: key.KeyArn});
      }
    }
    return keys;
  })();
  const [keys, aliases] = await Promise.all([keysPromise, aliasesByKey(kms)]);
  return {keys: keys.map(key => ({...key, aliases: aliases.get(key.keyId) ?? []})), aliases};
}

export async function describe(kms: KMSClient, ref: string, signal?: AbortSignal): Promise<KeyMetadata> {
  const answer = await kms.send(new DescribeKeyCommand({KeyId: ref}), signal ? {abortSignal: signal} : {});
  if (!answer.KeyMetadata?.KeyId) throw new Error(`DescribeKey answered without key metadata for "${ref}".`);
  return answer.KeyMetadata;
}

export function toKeyDetails(meta: KeyMetadata, aliases: string[]): KeyDetails {
  const keyId = meta.KeyId ?? '';
  const arn = meta.Arn ?? '';
  return {
    keyId,
    arn,
    aliases,
    accountId: meta.AWSAccountId ?? arn.split(':')[4] ?? '',
    state: meta.KeyState ?? (meta.Enabled ? 'Enabled' : 'Disabled'),
    enabled: meta.Enabled ?? false,
    keySpec: meta.KeySpec ?? meta.CustomerMasterKeySpec ?? 'SYMMETRIC_DEFAULT',
    keyUsage: meta.KeyUsage ?? 'ENCRYPT_DECRYPT',
    keyManager: meta.KeyManager === 'AWS' ? 'AWS' : 'CUSTOMER',
    origin: meta.Origin ?? 'AWS_KMS',
    description: meta.Description ?? '',
    multiRegion: meta.MultiRegion ?? false,
    ...(meta.CreationDate ? {creationDate: meta.CreationDate.toISOString()} : {}),
    ...(meta.DeletionDate ? {deletionDate: meta.DeletionDate.toISOString()} : {}),
  };
}
