// Refusals shared by the mutating operations.
import {accessDenied, KmsError} from '../errors.js';
import {findKey, keyArn, type KeyRecord} from '../state.js';
import {requiredString, type OperationContext, type Params} from './context.js';

/** The key a request's `KeyId` names (key id or key ARN; aliases only where KMS takes them). */
export function targetKey(
  ctx: OperationContext,
  params: Params,
  allowAlias = false,
  member = 'KeyId',
): KeyRecord {
  const key = findKey(ctx.state, ctx.regionName, requiredString(params, member), {allowAlias});
  ctx.keyId = key.keyId;
  return key;
}

export const arnOf = (ctx: OperationContext, key: KeyRecord): string =>
  keyArn(ctx.regionName, ctx.accountId, key.keyId);

/** AWS managed keys belong to the service that made them: their policies grant no one changes. */
export function refuseAwsManaged(ctx: OperationContext, key: KeyRecord, operation: string): void {
  if (key.keyManager === 'AWS') throw accessDenied(ctx.caller, operation, arnOf(ctx, key));
}

export function refusePendingDeletion(ctx: OperationContext, key: KeyRecord): void {
  if (key.keyState === 'PendingDeletion') {
    throw new KmsError('KMSInvalidStateException', `${arnOf(ctx, key)} is pending deletion.`);
  }
}

/** The common gate of state-changing key operations. */
export function mutableKey(ctx: OperationContext, params: Params, operation: string): KeyRecord {
  const key = targetKey(ctx, params);
  refuseAwsManaged(ctx, key, operation);
  refusePendingDeletion(ctx, key);
  return key;
}
