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
  | 'timeout'
  | 'not-kms'
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

/**
 * No answer within the time limit. Named so the SDK's retry does not classify it as transient (a
 * timed-out request is not repeated), with no HTTP status: a write that timed out may have been
 * applied, and the write path re-reads to say which.
 */
export class RequestTimeoutError extends Error {
  override readonly name = 'RequestTimeoutError';
  constructor(readonly timeoutMs: number) {
    super(`no answer within ${timeoutMs / 1000} s`);
  }
}

/** A 200 answer without what every real answer has (STS reads a web page as an empty XML answer). */
export class IncompleteAnswerError extends Error {
  override readonly name = 'IncompleteAnswerError';
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
  const [kind, message] = explain(name, err.code, detail, context, notAws(error));
  return new AwsError(message, kind, {cause: error});
}

/**
 * "HTTP 200, text/html" when the answer could not be read as an AWS answer at all (a web page,
 * a proxy's error page): the SDK then says "Unexpected token '<' … inspect the hidden field
 * {error}.$response", which names its internals instead of the cause.
 */
function notAws(error: unknown): string | undefined {
  const e = error as {
    $response?: {statusCode?: number; headers?: Record<string, string>};
    name?: string;
    message?: string;
  };
  if (error instanceof IncompleteAnswerError) return error.message;
  if (!e || typeof e !== 'object' || !e.$response) return undefined;
  if (e.name !== 'SyntaxError' && !/Deserialization error/.test(e.message ?? '')) return undefined;
  const type = e.$response.headers?.['content-type'];
  return `HTTP ${e.$response.statusCode ?? '?'}${type ? `, ${type}` : ''}`;
}

function explain(
  name: string,
  code: string | undefined,
  detail: string,
  {action, ref, region, profile, endpoint}: ErrorContext,
  notKms: string | undefined,
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
  if ((name === 'AccessDeniedException' || name === 'AccessDenied') && action.startsWith('iam:')) {
    return [
      'access-denied',
      `Access denied: the caller needs ${action}, which only an IAM policy can grant.`,
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
  if (name === 'RequestTimeoutError') {
    const target = endpoint ?? `the ${region} endpoint`;
    return [
      'timeout',
      `No answer from ${target} to ${action} within ${detail.replace(/^no answer within /, '')}: check the network, --region and --endpoint-url, or allow longer with --timeout SECONDS (or KEYPOL_TIMEOUT, or "timeout" in the settings file).`,
    ];
  }
  if (notKms) {
    const target = endpoint ?? `the ${region} endpoint`;
    return [
      'not-kms',
      `${target} did not answer like AWS (${action} got ${notKms}): check --endpoint-url and AWS_ENDPOINT_URL — it should be a KMS endpoint such as https://kms.${region}.amazonaws.com, or a proxy in between is answering instead.`,
    ];
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
