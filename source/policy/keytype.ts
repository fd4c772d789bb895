// DescribeKey metadata → which key-users template the console uses (kms-facts §1.3).
import type {KeyInfo, KeyKind} from './types.js';

export function keyKindOf(key: KeyInfo): KeyKind {
  switch (key.keyUsage) {
    case 'GENERATE_VERIFY_MAC':
      return 'hmac';
    case 'SIGN_VERIFY':
      return 'sign';
    case 'KEY_AGREEMENT':
      return 'key-agreement';
    case 'ENCRYPT_DECRYPT':
      return key.keySpec === 'SYMMETRIC_DEFAULT' ? 'symmetric' : 'asymmetric-encrypt';
    default:
      // Unknown usage: fall back on the spec, which is enough for HMAC and symmetric keys.
      return key.keySpec.startsWith('HMAC_') ? 'hmac' : 'symmetric';
  }
}

/** DescribeKey's KeyManager is the truth; an `auto-…` policy Id or an alias/aws/ name are only hints. */
export function isAwsManaged(key: KeyInfo): boolean {
  return key.keyManager === 'AWS';
}
