// Plain data the UI tests build rows and key events from.
import type {Key} from 'ink';
import type {KeyDetails} from '../../source/aws/types.js';

/** An Ink key event with nothing pressed: spread it and set what a test presses. */
export const NO_KEY: Key = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
};

/** DescribeKey's metadata for an enabled symmetric customer managed key in the demo account. */
export function keyDetails(keyId: string, extra: Partial<KeyDetails> = {}): KeyDetails {
  return {
    keyId,
    arn: `arn:aws:kms:us-east-1:111122223333:key/${keyId}`,
    aliases: [],
    accountId: '111122223333',
    state: 'Enabled',
    enabled: true,
    keySpec: 'SYMMETRIC_DEFAULT',
    keyUsage: 'ENCRYPT_DECRYPT',
    keyManager: 'CUSTOMER',
    origin: 'AWS_KMS',
    description: '',
    multiRegion: false,
    ...extra,
  };
}
