// ListKeys + ListAliases, joined, and DescribeKey's metadata flattened into KeyDetails.
// The listing streams: 10,000 keys are 10 ListKeys pages but 100 ListAliases pages (100 aliases
// each, one after another), so the rows can show long before the last alias arrives.
import {
  DescribeKeyCommand,
  ListAliasesCommand,
  ListKeysCommand,
  type AliasListEntry,
  type KMSClient,
  type KeyMetadata,
} from '@aws-sdk/client-kms';
import type {KeyDetails, KeySummary, ListKeysProgress, MultiRegionConfig} from './types.js';

const sendOptions = (signal?: AbortSignal) => (signal ? {abortSignal: signal} : {});

/** Every page of ListAliases (optionally for one key), handed over as it arrives. */
async function forEachAliasPage(
  kms: KMSClient,
  onPage: (aliases: AliasListEntry[], last: boolean) => void,
  options: {keyId?: string; signal?: AbortSignal} = {},
): Promise<void> {
  let marker: string | undefined;
  do {
    // The documented Limit for ListAliases is 100 (the type allows 1000; KMS may not).
    const input = {
      Limit: 100,
      ...(options.keyId ? {KeyId: options.keyId} : {}),
      ...(marker ? {Marker: marker} : {}),
    };
    const page = await kms.send(new ListAliasesCommand(input), sendOptions(options.signal));
    // A marker that does not move would loop forever: the answer is untrusted.
    const next = page.Truncated && page.NextMarker !== marker ? page.NextMarker : undefined;
    onPage(page.Aliases ?? [], next === undefined);
    marker = next;
  } while (marker);
}

/** Adds a page's aliases to `byKey`; returns the keys it touched. Predefined aliases without a target are skipped. */
function addAliases(byKey: Map<string, string[]>, page: AliasListEntry[]): string[] {
  const touched: string[] = [];
  for (const alias of page) {
    if (!alias.TargetKeyId || !alias.AliasName) continue;
    const list = byKey.get(alias.TargetKeyId);
    if (list) list.push(alias.AliasName);
    else byKey.set(alias.TargetKeyId, [alias.AliasName]);
    touched.push(alias.TargetKeyId);
  }
  return touched;
}

const sortedCopy = (list: string[] | undefined): string[] => (list ? [...list].sort() : []);

/** Alias names by target key id, every page. */
export async function aliasesByKey(
  kms: KMSClient,
  options: {keyId?: string; signal?: AbortSignal} = {},
): Promise<Map<string, string[]>> {
  const byKey = new Map<string, string[]>();
  await forEachAliasPage(kms, page => addAliases(byKey, page), options);
  for (const list of byKey.values()) list.sort();
  return byKey;
}

async function listAllKeys(kms: KMSClient, signal?: AbortSignal): Promise<{keyId: string; arn: string}[]> {
  const keys: {keyId: string; arn: string}[] = [];
  let marker: string | undefined;
  do {
    const input = {Limit: 1000, ...(marker ? {Marker: marker} : {})};
    const page = await kms.send(new ListKeysCommand(input), sendOptions(signal));
    for (const key of page.Keys ?? []) {
      if (key.KeyId && key.KeyArn) keys.push({keyId: key.KeyId, arn: key.KeyArn});
    }
    marker = page.Truncated && page.NextMarker !== marker ? page.NextMarker : undefined;
  } while (marker);
  return keys;
}

export interface ListingOptions {
  signal?: AbortSignal;
  /** Called once ListKeys is done while ListAliases still runs, then after each further alias page. */
  onPartial?: (progress: ListKeysProgress) => void;
  /** Filled with the aliases as they arrive (the gateway's view while the listing runs). */
  aliases?: Map<string, string[]>;
}

/**
 * ListKeys and ListAliases at once, joined on key id. Each partial list is a new array in which
 * only the summaries whose aliases changed are new objects, so a UI can rebuild just those rows.
 */
export async function listKeySummaries(
  kms: KMSClient,
  {signal, onPartial, aliases: byKey = new Map()}: ListingOptions = {},
): Promise<{keys: KeySummary[]; aliases: Map<string, string[]>}> {
  let summaries: KeySummary[] | undefined;
  let position = new Map<string, number>();
  let loaded = 0;
  let aliasesDone = false;
  const aliasesListed = forEachAliasPage(
    kms,
    (page, last) => {
      const touched = addAliases(byKey, page);
      loaded += touched.length;
      if (!summaries) return;
      const next = [...summaries];
      for (const keyId of new Set(touched)) {
        const index = position.get(keyId);
        const summary = index === undefined ? undefined : next[index];
        if (summary) next[index!] = {...summary, aliases: sortedCopy(byKey.get(keyId))};
      }
      summaries = next;
      if (!last) onPartial?.({keys: summaries, aliasesLoaded: loaded});
    },
    {signal},
  ).then(() => {
    aliasesDone = true;
  });
  const keysListed = listAllKeys(kms, signal).then(keys => {
    summaries = keys.map(key => ({...key, aliases: sortedCopy(byKey.get(key.keyId))}));
    position = new Map(keys.map((key, index) => [key.keyId, index]));
    if (!aliasesDone) onPartial?.({keys: summaries, aliasesLoaded: loaded});
  });
  await Promise.all([keysListed, aliasesListed]);
  for (const list of byKey.values()) list.sort();
  return {keys: summaries ?? [], aliases: byKey};
}

export async function describe(kms: KMSClient, ref: string, signal?: AbortSignal): Promise<KeyMetadata> {
  const answer = await kms.send(new DescribeKeyCommand({KeyId: ref}), sendOptions(signal));
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
    ...(meta.MultiRegionConfiguration ? {multiRegionConfig: multiRegionOf(meta)} : {}),
  };
}

function multiRegionOf(meta: KeyMetadata): MultiRegionConfig {
  const config = meta.MultiRegionConfiguration;
  const regional = (k: {Arn?: string; Region?: string} | undefined) =>
    k?.Arn ? {arn: k.Arn, region: k.Region ?? ''} : undefined;
  const primary = regional(config?.PrimaryKey);
  return {
    type: config?.MultiRegionKeyType === 'REPLICA' ? 'REPLICA' : 'PRIMARY',
    ...(primary ? {primary} : {}),
    replicas: (config?.ReplicaKeys ?? []).flatMap(k => regional(k) ?? []),
  };
}
