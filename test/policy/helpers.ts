// Shared test data: fixture policy texts (built from kms-facts.md) and DescribeKey-like key infos.
import {readFileSync} from 'node:fs';
import fc from 'fast-check';
import {fileURLToPath} from 'node:url';
import type {KeyInfo, PolicyDocument} from '../../source/policy/index.js';
import {parsePolicy} from '../../source/policy/index.js';

export const ACCOUNT = '111122223333';
export const OTHER_ACCOUNT = '444455556666';

export function fixtureText(name: string): string {
  return readFileSync(fileURLToPath(new URL(`../fixtures/policies/${name}.json`, import.meta.url)), 'utf8');
}

export function fixture(name: string): PolicyDocument {
  const result = parsePolicy(fixtureText(name));
  if (!result.ok) throw new Error(`fixture ${name} does not parse: ${JSON.stringify(result.errors)}`);
  return result.document;
}

export function key(overrides: Partial<KeyInfo> = {}): KeyInfo {
  return {
    accountId: ACCOUNT,
    keySpec: 'SYMMETRIC_DEFAULT',
    keyUsage: 'ENCRYPT_DECRYPT',
    origin: 'AWS_KMS',
    multiRegion: false,
    keyManager: 'CUSTOMER',
    ...overrides,
  };
}

export const KEYS = {
  symmetric: key(),
  'asymmetric-encrypt': key({keySpec: 'RSA_2048'}),
  sign: key({keySpec: 'ECC_NIST_P256', keyUsage: 'SIGN_VERIFY'}),
  hmac: key({keySpec: 'HMAC_256', keyUsage: 'GENERATE_VERIFY_MAC'}),
  'key-agreement': key({keySpec: 'ECC_NIST_P384', keyUsage: 'KEY_AGREEMENT'}),
} as const;

export const role = (name: string, account = ACCOUNT) => `arn:aws:iam::${account}:role/${name}`;
export const user = (name: string, account = ACCOUNT) => `arn:aws:iam::${account}:user/${name}`;

/** The administrators statement's actions, sorted, for exact set assertions. */
export function adminSet(doc: PolicyDocument): string[] {
  const st = doc.Statement.find(s => s.Sid === 'Allow access for Key Administrators');
  const actions = st?.Action;
  return (typeof actions === 'string' ? [actions] : (actions ?? [])).slice().sort();
}

/**
 * Any text, weighted towards controls and escapes, lone surrogates included. (fast-check's own
 * `unit: 'binary'` strings are correct but take ~10 ms each to generate.)
 */
export const anyText = fc
  .array(
    fc.oneof(
      fc.integer({min: 0, max: 0x9f}),
      fc.constantFrom(0x1b, 0x9b, 0x0a, 0x0d, 0x22, 0x5b, 0x5d, 0x7b, 0x7d),
      fc.integer({min: 0xa0, max: 0xffff}),
      fc.integer({min: 0x10000, max: 0x10ffff}),
    ),
    {maxLength: 40},
  )
  .map(codes => codes.map(c => (c > 0xffff ? String.fromCodePoint(c) : String.fromCharCode(c))).join(''));
