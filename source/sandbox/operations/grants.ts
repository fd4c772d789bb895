// CreateGrant, ListGrants, ListRetirableGrants, RevokeGrant, RetireGrant, with KMS's checks:
// operations that fit the key type, encryption-context constraints only where they mean
// something, idempotent named grants, 50,000 grants per key, and who may retire a grant.
import {createHash, randomBytes} from 'node:crypto';
import {accessDenied, KmsError, notFound, validation} from '../errors.js';
import {addGrant, grantCount, grantsOf, removeGrant} from '../grant-store.js';
import {keyArn, type Grant, type KeyRecord} from '../state.js';
import {
  optionalArray,
  optionalBoolean,
  optionalString,
  requiredString,
  type Operation,
  type OperationContext,
  type Params,
} from './context.js';
import {arnOf, refuseAwsManaged, targetKey} from './guards.js';
import {paginate} from './pagination.js';

export const GRANTS_PER_KEY = 50_000;

const COMMON = ['CreateGrant', 'RetireGrant', 'DescribeKey'];
/** Grant operations each key usage allows (symmetric encryption keys differ from asymmetric ones). */
function allowedOperations(key: KeyRecord): string[] {
  switch (key.keyUsage) {
    case 'SIGN_VERIFY':
      return [...COMMON, 'Sign', 'Verify', 'GetPublicKey'];
    case 'GENERATE_VERIFY_MAC':
      return [...COMMON, 'GenerateMac', 'VerifyMac'];
    case 'KEY_AGREEMENT':
      return [...COMMON, 'DeriveSharedSecret', 'GetPublicKey'];
    default:
      return key.keySpec === 'SYMMETRIC_DEFAULT'
        ? [
            ...COMMON,
            'Encrypt',
            'Decrypt',
            'ReEncryptFrom',
            'ReEncryptTo',
            'GenerateDataKey',
            'GenerateDataKeyWithoutPlaintext',
            'GenerateDataKeyPair',
            'GenerateDataKeyPairWithoutPlaintext',
          ]
        : [...COMMON, 'Encrypt', 'Decrypt', 'ReEncryptFrom', 'ReEncryptTo', 'GetPublicKey'];
  }
}

const ALL_OPERATIONS = [
  'Decrypt',
  'Encrypt',
  'GenerateDataKey',
  'GenerateDataKeyWithoutPlaintext',
  'ReEncryptFrom',
  'ReEncryptTo',
  'Sign',
  'Verify',
  'GetPublicKey',
  'CreateGrant',
  'RetireGrant',
  'DescribeKey',
  'GenerateDataKeyPair',
  'GenerateDataKeyPairWithoutPlaintext',
  'GenerateMac',
  'VerifyMac',
  'DeriveSharedSecret',
];
/** Operations that take an encryption context: the only ones a constraint can apply to. */
const WITH_CONTEXT = new Set([
  'Decrypt',
  'Encrypt',
  'GenerateDataKey',
  'GenerateDataKeyWithoutPlaintext',
  'ReEncryptFrom',
  'ReEncryptTo',
  'GenerateDataKeyPair',
  'GenerateDataKeyPairWithoutPlaintext',
]);

const PRINCIPAL = /^(arn:aws[a-z-]*:(iam|sts)::\d{12}:.+|[a-z0-9.-]+\.amazonaws\.com(\.cn)?)$/;
const NAME = /^[a-zA-Z0-9:/_-]+$/;

function principal(params: Params, member: string, required: boolean): string | undefined {
  const value = required ? requiredString(params, member) : optionalString(params, member);
  if (value !== undefined && (value.length > 256 || !PRINCIPAL.test(value))) {
    throw new KmsError('ValidationException', `${member} is not a valid principal: ${value}`);
  }
  return value;
}

function operations(params: Params, key: KeyRecord): string[] {
  const list = (optionalArray(params, 'Operations') ?? []).map(String);
  if (list.length === 0) throw validation('operations', undefined, 'Member must not be null');
  for (const op of list) {
    if (!ALL_OPERATIONS.includes(op)) {
      throw validation(
        'operations',
        `[${list.join(', ')}]`,
        `Member must satisfy constraint: [Member must satisfy enum value set: [${ALL_OPERATIONS.join(', ')}]]`,
      );
    }
  }
  const allowed = allowedOperations(key);
  const wrong = list.filter(op => !allowed.includes(op));
  if (wrong.length > 0) {
    throw new KmsError(
      'ValidationException',
      `Grant operations ${wrong.join(', ')} are not valid for a ${key.keySpec} key with key usage ${key.keyUsage}`,
    );
  }
  return [...new Set(list)];
}

