// The real-policy fixture set (test/fixtures/real-policies): loading, and keypol's reading of each
// in the same terms as the written expectations.
import {readFileSync, readdirSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {
  accessModel,
  lintPolicy,
  lockoutReport,
  parsePolicy,
  validatePolicy,
  type KeyInfo,
  type PolicyDocument,
  type PrincipalRef,
} from '../../source/policy/index.js';
import {key} from './helpers.js';

export interface Reading {
  administrators: string[];
  users: string[];
  iamDelegation: string;
  otherAccounts: string[];
  administratorsCanDelete: boolean;
  lockout: string;
  findings: string[];
}

export interface RealPolicy {
  name: string;
  source: string;
  text: string;
  key: KeyInfo;
  expected: Reading | {notJson: true; findings: string[]};
}

const DIR = new URL('../fixtures/real-policies/', import.meta.url);

export function realPolicies(): RealPolicy[] {
  return readdirSync(fileURLToPath(DIR))
    .filter(f => f.endsWith('.json'))
    .sort()
    .map(file => {
      const raw = JSON.parse(readFileSync(fileURLToPath(new URL(file, DIR)), 'utf8'));
      return {
        name: file.replace(/\.json$/, ''),
        source: raw.source,
        text: raw.policyText ?? JSON.stringify(raw.policy, null, 2),
        key: key({accountId: raw.key.accountId, keyManager: raw.key.keyManager}),
        expected: raw.expected,
      };
    });
}

/** "role/Admin", or "every principal in account 1111 if kms:ViaService" when conditional. */
export function label(ref: PrincipalRef): string {
  const keys = [...new Set((ref.conditions ?? []).map(c => c.key))].sort();
  return keys.length > 0 ? `${ref.name} if ${keys.join(', ')}` : ref.name;
}

export function documentOf(p: RealPolicy): PolicyDocument | undefined {
  const parsed = parsePolicy(p.text);
  return parsed.ok ? parsed.document : undefined;
}

export function findingCodes(p: RealPolicy, doc: PolicyDocument | undefined): string[] {
  const validation = validatePolicy(p.text);
  const lint = doc ? lintPolicy(doc, {key: p.key, text: p.text, mode: 'live'}) : [];
  return [...new Set([...validation, ...lint].map(f => f.code))].sort();
}

export function readingOf(p: RealPolicy, doc: PolicyDocument): Reading {
  const model = accessModel(doc, p.key);
  return {
    administrators: model.administrators.map(label).sort(),
    users: model.users.map(label).sort(),
    iamDelegation: model.iamDelegation,
    otherAccounts: [...model.externalAccounts].sort(),
    administratorsCanDelete: model.administratorsCanDelete,
    lockout: lockoutReport(doc, p.key).state,
    findings: findingCodes(p, doc),
  };
}
