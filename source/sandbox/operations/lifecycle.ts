// EnableKey, DisableKey, ScheduleKeyDeletion, CancelKeyDeletion.
import {KmsError, validation} from '../errors.js';
import {optionalNumber, type Operation, type OperationContext} from './context.js';
import {arnOf, mutableKey, refuseAwsManaged, targetKey} from './guards.js';
import type {KeyRecord} from '../state.js';

const DAY = 86_400;

function requireState(ctx: OperationContext, key: KeyRecord, allowed: string[]): void {
  if (!allowed.includes(key.keyState)) {
    throw new KmsError(
      'KMSInvalidStateException',
      `${arnOf(ctx, key)} is ${key.keyState.replace(/(?<=.)([A-Z])/g, ' $1').toLowerCase()}.`,
    );
  }
}

export const EnableKey: Operation = (ctx, params) => {
  const key = mutableKey(ctx, params, 'EnableKey');
  requireState(ctx, key, ['Enabled', 'Disabled']);
  key.keyState = 'Enabled';
  return undefined;
};

export const DisableKey: Operation = (ctx, params) => {
  const key = mutableKey(ctx, params, 'DisableKey');
  requireState(ctx, key, ['Enabled', 'Disabled']);
  key.keyState = 'Disabled';
  return undefined;
};

export const ScheduleKeyDeletion: Operation = (ctx, params) => {
  const key = mutableKey(ctx, params, 'ScheduleKeyDeletion');
  const days = optionalNumber(params, 'PendingWindowInDays') ?? 30;
  if (!Number.isInteger(days) || days < 7) {
    throw validation('pendingWindowInDays', days, 'Member must have value greater than or equal to 7');
  }
  if (days > 30)
    throw validation('pendingWindowInDays', days, 'Member must have value less than or equal to 30');
  // KMS rounds the deletion date up to the end of the day.
  const deletionDate = Math.ceil((ctx.now + days * DAY) / DAY) * DAY;
  key.keyState = 'PendingDeletion';
  key.deletionDate = deletionDate;
  return {
    KeyId: arnOf(ctx, key),
    DeletionDate: deletionDate,
    KeyState: 'PendingDeletion',
    PendingWindowInDays: days,
  };
};

export const CancelKeyDeletion: Operation = (ctx, params) => {
  const key = targetKey(ctx, params);
  refuseAwsManaged(ctx, key, 'CancelKeyDeletion');
  if (key.keyState !== 'PendingDeletion') {
    throw new KmsError('KMSInvalidStateException', `${arnOf(ctx, key)} is not pending deletion.`);
  }
  // A key whose deletion is cancelled comes back disabled, as in KMS.
  key.keyState = 'Disabled';
  delete key.deletionDate;
  return {KeyId: arnOf(ctx, key)};
};
