// Shared policies for generated keys. Ten thousand keys share a handful of documents, so a key
// stores only a template id ("current|SYMMETRIC_DEFAULT|ENCRYPT_DECRYPT") and the text is built on
// first read and cached: `--keys 10000` starts without building ten thousand policies.
import {
  apiDefault,
  consolePolicy,
  crossAccountPolicy,
  keyInfo,
  modifiedV2Policy,
  v1Policy,
} from './policies.js';

export const TEMPLATE_KINDS = [
  'v1',
  'v2',
  'v3',
  'current',
  'current-no-delete',
  'modified-v2',
  'api-default',
  'cross-account',
] as const;

export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

export const templateId = (kind: TemplateKind, keySpec: string, keyUsage: string): string =>
  `${kind}|${keySpec}|${keyUsage}`;

const cache = new Map<string, string>();

function build(id: string): string {
  const [kind, keySpec = 'SYMMETRIC_DEFAULT', keyUsage = 'ENCRYPT_DECRYPT'] = id.split('|');
  const key = keyInfo(keySpec, keyUsage);
  switch (kind) {
    case 'v1':
      return v1Policy();
    case 'v2':
    case 'v3':
    case 'current':
      return consolePolicy({version: kind, key});
    case 'current-no-delete':
      return consolePolicy({version: 'current', key, allowDeletion: false});
    case 'modified-v2':
      return modifiedV2Policy(key);
    case 'api-default':
      return apiDefault();
    case 'cross-account':
      return crossAccountPolicy();
    default:
      throw new Error(`unknown policy template ${id}`);
  }
}

export function templatePolicy(id: string): string {
  let text = cache.get(id);
  if (text === undefined) {
    text = build(id);
    cache.set(id, text);
  }
  return text;
}
