// The few things keypol reads from the AWS CLI's shared files itself: whether a profile exists
// (so a typo is named as such, not as "no credentials"), and the KMS endpoint a profile configures
// (`endpoint_url` in the profile, or `kms = endpoint_url = …` in the `[services NAME]` section the
// profile names), as the AWS CLI v2 uses them. Credentials stay with the SDK's own chain.
import {existsSync, readFileSync} from 'node:fs';
import {homedir} from 'node:os';
import {join} from 'node:path';

type Env = Record<string, string | undefined>;
type Section = Record<string, string | Record<string, string>>;

/** INI as the AWS CLI writes it: `[name]` sections, `key = value`, and indented sub-keys under `key =`. */
export function parseIni(text: string): Map<string, Section> {
  const sections = new Map<string, Section>();
  let current: Section | undefined;
  let parent: Record<string, string> | undefined;
  for (const raw of text.split(/\r?\n/)) {
    if (/^\s*([#;].*)?$/.test(raw)) continue;
    const header = /^\s*\[\s*([^\]]+?)\s*\]/.exec(raw);
    if (header) {
      current = {};
      parent = undefined;
      sections.set(header[1]!.replace(/\s+/g, ' '), current);
      continue;
    }
    const pair = /^(\s*)([^=]+?)\s*=\s*(.*?)\s*$/.exec(raw);
    if (!pair || !current) continue;
    const [, indent, key, value] = pair as unknown as [string, string, string, string];
    if (indent && parent) parent[key] = value;
    else if (value === '') current[key] = parent = {};
    else {
      current[key] = value;
      parent = undefined;
    }
  }
  return sections;
}

function read(path: string): Map<string, Section> {
  return existsSync(path) ? parseIni(readFileSync(path, 'utf8')) : new Map();
}

const configPath = (env: Env) => env.AWS_CONFIG_FILE || join(env.HOME || homedir(), '.aws', 'config');
const credentialsPath = (env: Env) =>
  env.AWS_SHARED_CREDENTIALS_FILE || join(env.HOME || homedir(), '.aws', 'credentials');

const profileSection = (name: string) => (name === 'default' ? 'default' : `profile ${name}`);

/** The profile is in ~/.aws/config or ~/.aws/credentials (or their AWS_* overrides). */
export function profileExists(name: string, env: Env = process.env): boolean {
  return read(configPath(env)).has(profileSection(name)) || read(credentialsPath(env)).has(name);
}

/**
 * The endpoint the profile configures for `service` ('kms', 'sts'), if any: the service's entry in
 * the profile's `[services …]` section, else the profile's own `endpoint_url`
 * (AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true or ignore_configured_endpoint_urls turn this off).
 */
export function configuredEndpoint(
  name: string | undefined,
  service: 'kms' | 'sts',
  env: Env = process.env,
): string | undefined {
  if (/^true$/i.test(env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS ?? '')) return undefined;
  const config = read(configPath(env));
  const profile = config.get(profileSection(name ?? 'default'));
  if (!profile || /^true$/i.test(String(profile.ignore_configured_endpoint_urls ?? ''))) return undefined;
  const services =
    typeof profile.services === 'string' ? config.get(`services ${profile.services}`) : undefined;
  const entry = services?.[service];
  if (typeof entry === 'object' && entry.endpoint_url) return entry.endpoint_url;
  return typeof profile.endpoint_url === 'string' && profile.endpoint_url ? profile.endpoint_url : undefined;
}
