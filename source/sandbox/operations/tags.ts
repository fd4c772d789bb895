// ListResourceTags, TagResource, UntagResource.
import {KmsError} from '../errors.js';
import type {Tag} from '../state.js';
import {optionalArray, type Operation, type Params} from './context.js';
import {mutableKey, targetKey} from './guards.js';
import {paginate} from './pagination.js';

const MAX_TAGS = 50;

/** `Tags: [{TagKey, TagValue}]` from a request, checked as KMS checks them. */
export function readTags(params: Params): Tag[] {
  return (optionalArray(params, 'Tags') ?? []).map(raw => {
    const tag = (raw ?? {}) as Record<string, unknown>;
    const {TagKey: key, TagValue: value} = tag;
    if (typeof key !== 'string' || key.length < 1 || key.length > 128) {
      throw new KmsError('TagException', 'TagKey must be 1 to 128 characters long');
    }
    if (typeof value !== 'string' || value.length > 256) {
      throw new KmsError('TagException', 'TagValue must be 0 to 256 characters long');
    }
    if (key.toLowerCase().startsWith('aws:')) {
      throw new KmsError('TagException', 'Tag keys beginning with aws: are reserved for AWS use');
    }
    return {TagKey: key, TagValue: value};
  });
}

export const ListResourceTags: Operation = (ctx, params) => {
  const key = targetKey(ctx, params);
  const {page, more} = paginate(key.tags, params, {default: 50, max: 50});
  return {Tags: page, ...more};
};

export const TagResource: Operation = (ctx, params) => {
  const key = mutableKey(ctx, params, 'TagResource');
  const tags = readTags(params);
  const merged = new Map(key.tags.map(t => [t.TagKey, t.TagValue]));
  for (const tag of tags) merged.set(tag.TagKey, tag.TagValue);
  if (merged.size > MAX_TAGS)
    throw new KmsError('LimitExceededException', `A key can have at most ${MAX_TAGS} tags`);
  key.tags = [...merged].map(([TagKey, TagValue]) => ({TagKey, TagValue}));
  return undefined;
};

export const UntagResource: Operation = (ctx, params) => {
  const key = mutableKey(ctx, params, 'UntagResource');
  const remove = new Set((optionalArray(params, 'TagKeys') ?? []).map(String));
  key.tags = key.tags.filter(t => !remove.has(t.TagKey));
  return undefined;
};
