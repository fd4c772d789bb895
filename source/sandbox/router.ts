// KMS operation name (the part after `TrentService.`) → handler.
import {CreateAlias, DeleteAlias, ListAliases, UpdateAlias} from './operations/aliases.js';
import type {Operation} from './operations/context.js';
import {CreateGrant, ListGrants, ListRetirableGrants, RetireGrant, RevokeGrant} from './operations/grants.js';
import {CreateKey, DescribeKey, ListKeys} from './operations/keys.js';
import {CancelKeyDeletion, DisableKey, EnableKey, ScheduleKeyDeletion} from './operations/lifecycle.js';
import {GetKeyPolicy, ListKeyPolicies, PutKeyPolicy} from './operations/policy.js';
import {
  DisableKeyRotation,
  EnableKeyRotation,
  GetKeyRotationStatus,
  ListKeyRotations,
  RotateKeyOnDemand,
} from './operations/rotation.js';
import {ListResourceTags, TagResource, UntagResource} from './operations/tags.js';

export const OPERATIONS: Readonly<Record<string, Operation>> = {
  ListKeys,
  DescribeKey,
  CreateKey,
  GetKeyRotationStatus,
  EnableKeyRotation,
  DisableKeyRotation,
  RotateKeyOnDemand,
  ListKeyRotations,
  EnableKey,
  DisableKey,
  ScheduleKeyDeletion,
  CancelKeyDeletion,
  GetKeyPolicy,
  PutKeyPolicy,
  ListKeyPolicies,
  ListAliases,
  CreateAlias,
  UpdateAlias,
  DeleteAlias,
  ListResourceTags,
  TagResource,
  UntagResource,
  CreateGrant,
  ListGrants,
  ListRetirableGrants,
  RevokeGrant,
  RetireGrant,
};
