// Semantic colour tokens. Components ask for "danger" or "json.key", never for "red"; and this
// is the one place that honours NO_COLOR / --no-color: every colour becomes undefined, so Ink
// writes plain text. Bold and inverse are not colour and stay (under --no-color chalk drops them
// too), which is why selections also carry a text marker (›).
import type {Classification} from '../policy/types.js';

export type BadgeTone =
  'current' | 'outdated' | 'modified' | 'apiDefault' | 'awsManaged' | 'custom' | 'unknown';
export type JsonTokenKind = 'key' | 'string' | 'number' | 'boolean' | 'null' | 'punctuation' | 'plain';

export interface Theme {
  noColor: boolean;
  text: string | undefined;
  muted: string | undefined;
  accent: string | undefined;
  success: string | undefined;
  warning: string | undefined;
  danger: string | undefined;
  border: string | undefined;
  badge: Readonly<Record<BadgeTone, string | undefined>>;
  json: Readonly<Record<JsonTokenKind, string | undefined>>;
  diff: Readonly<{added: string | undefined; removed: string | undefined; header: string | undefined}>;
}

const COLORS: Omit<Theme, 'noColor'> = {
  text: undefined, // the terminal's own foreground reads best on both dark and light schemes
  muted: 'gray',
  accent: 'cyan',
  success: 'green',
  warning: 'yellow',
  danger: 'red',
  border: 'gray',
  badge: {
    current: 'green',
    outdated: 'yellow',
    modified: 'magenta',
    apiDefault: 'blue',
    awsManaged: 'gray',
    custom: 'cyan',
    unknown: 'gray',
  },
  json: {
    key: 'cyan',
    string: 'green',
    number: 'yellow',
    boolean: 'magenta',
    null: 'gray',
    punctuation: 'gray',
    plain: undefined,
  },
  diff: {added: 'green', removed: 'red', header: 'cyan'},
};

function stripColors<T>(value: T): T {
  if (typeof value === 'string') return undefined as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, stripColors(v)])) as T;
  }
  return value;
}

export function createTheme(noColor: boolean): Theme {
  return {noColor, ...(noColor ? stripColors(COLORS) : COLORS)};
}

/** https://no-color.org: any non-empty NO_COLOR disables colour, as does --no-color. */
export function colorDisabled(env: NodeJS.ProcessEnv, noColorFlag: boolean): boolean {
  return noColorFlag || (env.NO_COLOR ?? '') !== '';
}

export function badgeTone(c: Classification): BadgeTone {
  switch (c.kind) {
    case 'console-default':
      return c.outdated ? 'outdated' : 'current';
    case 'console-modified':
      return 'modified';
    case 'api-default':
      return 'apiDefault';
    case 'aws-managed':
      return 'awsManaged';
    case 'custom':
      return 'custom';
  }
}
