// Who the sandbox thinks is calling. It does not verify SigV4 signatures: the access key id in the
// Authorization header's credential scope picks a principal from this documented map, so that
// lockout checks and `whoami` have someone meaningful to talk about.

export const SANDBOX_ACCOUNT = '111122223333';
export const EXTERNAL_ACCOUNT = '444455556666';

/** The default credentials: they map to the account root. Any secret key is accepted. */
export const SANDBOX_CREDENTIALS = {
  accessKeyId: 'AKIASANDBOXROOT00000',
  secretAccessKey: 'sandbox-secret-not-verified',
} as const;

const iam = (resource: string): string => `arn:aws:iam::${SANDBOX_ACCOUNT}:${resource}`;

/** Access key id → principal ARN. Unknown access key ids act as the account root. */
export const SANDBOX_CALLERS: Record<string, string> = {
  [SANDBOX_CREDENTIALS.accessKeyId]: iam('root'),
  AKIASANDBOXKEYADMIN0: iam('role/KeyAdmin'),
  AKIASANDBOXALICE0000: iam('user/alice'),
  AKIASANDBOXAPPSERVER: iam('role/AppServer'),
  AKIASANDBOXBATCH0000: iam('role/Batch'),
  AKIASANDBOXNOIAM0000: iam('role/KeyOperator'),
};

/**
 * Callers whose IAM policies grant no IAM reads (iam:List*, iam:Get*): every IAM request they make is answered
 * with AccessDenied, as for an operator who may manage keys but not browse IAM.
 */
export const IAM_DENIED_CALLERS: ReadonlySet<string> = new Set([iam('role/KeyOperator')]);

export const ROOT_CALLER = iam('root');

/** KMS operations that change state. Read-only tests assert none of these appear in the request log. */
export const MUTATING_OPERATIONS: ReadonlySet<string> = new Set([
  'PutKeyPolicy',
  'CreateKey',
  'CreateAlias',
  'UpdateAlias',
  'DeleteAlias',
  'TagResource',
  'UntagResource',
  'EnableKey',
  'DisableKey',
  'ScheduleKeyDeletion',
  'CancelKeyDeletion',
  'UpdateKeyDescription',
  'EnableKeyRotation',
  'DisableKeyRotation',
  'RotateKeyOnDemand',
  'CreateGrant',
  'RetireGrant',
  'RevokeGrant',
  'ReplicateKey',
  'UpdatePrimaryRegion',
  'ImportKeyMaterial',
  'DeleteImportedKeyMaterial',
]);

export interface CallContext {
  region: string;
  caller: string;
  /** The SigV4 service name of the credential scope ("kms", "sts", "iam"), when signed. */
  service?: string;
}

const SCOPE = /Credential=([^/,\s]+)\/\d{8}\/([a-z0-9-]+)\/([a-z0-9-]+)\/aws4_request/;

/** Region and caller from `Authorization: AWS4-HMAC-SHA256 Credential=AKID/DATE/REGION/SERVICE/aws4_request`. */
export function callContext(authorization: string | undefined): CallContext {
  const match = SCOPE.exec(authorization ?? '');
  if (!match) return {region: 'us-east-1', caller: ROOT_CALLER};
  const [, accessKeyId = '', region = 'us-east-1', service = ''] = match;
  // Own properties only: an access key id "constructor" is an unknown key id, not Object.
  return {
    region,
    caller: Object.hasOwn(SANDBOX_CALLERS, accessKeyId)
      ? (SANDBOX_CALLERS[accessKeyId] as string)
      : ROOT_CALLER,
    service,
  };
}