type Constraints = NonNullable<Grant['Constraints']>;

function contextMap(value: unknown, member: string): Record<string, string> | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value))
    throw new KmsError('SerializationException', `Unexpected value type for ${member}`);
  const entries = Object.entries(value as Record<string, unknown>);
  for (const [k, v] of entries) {
    if (typeof v !== 'string' || k === '')
      throw new KmsError('ValidationException', `${member} keys and values must be strings`);
  }
  return Object.fromEntries(entries) as Record<string, string>;
}

function constraints(params: Params, ops: string[]): Constraints | undefined {
  const raw = params.Constraints;
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== 'object' || Array.isArray(raw))
    throw new KmsError('SerializationException', 'Unexpected value type for Constraints');
  const given = raw as Record<string, unknown>;
  const subset = contextMap(given.EncryptionContextSubset, 'EncryptionContextSubset');
  const equals = contextMap(given.EncryptionContextEquals, 'EncryptionContextEquals');
  if (!subset && !equals) return undefined;
  const without = ops.filter(op => !WITH_CONTEXT.has(op));
  if (without.length > 0) {
    throw new KmsError(
      'ValidationException',
      `Grant constraints apply only to operations that take an encryption context; remove ${without.join(', ')} or the constraint`,
    );
  }
  return {
    ...(subset ? {EncryptionContextSubset: subset} : {}),
    ...(equals ? {EncryptionContextEquals: equals} : {}),
  };
}

const canonical = (grant: Omit<Grant, 'GrantId' | 'CreationDate'>): string =>
  JSON.stringify([
    grant.Name ?? '',
    grant.GranteePrincipal,
    grant.RetiringPrincipal ?? '',
    [...grant.Operations].sort(),
    grant.Constraints ?? {},
  ]);

/** Opaque to callers; the sandbox reads back the key and grant it stands for (RetireGrant). */
function grantToken(keyId: string, grantId: string): string {
  return Buffer.from(`keypol-grant-token:${keyId}:${grantId}:${randomBytes(24).toString('hex')}`).toString(
    'base64url',
  );
}

function fromToken(token: string): {keyId: string; grantId: string} {
  const match = /^keypol-grant-token:([^:]+):([0-9a-f]{64}):/.exec(
    Buffer.from(token, 'base64url').toString('utf8'),
  );
  if (!match) throw new KmsError('InvalidGrantTokenException', 'Invalid grant token');
  return {keyId: match[1] ?? '', grantId: match[2] ?? ''};
}

function requireUsable(ctx: OperationContext, key: KeyRecord): void {
  if (key.keyState === 'Disabled') throw new KmsError('DisabledException', `${arnOf(ctx, key)} is disabled.`);
  if (key.keyState === 'PendingDeletion')
    throw new KmsError('KMSInvalidStateException', `${arnOf(ctx, key)} is pending deletion.`);
  if (key.keyState === 'PendingImport')
    throw new KmsError('KMSInvalidStateException', `${arnOf(ctx, key)} is pending import.`);
}

export const CreateGrant: Operation = (ctx, params) => {
  const key = targetKey(ctx, params);
  refuseAwsManaged(ctx, key, 'CreateGrant');
  const grantee = principal(params, 'GranteePrincipal', true) as string;
  const retiring = principal(params, 'RetiringPrincipal', false);
  const ops = operations(params, key);
  const limits = constraints(params, ops);
  const name = optionalString(params, 'Name');
  if (name !== undefined && (name.length < 1 || name.length > 256 || !NAME.test(name))) {
    throw validation('name', name, 'Member must satisfy regular expression pattern: ^[a-zA-Z0-9:/_-]+$');
  }
  requireUsable(ctx, key);
  const fields = {
    ...(name === undefined ? {} : {Name: name}),
    GranteePrincipal: grantee,
    ...(retiring === undefined ? {} : {RetiringPrincipal: retiring}),
    IssuingAccount: `arn:aws:iam::${ctx.accountId}:root`,
    Operations: ops,
    ...(limits ? {Constraints: limits} : {}),
  };
  // A retried CreateGrant with the same name and the same grant gets the grant it already made.
  if (name !== undefined) {
    const same = grantsOf(key).find(g => g.Name === name && canonical(g) === canonical(fields));
    if (same) return {GrantToken: grantToken(key.keyId, same.GrantId), GrantId: same.GrantId};
  }
  refuseDryRun(params);
  if (grantCount(key) >= GRANTS_PER_KEY) {
    throw new KmsError('LimitExceededException', `${arnOf(ctx, key)} already has ${GRANTS_PER_KEY} grants.`);
  }
  const grantId = createHash('sha256').update(randomBytes(32)).digest('hex');
  addGrant(key, {GrantId: grantId, CreationDate: ctx.now, ...fields});
  return {GrantToken: grantToken(key.keyId, grantId), GrantId: grantId};
};

