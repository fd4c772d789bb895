// Builds the KMS and STS clients the way the AWS CLI would connect: the SDK's default
// credential chain (env, shared files, SSO, web identity, container and instance roles) for
// the given profile, an explicit region, and an optional endpoint override.
import {KMSClient} from '@aws-sdk/client-kms';
import {STSClient} from '@aws-sdk/client-sts';

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
  /** Fixed credentials (the sandbox); otherwise the default provider chain for `profile`. */
  credentials?: StaticCredentials;
}

// Adaptive mode adds client-side rate limiting on top of backoff, so a burst of per-key calls
// slows itself down when KMS starts throttling; 8 attempts rides out a few seconds of it.
const RETRY = {retryMode: 'adaptive', maxAttempts: 8} as const;

export function createClients(options: ClientOptions): {kms: KMSClient; sts: STSClient} {
  const config = {
    region: options.region,
    ...(options.profile ? {profile: options.profile} : {}),
    ...(options.credentials ? {credentials: options.credentials} : {}),
    ...RETRY,
  };
  const stsEndpoint = options.stsEndpoint ?? options.endpoint;
  return {
    kms: new KMSClient({...config, ...(options.endpoint ? {endpoint: options.endpoint} : {})}),
    sts: new STSClient({...config, ...(stsEndpoint ? {endpoint: stsEndpoint} : {})}),
  };
}

/**
 * The client for mutating calls: no automatic retries. After a lost answer (reset, timeout) the
 * call may have been applied, and a blind retry could overwrite what another writer did since;
 * the guarded path re-reads instead and says whether it was applied.
 */
export function createWriteClient(options: ClientOptions): KMSClient {
  return new KMSClient({
    region: options.region,
    ...(options.profile ? {profile: options.profile} : {}),
    ...(options.credentials ? {credentials: options.credentials} : {}),
    ...(options.endpoint ? {endpoint: options.endpoint} : {}),
    maxAttempts: 1,
  });
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
