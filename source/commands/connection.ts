// Which account, Region and endpoint to talk to, resolved as the AWS CLI does it:
// flags, then AWS_* environment variables, then keypol's own settings, then the profile's
// config file. AWS_DEFAULT_REGION is read here because the JS SDK ignores it.
import {existsSync} from 'node:fs';
import {join} from 'node:path';
import {configDir} from '../store/paths.js';
import {readOnlyMode} from '../store/read-only.js';
import {regionProblem} from '../policy/regions.js';
import {UsageError} from './exit.js';
import type {Settings} from '../store/types.js';

type Env = Record<string, string | undefined>;

export interface ConnectionFlags {
  profile?: string;
  region?: string;
  endpointUrl?: string;
  readOnly?: boolean;
}

export interface Connection {
  region: string;
  profile?: string;
  endpoint?: string;
  stsEndpoint?: string;
  readOnly: boolean;
  readOnlySource?: string;
}

export async function resolveConnection(flags: ConnectionFlags, env: Env): Promise<Connection> {
  const endpoint = checkedUrl(
    ...firstOf([
      [flags.endpointUrl, '--endpoint-url'],
      [nonEmpty(env.AWS_ENDPOINT_URL_KMS), 'AWS_ENDPOINT_URL_KMS'],
      [nonEmpty(env.AWS_ENDPOINT_URL), 'AWS_ENDPOINT_URL'],
    ]),
  );
  const stsEndpoint = checkedUrl(
    ...firstOf([
      [flags.endpointUrl, '--endpoint-url'],
      [nonEmpty(env.AWS_ENDPOINT_URL_STS), 'AWS_ENDPOINT_URL_STS'],
      [nonEmpty(env.AWS_ENDPOINT_URL), 'AWS_ENDPOINT_URL'],
    ]),
  );
  const settings = await readSettings(env);
  const mode = readOnlyMode({flag: flags.readOnly === true, env, settings, settingsPath: settingsPath(env)});
  const profile = flags.profile ?? nonEmpty(env.AWS_PROFILE) ?? settings.profile;
  const shared = await import('../aws/shared-config.js');
  // A mistyped profile is named as such (the SDK would only say it found no credentials). A
  // profile may still come from SSO or the environment alone, so only a named one is checked.
  if (profile && profile !== 'default' && !shared.profileExists(profile, env)) {
    throw new UsageError(
      `profile "${profile}" is not in ~/.aws/config or ~/.aws/credentials (aws configure list-profiles shows the profiles there)`,
    );
  }
  let region =
    flags.region ?? nonEmpty(env.AWS_REGION) ?? nonEmpty(env.AWS_DEFAULT_REGION) ?? settings.region;
  if (!region) {
    const {regionFromProfile} = await import('../aws/client.js');
    region = await regionFromProfile(profile);
  }
  if (!region) {
    throw new UsageError(
      `no AWS region: pass --region, set AWS_REGION, or add "region = ..." to ${profile ? `profile ${profile}` : 'your profile'} in ~/.aws/config`,
    );
  }
  const problem = regionProblem(region);
  if (problem) throw new UsageError(problem);
  // The profile's endpoint_url ([services] kms/sts, or its own) when no flag or variable names one.
  const kmsEndpoint = endpoint ?? shared.configuredEndpoint(profile, 'kms', env);
  const stsUrl = stsEndpoint ?? shared.configuredEndpoint(profile, 'sts', env);
  return {
    region,
    ...(profile ? {profile} : {}),
    ...(kmsEndpoint ? {endpoint: kmsEndpoint} : {}),
    ...(stsUrl ? {stsEndpoint: stsUrl} : {}),
    readOnly: mode.readOnly,
    ...(mode.source ? {readOnlySource: mode.source} : {}),
  };
}

function firstOf(candidates: [string | undefined, string][]): [string | undefined, string] {
  return candidates.find(([value]) => value !== undefined) ?? [undefined, ''];
}

/** An endpoint must be an http(s) URL: a usage error that names where it came from, not "TypeError: Invalid URL". */
function checkedUrl(value: string | undefined, source: string): string | undefined {
  if (value === undefined) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw new UsageError(
      `${source} ${JSON.stringify(value)} is not an http(s) URL; give one such as https://kms.us-east-1.amazonaws.com`,
    );
  }
  return value;
}

/**
 * Read-only for a connection that resolves nothing else (the sandbox): the same three sources,
 * so KEYPOL_READ_ONLY and the settings file hold with --sandbox too.
 */
export async function resolveReadOnly(
  flag: boolean,
  env: Env,
): Promise<{readOnly: boolean; readOnlySource?: string}> {
  const mode = readOnlyMode({flag, env, settings: await readSettings(env), settingsPath: settingsPath(env)});
  return {readOnly: mode.readOnly, ...(mode.source ? {readOnlySource: mode.source} : {})};
}

function settingsPath(env: Env): string {
  return join(configDir(env), 'settings.json');
}

/** The settings file, or the defaults when there is none (without loading conf at all). */
async function readSettings(env: Env): Promise<Settings> {
  const dir = configDir(env);
  if (!existsSync(settingsPath(env))) return {readOnly: false};
  const {openSettings, SettingsError} = await import('../store/settings.js');
  try {
    return (await openSettings({cwd: dir})).get();
  } catch (error) {
    if (error instanceof SettingsError) throw new UsageError(`${error.message}; correct or delete it`);
    throw error;
  }
}

/**
 * The wait for a connection and for each answer: --timeout SECONDS, else KEYPOL_TIMEOUT, else
 * "timeout" in the settings file, else the client's default (15 s).
 */
export async function resolveTimeout(flag: string | undefined, env: Env): Promise<{timeoutMs?: number}> {
  const [value, source] =
    flag !== undefined ? [flag, '--timeout'] : [env.KEYPOL_TIMEOUT?.trim() || undefined, 'KEYPOL_TIMEOUT'];
  if (value === undefined) {
    // The settings file's schema already holds it to 0 < timeout ≤ 3600.
    const {timeout} = await readSettings(env);
    return timeout === undefined ? {} : {timeoutMs: Math.round(timeout * 1000)};
  }
  const seconds = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || !(seconds > 0) || seconds > 3600) {
    throw new UsageError(
      `${source} takes a number of seconds between 0 and 3600, not ${JSON.stringify(value)}`,
    );
  }
  return {timeoutMs: Math.round(seconds * 1000)};
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
