// Read-only mode has three sources — the --read-only flag, KEYPOL_READ_ONLY in the environment,
// `readOnly` in keypol's settings file — and one answer, whatever the connection (AWS, an
// endpoint, the sandbox). The answer names its source so that every refusal can say where the
// mode came from and how to lift it.

type Env = Record<string, string | undefined>;

export interface ReadOnlyMode {
  readOnly: boolean;
  /** "--read-only", "KEYPOL_READ_ONLY=1" or "settings file PATH"; absent when not read-only. */
  source?: string;
}

export function readOnlyMode(inputs: {
  flag: boolean;
  env: Env;
  settings: {readOnly: boolean};
  settingsPath: string;
}): ReadOnlyMode {
  if (inputs.flag) return {readOnly: true, source: '--read-only'};
  const variable = inputs.env.KEYPOL_READ_ONLY ?? '';
  if (/^(1|true|yes|on)$/i.test(variable.trim())) {
    return {readOnly: true, source: `KEYPOL_READ_ONLY=${variable.trim()}`};
  }
  if (inputs.settings.readOnly) return {readOnly: true, source: `settings file ${inputs.settingsPath}`};
  return {readOnly: false};
}
