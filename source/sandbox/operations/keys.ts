// ListKeys, DescribeKey, CreateKey.
import {randomUUID} from 'node:crypto';
import {KmsError} from '../errors.js';
import {checkSpec, defaultUsage, keyMetadata} from '../metadata.js';
import {apiDefault} from '../seed/policies.js';
import {keyArn, type KeyRecord} from '../state.js';
import {optionalBoolean, optionalString, type Operation} from './context.js';
import {targetKey} from './guards.js';
import {paginate} from './pagination.js';
import {acceptPolicy} from './policy.js';
import {readTags} from './tags.js';

export const ListKeys: Operation = (ctx, params) => {
  const {page, more} = paginate([...ctx.region.keys.keys()], params, {default: 100, max: 1000});
  return {Keys: page.map(id => ({KeyId: id, KeyArn: keyArn(ctx.regionName, ctx.accountId, id)})), ...more};
};

export const DescribeKey: Operation = (ctx, params) => {
  const key = targetKey(ctx, params, true);
  return {KeyMetadata: keyMetadata(key, ctx.regionName, ctx.accountId)};
};

const ORIGINS = new Set(['AWS_KMS', 'EXTERNAL']);

export const CreateKey: Operation = (ctx, params) => {
  const keySpec =
    optionalString(params, 'KeySpec') ??
    optionalString(params, 'CustomerMasterKeySpec') ??
    'SYMMETRIC_DEFAULT';
  const keyUsage = optionalString(params, 'KeyUsage') ?? defaultUsage(keySpec);
  checkSpec(keySpec, keyUsage);
  const origin = optionalString(params, 'Origin') ?? 'AWS_KMS';
  if (!ORIGINS.has(origin)) {
    throw new KmsError(
      'UnsupportedOperationException',
      `The sandbox has no custom key stores (Origin ${origin}).`,
    );
  }
  const description = optionalString(params, 'Description') ?? '';
  if (description.length > 8192) {
    throw new KmsError('ValidationException', 'Description must be at most 8192 characters long');
  }
  const tags = readTags(params);
  const policyParam = optionalString(params, 'Policy');
  const bypass = optionalBoolean(params, 'BypassPolicyLockoutSafetyCheck') ?? false;
  const policy = policyParam === undefined ? apiDefault() : acceptPolicy(ctx, policyParam, bypass);
  const multiRegion = optionalBoolean(params, 'MultiRegion') ?? false;
  const keyId = multiRegion ? `mrk-${randomUUID().replaceAll('-', '')}` : randomUUID();
  const arn = keyArn(ctx.regionName, ctx.accountId, keyId);
  const key: KeyRecord = {
    keyId,
    creationDate: ctx.now,
    description,
    keyUsage,
    keySpec,
    origin,
    keyManager: 'CUSTOMER',
    keyState: origin === 'EXTERNAL' ? 'PendingImport' : 'Enabled',
    ...(multiRegion
      ? {
          multiRegionConfiguration: {
            MultiRegionKeyType: 'PRIMARY',
            PrimaryKey: {Arn: arn, Region: ctx.regionName},
            ReplicaKeys: [],
          },
        }
      : {}),
    rotationEnabled: false,
    tags,
    grants: [],
    policy,
  };
  ctx.region.keys.set(keyId, key);
  ctx.keyId = keyId;
  return {KeyMetadata: keyMetadata(key, ctx.regionName, ctx.accountId)};
};