const listed = (ctx: OperationContext, key: KeyRecord, grant: Grant) => ({
  KeyId: keyArn(ctx.regionName, ctx.accountId, key.keyId),
  ...grant,
});

export const ListGrants: Operation = (ctx, params) => {
  const key = targetKey(ctx, params);
  const grantId = optionalString(params, 'GrantId');
  const grantee = optionalString(params, 'GranteePrincipal');
  const all = grantsOf(key);
  const grants =
    grantId === undefined && grantee === undefined
      ? all
      : all.filter(
          g =>
            (grantId === undefined || g.GrantId === grantId) &&
            (grantee === undefined || g.GranteePrincipal === grantee),
        );
  const {page, more} = paginate(grants, params, {default: 50, max: 100});
  return {Grants: page.map(g => listed(ctx, key, g)), ...more};
};

export const ListRetirableGrants: Operation = (ctx, params) => {
  const retiring = principal(params, 'RetiringPrincipal', true);
  const matches: ReturnType<typeof listed>[] = [];
  for (const key of ctx.region.keys.values()) {
    for (const grant of grantsOf(key)) {
      if (grant.RetiringPrincipal === retiring) matches.push(listed(ctx, key, grant));
    }
  }
  const {page, more} = paginate(matches, params, {default: 50, max: 100});
  return {Grants: page, ...more};
};

function grantOf(ctx: OperationContext, key: KeyRecord, grantId: string): Grant {
  if (!/^[0-9a-f]{64}$/.test(grantId))
    throw new KmsError('InvalidGrantIdException', `Invalid grant id ${grantId}`);
  const grant = grantsOf(key).find(g => g.GrantId === grantId);
  if (!grant) throw notFound(`Grant ID ${grantId} not found for ${arnOf(ctx, key)}`);
  return grant;
}

export const RevokeGrant: Operation = (ctx, params) => {
  const key = targetKey(ctx, params);
  const grant = grantOf(ctx, key, requiredString(params, 'GrantId'));
  refuseDryRun(params);
  removeGrant(key, grant.GrantId);
  return undefined;
};

/** A request with DryRun set that would have succeeded: KMS says so instead of doing it. */
function refuseDryRun(params: Params): void {
  if (optionalBoolean(params, 'DryRun')) {
    throw new KmsError(
      'DryRunOperationException',
      'The request would have succeeded, but the DryRun option is set.',
    );
  }
}

/** The retiring principal, the grantee of a grant that allows RetireGrant, or the issuing account. */
function mayRetire(caller: string, grant: Grant): boolean {
  const root = `arn:aws:iam::${caller.split(':')[4] ?? ''}:root`;
  return (
    grant.RetiringPrincipal === caller ||
    (grant.GranteePrincipal === caller && grant.Operations.includes('RetireGrant')) ||
    (grant.IssuingAccount === root && caller === root)
  );
}

export const RetireGrant: Operation = (ctx, params) => {
  const token = optionalString(params, 'GrantToken');
  const named = token === undefined ? undefined : fromToken(token);
  const keyRef = optionalString(params, 'KeyId');
  const grantId = optionalString(params, 'GrantId') ?? named?.grantId;
  if (grantId === undefined || (keyRef === undefined && named === undefined)) {
    throw new KmsError('ValidationException', 'Specify a GrantToken, or both KeyId and GrantId.');
  }
  const key = targetKey(ctx, keyRef === undefined ? {KeyId: named?.keyId} : params);
  const grant = grantOf(ctx, key, grantId);
  if (!mayRetire(ctx.caller, grant)) throw accessDenied(ctx.caller, 'RetireGrant', arnOf(ctx, key));
  refuseDryRun(params);
  removeGrant(key, grant.GrantId);
  return undefined;
};
