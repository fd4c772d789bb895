// keypol's own defaults (region, profile, read-only), kept by conf in the XDG config dir.
// Flags and AWS_* environment variables win over these; see commands/connection.ts.
// conf (with its JSON-schema validator) is imported lazily: most runs only read two values.
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
};

/** Opens the settings file; `cwd` is the folder that holds it (tests pass a temp dir). */
export async function openSettings(options: {cwd?: string} = {}): Promise<SettingsStore> {
  const {default: Conf} = await import('conf');
  const conf = new Conf<Settings>({cwd: options.cwd ?? configDir(), configName: 'settings', schema});
  return {
    path: conf.path,
    get: () => ({region: conf.get('region'), profile: conf.get('profile'), readOnly: conf.get('readOnly')}),
    set: (name, value) => {
      if (value === undefined) conf.delete(name);
      else conf.set({[name]: value});
    },
  };
}
