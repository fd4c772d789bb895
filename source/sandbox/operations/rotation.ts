// GetKeyRotationStatus, EnableKeyRotation, DisableKeyRotation, RotateKeyOnDemand, ListKeyRotations.
// Only symmetric encryption keys rotate; automatic rotation also needs key material KMS made.
// The sandbox rotates on demand at once; automatic rotations are the seed's history.
import {KmsError, validation} from '../errors.js';
import type {KeyRecord, Rotation} from '../state.js';
import {optionalNumber, type Operation, type OperationContext} from './context.js';
import {arnOf, mutableKey, refuseAwsManaged, refusePendingDeletion, targetKey} from './guards.js';
import {paginate} from './pagination.js';

export const DAY = 86_400;
export const DEFAULT_ROTATION_DAYS = 365;
const ON_DEMAND_LIMIT = 25;

function unsupported(ctx: OperationContext, key: KeyRecord, what = 'automatic key rotation'): KmsError {
  return new KmsError('UnsupportedOperationException', `${arnOf(ctx, key)} does not support ${what}.`);
}

function requireAutomatic(ctx: OperationContext, key: KeyRecord): void {
  if (key.keySpec !== 'SYMMETRIC_DEFAULT' || key.origin !== 'AWS_KMS') throw unsupported(ctx, key);
}

function requireEnabled(ctx: OperationContext, key: KeyRecord): void {
  if (key.keyState === 'Disabled') throw new KmsError('DisabledException', `${arnOf(ctx, key)} is disabled.`);
}

function refuseReplica(ctx: OperationContext, key: KeyRecord): void {
  if (key.multiRegionConfiguration?.MultiRegionKeyType === 'REPLICA') {
    throw new KmsError(
      'UnsupportedOperationException',
      `${arnOf(ctx, key)} is a multi-Region replica key: rotate its primary key.`,
    );
  }
}

/** The next automatic rotation: a period after rotation was turned on or the last rotation. */
export function nextRotation(key: KeyRecord, now: number): number {
  const period = (key.rotationPeriodDays ?? DEFAULT_ROTATION_DAYS) * DAY;
  const last = key.rotations?.at(-1)?.RotationDate ?? 0;
  const anchor = Math.max(key.rotationEnabledAt ?? key.creationDate, last);
  const behind = Math.max(0, Math.ceil((now - anchor) / period));
  return anchor + Math.max(1, behind) * period;
}

export const GetKeyRotationStatus: Operation = (ctx, params) => {
  const key = targetKey(ctx, params);
  requireAutomatic(ctx, key);
  return {
    KeyId: arnOf(ctx, key),
    KeyRotationEnabled: key.rotationEnabled,
    ...(key.rotationEnabled
      ? {
          RotationPeriodInDays: key.rotationPeriodDays ?? DEFAULT_ROTATION_DAYS,
          NextRotationDate: nextRotation(key, ctx.now),
        }
      : {}),
  };
};

function setRotation(enabled: boolean, operation: string): Operation {
  return (ctx, params) => {
    const key = mutableKey(ctx, params, operation);
    requireAutomatic(ctx, key);
    refuseReplica(ctx, key);
    requireEnabled(ctx, key);
    const days = optionalNumber(params, 'RotationPeriodInDays');
    if (enabled && days !== undefined) {
      if (!Number.isInteger(days) || days < 90)
        throw validation('rotationPeriodInDays', days, 'Member must have value greater than or equal to 90');
      if (days > 2560)
        throw validation('rotationPeriodInDays', days, 'Member must have value less than or equal to 2560');
    }
    if (enabled) {
      if (!key.rotationEnabled) key.rotationEnabledAt = ctx.now;
      key.rotationPeriodDays = days ?? key.rotationPeriodDays ?? DEFAULT_ROTATION_DAYS;
    }
    key.rotationEnabled = enabled;
    return undefined;
  };
}

export const EnableKeyRotation = setRotation(true, 'EnableKeyRotation');
export const DisableKeyRotation = setRotation(false, 'DisableKeyRotation');

export const RotateKeyOnDemand: Operation = (ctx, params) => {
  const key = targetKey(ctx, params);
  refuseAwsManaged(ctx, key, 'RotateKeyOnDemand');
  if (key.keySpec !== 'SYMMETRIC_DEFAULT') throw unsupported(ctx, key, 'on-demand key rotation');
  refuseReplica(ctx, key);
  refusePendingDeletion(ctx, key);
  requireEnabled(ctx, key);
  const rotations = key.rotations ?? [];
  if (rotations.filter(r => r.RotationType === 'ON_DEMAND').length >= ON_DEMAND_LIMIT) {
    throw new KmsError(
      'LimitExceededException',
      `${arnOf(ctx, key)} has been rotated on demand ${ON_DEMAND_LIMIT} times, the most KMS allows.`,
    );
  }
  key.rotations = [...rotations, {RotationDate: ctx.now, RotationType: 'ON_DEMAND'}];
  return {KeyId: arnOf(ctx, key)};
};

export const ListKeyRotations: Operation = (ctx, params) => {
  const key = targetKey(ctx, params);
  if (key.keySpec !== 'SYMMETRIC_DEFAULT') throw unsupported(ctx, key, 'key rotation');
  const {page, more} = paginate<Rotation>(key.rotations ?? [], params, {default: 100, max: 1000});
  return {Rotations: page.map(r => ({KeyId: arnOf(ctx, key), ...r})), ...more};
};

/** The automatic rotations a key that rotates yearly since `from` has had by `now`. */
export function pastRotations(from: number, now: number, days = DEFAULT_ROTATION_DAYS): Rotation[] {
  const rotations: Rotation[] = [];
  for (let at = from + days * DAY; at < now; at += days * DAY) {
    rotations.push({RotationDate: at, RotationType: 'AUTOMATIC'});
  }
  return rotations;
}
