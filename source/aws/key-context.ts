// The readers behind a key's context: its grants, rotation status and history, and tags. Each
// pages to the end and turns the SDK's shapes into the plain types of types.ts; failures become
// AwsErrors that name the action (kms:ListGrants...), so a screen can say what is not permitted.
import {
  GetKeyRotationStatusCommand,
  ListGrantsCommand,
  ListKeyRotationsCommand,
  ListResourceTagsCommand,
  type GrantListEntry,
  type KMSClient,
} from '@aws-sdk/client-kms';
import type {AwsError} from './errors.js';
import type {KeyGrant, KeyRotation, KmsGateway, RotationStatus} from './types.js';

export interface ContextDeps {
  kms: KMSClient;
  signalFor(signal?: AbortSignal): AbortSignal;
  toError(error: unknown, action: string, ref?: string): AwsError;
}

// ListGrants answers at most 100 grants a page; its quota (100 requests/s) is shared with the account.
const GRANTS_PAGE = 100;

export function toKeyGrant(entry: GrantListEntry, keyArn: string): KeyGrant {
  const c = entry.Constraints;
  const constraints = {
    ...(c?.EncryptionContextSubset ? {encryptionContextSubset: {...c.EncryptionContextSubset}} : {}),
    ...(c?.EncryptionContextEquals ? {encryptionContextEquals: {...c.EncryptionContextEquals}} : {}),
  };
  return {
    grantId: entry.GrantId ?? '',
    keyArn: entry.KeyId ?? keyArn,
    ...(entry.Name ? {name: entry.Name} : {}),
    granteePrincipal: entry.GranteePrincipal ?? '',
    ...(entry.RetiringPrincipal ? {retiringPrincipal: entry.RetiringPrincipal} : {}),
    issuingAccount: entry.IssuingAccount ?? '',
    operations: [...(entry.Operations ?? [])],
    ...(Object.keys(constraints).length ? {constraints} : {}),
    ...(entry.CreationDate ? {creationDate: entry.CreationDate.toISOString()} : {}),
  };
}

/** Walks a Marker/NextMarker listing; a marker that does not move ends it (the answer is untrusted). */
async function pages<T>(
  fetch: (marker: string | undefined) => Promise<{items: T[]; truncated?: boolean; next?: string}>,
  onPage?: (items: T[], done: boolean) => void,
): Promise<T[]> {
  const all: T[] = [];
  let marker: string | undefined;
  do {
    const page = await fetch(marker);
    const next = page.truncated && page.next !== marker ? page.next : undefined;
    all.push(...page.items);
    onPage?.(page.items, next === undefined);
    marker = next;
  } while (marker);
  return all;
}

const unsupported = (error: unknown): boolean =>
  (error as {name?: string}).name === 'UnsupportedOperationException';

export function contextReaders(
  deps: ContextDeps,
): Pick<KmsGateway, 'listGrants' | 'rotationStatus' | 'listKeyRotations' | 'listTags'> {
  const {kms, signalFor, toError} = deps;
  /** Runs a read; its failure is turned into an AwsError unless the caller aborted it. */
  const read = async <T>(
    action: string,
    ref: string,
    signal: AbortSignal,
    run: () => Promise<T>,
  ): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      if (signal.aborted) throw error;
      throw toError(error, action, ref);
    }
  };
  return {
    listGrants(keyArn, {signal: callerSignal, onPage} = {}) {
      const signal = signalFor(callerSignal);
      const soFar: KeyGrant[] = [];
      return read('kms:ListGrants', keyArn, signal, () =>
        pages(
          async marker => {
            const page = await kms.send(
              new ListGrantsCommand({KeyId: keyArn, Limit: GRANTS_PAGE, ...(marker ? {Marker: marker} : {})}),
              {abortSignal: signal},
            );
            const items = (page.Grants ?? []).map(g => toKeyGrant(g, keyArn));
            return {items, truncated: page.Truncated, next: page.NextMarker};
          },
          (items, done) => {
            soFar.push(...items);
            onPage?.(soFar, done);
          },
        ),
      );
    },
    rotationStatus(keyArn, {signal: callerSignal} = {}) {
      const signal = signalFor(callerSignal);
      return read('kms:GetKeyRotationStatus', keyArn, signal, async () => {
        try {
          const answer = await kms.send(new GetKeyRotationStatusCommand({KeyId: keyArn}), {
            abortSignal: signal,
          });
          const status: RotationStatus = {enabled: answer.KeyRotationEnabled ?? false};
          if (answer.RotationPeriodInDays !== undefined) status.periodDays = answer.RotationPeriodInDays;
          if (answer.NextRotationDate) status.nextRotationDate = answer.NextRotationDate.toISOString();
          if (answer.OnDemandRotationStartDate)
            status.onDemandStartDate = answer.OnDemandRotationStartDate.toISOString();
          return status;
        } catch (error) {
          if (unsupported(error)) return undefined;
          throw error;
        }
      });
    },
    listKeyRotations(keyArn, {signal: callerSignal} = {}) {
      const signal = signalFor(callerSignal);
      return read('kms:ListKeyRotations', keyArn, signal, async () => {
        try {
          return await pages<KeyRotation>(async marker => {
            const page = await kms.send(
              new ListKeyRotationsCommand({KeyId: keyArn, Limit: 1000, ...(marker ? {Marker: marker} : {})}),
              {abortSignal: signal},
            );
            const items = (page.Rotations ?? []).flatMap((r): KeyRotation[] =>
              r.RotationDate
                ? [
                    {
                      date: r.RotationDate.toISOString(),
                      type: r.RotationType === 'ON_DEMAND' ? 'ON_DEMAND' : 'AUTOMATIC',
                    },
                  ]
                : [],
            );
            return {items, truncated: page.Truncated, next: page.NextMarker};
          });
        } catch (error) {
          if (unsupported(error)) return [];
          throw error;
        }
      });
    },
    listTags(keyArn, {signal: callerSignal} = {}) {
      const signal = signalFor(callerSignal);
      return read('kms:ListResourceTags', keyArn, signal, () =>
        pages(async marker => {
          const page = await kms.send(
            new ListResourceTagsCommand({KeyId: keyArn, Limit: 50, ...(marker ? {Marker: marker} : {})}),
            {abortSignal: signal},
          );
          const items = (page.Tags ?? []).map(t => ({key: t.TagKey ?? '', value: t.TagValue ?? ''}));
          return {items, truncated: page.Truncated, next: page.NextMarker};
        }),
      );
    },
  };
}
