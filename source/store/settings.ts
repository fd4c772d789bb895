// keypol's own defaults (region, profile, read-only, timeout), kept by conf in the XDG config dir.
// Flags and AWS_* environment variables win over these; see commands/connection.ts.
// conf (with its JSON-schema validator) is imported lazily: most runs only read two values.
import {join} from 'node:path';
import type {Schema} from 'conf';
import {configDir} from './paths.js';
import type {Settings} from './types.js';

export interface SettingsStore {
  readonly path: string;
  get(): Settings;
  set<K extends keyof Settings>(name: K, value: Settings[K]): void;
}

const schema: Schema<Settings> = {
  region: {type: 'string', pattern: '^[a-z0-9-]+$'},
  profile: {type: 'string', minLength: 1},
  readOnly: {type: 'boolean', default: false},
  timeout: {type: 'number', exclusiveMinimum: 0, maximum: 3600},
};

/** What each setting takes, for the error that names a bad one. */
export const SETTING_VALUES: Readonly<Record<keyof Settings, string>> = {
  region: 'a Region name such as "eu-west-1"',
  profile: 'a profile name of ~/.aws/config',
  readOnly: 'true or false',
  timeout: 'a number of seconds above 0 and at most 3600, such as 30',
};

/** A settings file conf refused: which file, which setting, and what it takes. */
export class SettingsError extends Error {
  constructor(path: string, cause: string) {
    const name = /`(\w+)`/.exec(cause)?.[1] as keyof Settings | undefined;
    const takes = name && name in SETTING_VALUES ? `: "${name}" takes ${SETTING_VALUES[name]}` : '';
    super(
      `the settings file ${path} is not valid (${cause.replace(/^Config schema violation: /, '')})${takes}`,
    );
  }
}

/** Opens the settings file; `cwd` is the folder that holds it (tests pass a temp dir). */
export async function openSettings(options: {cwd?: string} = {}): Promise<SettingsStore> {
  const {default: Conf} = await import('conf');
  const cwd = options.cwd ?? configDir();
  let conf: InstanceType<typeof Conf<Settings>>;
  try {
    conf = new Conf<Settings>({cwd, configName: 'settings', schema});
  } catch (error) {
    // conf validates the whole file as it opens it.
    throw new SettingsError(join(cwd, 'settings.json'), (error as Error).message);
  }
  return {
    path: conf.path,
    get: () => ({
      region: conf.get('region'),
      profile: conf.get('profile'),
      readOnly: conf.get('readOnly'),
      timeout: conf.get('timeout'),
    }),
    set: (name, value) => {
      if (value === undefined) conf.delete(name);
      else conf.set({[name]: value});
    },
  };
}
