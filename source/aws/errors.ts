// Every failure from AWS becomes one sentence that names the cause and the next step.
// The SDK's errors carry a name (the wire __type) or, for transport problems, a Node error code.

export type AwsErrorKind =
  | 'credentials'
  | 'expired'
  | 'access-denied'
  | 'throttled'
  | 'not-found'
  | 'invalid-state'
  | 'malformed'
  | 'network'
  | 'other';

export class AwsError extends Error {
  override readonly name = 'AwsError';
  constructor(
    message: string,
    readonly kind: AwsErrorKind,
    options?: {cause?: unknown},
  ) {
    super(message, options);
  }
}

export interface ErrorContext {
  /** e.g. "kms:DescribeKey" or "sts:GetCallerIdentity". */
  action: string;
  /** The key the call was about, as the operator named it. */
  ref?: string;
  region: string;
  profile?: string;
  endpoint?: string;
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'ECONNRESET',
  'EHOSTUNREACH',
]);
const EXPIRED = new Set(['ExpiredTokenException', 'ExpiredToken', 'RequestExpired', 'TokenRefreshRequired']);
const BAD_CREDENTIALS = new Set([
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'IncompleteSignature',
]);
// ListKeys and ListAliases can only be granted by IAM policies, never by a key policy.
const IAM_ONLY = new Set(['kms:ListKeys', 'kms:ListAliases']);

export function toAwsError(error: unknown, context: ErrorContext): AwsError {
  if (error instanceof AwsError) return error;
  const err = (error ?? {}) as {name?: string; message?: string; code?: string};
  const name = err.name ?? '';
  const detail = (err.message ?? String(error)).trim();
  const [kind, message] = explain(name, err.code, detail, context);
  return new AwsError(message, kind, {cause: error});
}

function explain(
  name: string,
  code: string | undefined,
  detail: string,
  {action, ref, region, profile, endpoint}: ErrorContext,
): [AwsErrorKind, string] {
  const profileFlag = profile ? ` --profile ${profile}` : '';
  const key = ref ? `"${ref}"` : 'the key';
  if (/sso/i.test(detail) && /expired|refresh|token/i.test(detail)) {
    return ['expired', `The SSO session has expired: run \`aws sso login${profileFlag}\` and retry.`];
  }
  if (name === 'CredentialsProviderError' || /could not load credentials/i.test(detail)) {
    return [
      'credentials',
      'No AWS credentials were found: pass --profile or set AWS_PROFILE (see `aws configure` / `aws sso login`), ' +
        'set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or try keypol --sandbox.',
    ];
  }
  if (EXPIRED.has(name)) {
    return [
      'expired',
      `The AWS session token has expired: refresh your credentials (e.g. \`aws sso login${profileFlag}\`) and retry.`,
    ];
  }
  if (BAD_CREDENTIALS.has(name)) {
    return [
      'credentials',
      `AWS rejected the credentials (${name}): check the access key and secret${profile ? ` of profile ${profile}` : ''}.`,
    ];
  }
  if (name === 'AccessDeniedException' || name === 'AccessDenied') {
    const where = IAM_ONLY.has(action) ? 'an IAM policy' : 'an IAM policy or the key policy';
    return [
      'access-denied',
      `Access denied: the caller needs ${action} on ${IAM_ONLY.has(action) ? 'the account' : key}, granted by ${where}.`,
    ];
  }
  if (name === 'ThrottlingException' || name === 'Throttling' || name === 'TooManyRequestsException') {
    return [
      'throttled',
      `KMS kept throttling ${action} after 8 attempts: wait a moment and retry, or ask AWS for a higher request quota.`,
    ];
  }
  if (name === 'NotFoundException') {
    return ['not-found', `No KMS key ${key} in ${region}: check the key id, ARN or alias, and the region.`];
  }
  if (name === 'InvalidArnException') {
    return [
      'not-found',
      `${key} is not a valid key reference for ${region}: use a key id, key ARN, alias name or alias ARN.`,
    ];
  }
  if (name === 'KMSInvalidStateException') {
    return ['invalid-state', `The key's state does not allow ${action}: ${detail}`];
  }
  if (name === 'MalformedPolicyDocumentException' || name === 'LimitExceededException') {
    return ['malformed', `KMS refused the policy (${name}): ${detail}`];
  }
  if (
    (code && NETWORK_CODES.has(code)) ||
    name === 'TimeoutError' ||
    /ECONNREFUSED|ENOTFOUND|getaddrinfo/.test(detail)
  ) {
    const target = endpoint ?? `the ${region} endpoint`;
    return [
      'network',
      `Cannot reach ${target} (${code ?? name}): check the network, proxy settings, --region and --endpoint-url.`,
    ];
  }
  if (/region is missing/i.test(detail)) {
    return [
      'other',
      'No AWS region: pass --region, set AWS_REGION, or add region to your profile in ~/.aws/config.',
    ];
  }
  return ['other', `${action} failed${name ? ` (${name})` : ''}: ${detail}`];
}
