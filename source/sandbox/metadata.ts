// DescribeKey's KeyMetadata, and which key spec goes with which usage and algorithms.
import {KmsError} from './errors.js';
import {keyArn, type KeyRecord} from './state.js';

const RSA_ENCRYPT = ['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256'];
const RSA_SIGN = [
  'RSASSA_PKCS1_V1_5_SHA_256',
  'RSASSA_PKCS1_V1_5_SHA_384',
  'RSASSA_PKCS1_V1_5_SHA_512',
  'RSASSA_PSS_SHA_256',
  'RSASSA_PSS_SHA_384',
  'RSASSA_PSS_SHA_512',
];

type Algorithms = Partial<Record<string, string[]>>; // key usage → algorithms

const SPECS: Record<string, Algorithms> = {
  SYMMETRIC_DEFAULT: {ENCRYPT_DECRYPT: ['SYMMETRIC_DEFAULT']},
  RSA_2048: {ENCRYPT_DECRYPT: RSA_ENCRYPT, SIGN_VERIFY: RSA_SIGN},
  RSA_3072: {ENCRYPT_DECRYPT: RSA_ENCRYPT, SIGN_VERIFY: RSA_SIGN},
  RSA_4096: {ENCRYPT_DECRYPT: RSA_ENCRYPT, SIGN_VERIFY: RSA_SIGN},
  ECC_NIST_P256: {SIGN_VERIFY: ['ECDSA_SHA_256'], KEY_AGREEMENT: ['ECDH']},
  ECC_NIST_P384: {SIGN_VERIFY: ['ECDSA_SHA_384'], KEY_AGREEMENT: ['ECDH']},
  ECC_NIST_P521: {SIGN_VERIFY: ['ECDSA_SHA_512'], KEY_AGREEMENT: ['ECDH']},
  ECC_SECG_P256K1: {SIGN_VERIFY: ['ECDSA_SHA_256']},
  ECC_NIST_EDWARDS25519: {SIGN_VERIFY: ['ED25519_SHA_512', 'ED25519_PH_SHA_512']},
  SM2: {ENCRYPT_DECRYPT: ['SM2PKE'], SIGN_VERIFY: ['SM2DSA'], KEY_AGREEMENT: ['ECDH']},
  HMAC_224: {GENERATE_VERIFY_MAC: ['HMAC_SHA_224']},
  HMAC_256: {GENERATE_VERIFY_MAC: ['HMAC_SHA_256']},
  HMAC_384: {GENERATE_VERIFY_MAC: ['HMAC_SHA_384']},
  HMAC_512: {GENERATE_VERIFY_MAC: ['HMAC_SHA_512']},
  ML_DSA_44: {SIGN_VERIFY: ['ML_DSA_SHAKE_256']},
  ML_DSA_65: {SIGN_VERIFY: ['ML_DSA_SHAKE_256']},
  ML_DSA_87: {SIGN_VERIFY: ['ML_DSA_SHAKE_256']},
};

const ALGORITHM_MEMBER: Record<string, string> = {
  ENCRYPT_DECRYPT: 'EncryptionAlgorithms',
  SIGN_VERIFY: 'SigningAlgorithms',
  GENERATE_VERIFY_MAC: 'MacAlgorithms',
  KEY_AGREEMENT: 'KeyAgreementAlgorithms',
};

/** The usage CreateKey assumes when only a spec is given. */
export function defaultUsage(keySpec: string): string {
  if (keySpec.startsWith('HMAC_')) return 'GENERATE_VERIFY_MAC';
  return keySpec === 'SYMMETRIC_DEFAULT' || keySpec.startsWith('RSA_') || keySpec === 'SM2'
    ? 'ENCRYPT_DECRYPT'
    : 'SIGN_VERIFY';
}

export function checkSpec(keySpec: string, keyUsage: string): void {
  // Own properties only: a KeySpec of "constructor" is not a key spec.
  const usages = Object.hasOwn(SPECS, keySpec) ? SPECS[keySpec] : undefined;
  if (!usages) {
    throw new KmsError(
      'ValidationException',
      `1 validation error detected: Value '${keySpec}' at 'keySpec' failed to satisfy constraint: Member must satisfy enum value set: [${Object.keys(SPECS).join(', ')}]`,
    );
  }
  if (!Object.hasOwn(usages, keyUsage)) {
    throw new KmsError(
      'ValidationException',
      `KeyUsage ${keyUsage} is not compatible with KeySpec ${keySpec}`,
    );
  }
}

export function keyMetadata(key: KeyRecord, region: string, account: string): Record<string, unknown> {
  const algorithms = SPECS[key.keySpec]?.[key.keyUsage];
  const member = ALGORITHM_MEMBER[key.keyUsage];
  return {
    AWSAccountId: account,
    KeyId: key.keyId,
    Arn: keyArn(region, account, key.keyId),
    CreationDate: key.creationDate,
    Enabled: key.keyState === 'Enabled',
    Description: key.description,
    KeyUsage: key.keyUsage,
    KeyState: key.keyState,
    ...(key.deletionDate === undefined ? {} : {DeletionDate: key.deletionDate}),
    Origin: key.origin,
    KeyManager: key.keyManager,
    CustomerMasterKeySpec: key.keySpec,
    KeySpec: key.keySpec,
    ...(algorithms && member ? {[member]: algorithms} : {}),
    MultiRegion: key.multiRegionConfiguration !== undefined,
    ...(key.multiRegionConfiguration ? {MultiRegionConfiguration: key.multiRegionConfiguration} : {}),
  };
}
