// ListAliases, CreateAlias, UpdateAlias, DeleteAlias.
import {KmsError, notFound, validation} from '../errors.js';
import {aliasArn, findKey, type AliasRecord} from '../state.js';
import {
  optionalString,
  requiredString,
  type Operation,
  type OperationContext,
  type Params,
} from './context.js';
import {refuseAwsManaged, refusePendingDeletion} from './guards.js';
import {paginate} from './pagination.js';

const NAME = /^alias\/[a-zA-Z0-9/_-]+$/;

function aliasName(ctx: OperationContext, params: Params): string {
  const name = requiredString(params, 'AliasName');
  if (!name.startsWith('alias/')) {
    throw new KmsError(
      'ValidationException',
      'Alias must start with the prefix "alias/". Please see https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html',
    );
  }
  if (!NAME.test(name) || name.length > 256) {
    throw validation('aliasName', name, 'Member must satisfy regular expression pattern: ^[a-zA-Z0-9:/_-]+$');
  }
  if (name.startsWith('alias/aws/')) {
    throw new KmsError(
      'NotAuthorizedException',
      `${aliasArn(ctx.regionName, ctx.accountId, name)}: the alias/aws/ prefix is reserved for AWS managed keys`,
    );
  }
  return name;
}

/** A customer managed key an alias may point at (key id or key ARN, as KMS demands). */
function aliasTarget(ctx: OperationContext, params: Params): string {
  const key = findKey(ctx.state, ctx.regionName, requiredString(params, 'TargetKeyId'), {allowAlias: false});
  ctx.keyId = key.keyId;
  refuseAwsManaged(ctx, key, 'CreateAlias');
  refusePendingDeletion(ctx, key);
  return key.keyId;
}

function existingAlias(ctx: OperationContext, name: string): AliasRecord {
  const alias = ctx.region.aliases.get(name);
  if (!alias) throw notFound(`Alias ${aliasArn(ctx.regionName, ctx.accountId, name)} is not found.`);
  return alias;
}

export const ListAliases: Operation = (ctx, params) => {
  const keyIdParam = optionalString(params, 'KeyId');
  let aliases = [...ctx.region.aliases.values()];
  if (keyIdParam !== undefined) {
    const key = findKey(ctx.state, ctx.regionName, keyIdParam, {allowAlias: false});
    ctx.keyId = key.keyId;
    aliases = aliases.filter(a => a.targetKeyId === key.keyId);
  }
  const {page, more} = paginate(aliases, params, {default: 50, max: 100});
  return {
    Aliases: page.map(a => ({
      AliasName: a.aliasName,
      AliasArn: aliasArn(ctx.regionName, ctx.accountId, a.aliasName),
      ...(a.targetKeyId === undefined ? {} : {TargetKeyId: a.targetKeyId}),
      CreationDate: a.creationDate,
      LastUpdatedDate: a.lastUpdatedDate,
    })),
    ...more,
  };
};

export const CreateAlias: Operation = (ctx, params) => {
  const name = aliasName(ctx, params);
  const targetKeyId = aliasTarget(ctx, params);
  if (ctx.region.aliases.has(name)) {
    throw new KmsError(
      'AlreadyExistsException',
      `An alias with the name ${aliasArn(ctx.regionName, ctx.accountId, name)} already exists`,
    );
  }
  ctx.region.aliases.set(name, {
    aliasName: name,
    targetKeyId,
    creationDate: ctx.now,
    lastUpdatedDate: ctx.now,
  });
  return undefined;
};

export const UpdateAlias: Operation = (ctx, params) => {
  const name = aliasName(ctx, params);
  const alias = existingAlias(ctx, name);
  alias.targetKeyId = aliasTarget(ctx, params);
  alias.lastUpdatedDate = ctx.now;
  return undefined;
};

export const DeleteAlias: Operation = (ctx, params) => {
  const name = aliasName(ctx, params);
  const alias = existingAlias(ctx, name);
  if (alias.targetKeyId !== undefined) ctx.keyId = alias.targetKeyId;
  ctx.region.aliases.delete(name);
  return undefined;
};
