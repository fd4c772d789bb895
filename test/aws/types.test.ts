import {test} from 'node:test';
import assert from 'node:assert/strict';
import {keyInfoOf, type KeyDetails} from '../../source/aws/types.js';

test('keyInfoOf keeps exactly what the policy domain needs from DescribeKey', () => {
  const key: KeyDetails = {
    keyId: 'mrk-1',
    arn: 'arn:aws:kms:us-east-1:111122223333:key/mrk-1',
    aliases: ['alias/x'],
    accountId: '111122223333',
    state: 'Enabled',
    enabled: true,
    keySpec: 'SYMMETRIC_DEFAULT',
    keyUsage: 'ENCRYPT_DECRYPT',
    keyManager: 'CUSTOMER',
    origin: 'EXTERNAL',
    description: 'd',
    multiRegion: true,
  };
  assert.deepEqual(keyInfoOf(key), {
    accountId: '111122223333',
    keySpec: 'SYMMETRIC_DEFAULT',
    keyUsage: 'ENCRYPT_DECRYPT',
    origin: 'EXTERNAL',
    multiRegion: true,
    keyManager: 'CUSTOMER',
    arn: 'arn:aws:kms:us-east-1:111122223333:key/mrk-1',
  });
});
