// Builds the KMS and STS clients the way the AWS CLI would connect: the SDK's default
// credential chain (env, shared files, SSO, web identity, container and instance roles) for
// the given profile, an explicit region, and an optional endpoint override.
import {KMSClient} from '@aws-sdk/client-kms';
import {STSClient} from '@aws-sdk/client-sts';
import {RequestTimeoutError} from './errors.js';

export interface StaticCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface ClientOptions {
  region: string;
  profile?: string;
  /** KMS endpoint override; STS uses `stsEndpoint`, else this one (the sandbox answers both). */
  endpoint?: string;
  stsEndpoint?: string;
  /** IAM endpoint override; else `endpoint` (the sandbox answers IAM on the same port). */
  iamEndpoint?: string;
  /** Fixed credentials (the sandbox); otherwise the default provider chain for `profile`. */
  credentials?: StaticCredentials;
  /** How long to wait for a connection, and then for the whole answer (default 15 s); not retried. */
  timeoutMs?: number;
}

export const DEFAULT_TIMEOUT_MS = 15_000;

/**
 * The SDK waits forever by default: an endpoint that accepts the connection and never answers
 * would hang `list`, `put` and STS. Both waits get a limit, and a request that ran out of time
 * is not retried (the adaptive retry would otherwise repeat the wait 8 times): it fails at once
 * as a RequestTimeoutError, which the write path treats as "may have been applied".
 */
function withTimeout<T extends KMSClient | STSClient>(client: T, timeoutMs: number): T {
  // One stack type per client: the union of the two add() overload sets is not callable.
  (client.middlewareStack as KMSClient['middlewareStack']).add(
    next => async args => {
      try {
        return await next(args);
      } catch (error) {
        if ((error as Error | undefined)?.name === 'TimeoutError') throw new RequestTimeoutError(timeoutMs);
        throw error;
      }
    },
    {step: 'deserialize', priority: 'low', name: 'keypolRequestTimeout'},
  );
  return client;
}

function timeouts(options: ClientOptions) {
  const ms = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return {ms, requestHandler: {connectionTimeout: ms, requestTimeout: ms, throwOnRequestTimeout: true}};
}

// Adaptive mode adds client-side rate limiting on top of backoff, so a burst of per-key calls
// slows itself down when KMS starts throttling; 8 attempts rides out a few seconds of it.
const RETRY = {retryMode: 'adaptive', maxAttempts: 8} as const;

export function createClients(options: ClientOptions): {kms: KMSClient; sts: STSClient} {
  const {ms, requestHandler} = timeouts(options);
  const config = {
    region: options.region,
    ...(options.profile ? {profile: options.profile} : {}),
    ...(options.credentials ? {credentials: options.credentials} : {}),
    ...RETRY,
    requestHandler,
  };
  const stsEndpoint = options.stsEndpoint ?? options.endpoint;
  return {
    kms: withTimeout(
      new KMSClient({...config, ...(options.endpoint ? {endpoint: options.endpoint} : {})}),
      ms,
    ),
    sts: withTimeout(new STSClient({...config, ...(stsEndpoint ? {endpoint: stsEndpoint} : {})}), ms),
  };
}

/**
 * The client for mutating calls: no automatic retries. After a lost answer (reset, timeout) the
 * call may have been applied, and a blind retry could overwrite what another writer did since;
 * the guarded path re-reads instead and says whether it was applied.
 */
export function createWriteClient(options: ClientOptions): KMSClient {
  const {ms, requestHandler} = timeouts(options);
  const client = new KMSClient({
    region: options.region,
    ...(options.profile ? {profile: options.profile} : {}),
    ...(options.credentials ? {credentials: options.credentials} : {}),
    ...(options.endpoint ? {endpoint: options.endpoint} : {}),
    maxAttempts: 1,
    requestHandler,
  });
  return withTimeout(client, ms);
}

/**
 * The region from the profile's config file (or the instance metadata service on EC2), for
 * when neither a flag nor AWS_REGION/AWS_DEFAULT_REGION nor keypol's settings name one.
 */
export async function regionFromProfile(profile: string | undefined): Promise<string | undefined> {
  const client = new KMSClient(profile ? {profile} : {});
  try {
    return await client.config.region();
  } catch {
    return undefined;
  } finally {
    client.destroy();
  }
}
