// The demo keys that exist to be awkward: a policy near the size limit, untrusted text with
// terminal escape sequences, and a policy that names a deleted role by its unique id.
import {POLICY_MAX_BYTES} from '../../policy/index.js';
import type {Tag} from '../state.js';
import {jacksonPolicy} from '../jackson.js';
import {consoleDocument, keyInfo, PRINCIPALS} from './policies.js';

/** How far below the 32,768-byte limit the near-size-limit policy stops. */
const SIZE_HEADROOM = 300;

/** A console policy padded with key users until it is within a few hundred bytes of the limit. */
export function nearSizeLimitPolicy(): string {
  const key = keyInfo('SYMMETRIC_DEFAULT', 'ENCRYPT_DECRYPT');
  const users = (n: number): string[] =>
    Array.from(
      {length: n},
      (_, i) => `arn:aws:iam::111122223333:role/service/batch-worker-${String(i + 1).padStart(4, '0')}`,
    );
  const build = (n: number): string =>
    jacksonPolicy(consoleDocument({version: 'current', key, users: [PRINCIPALS.appServer, ...users(n)]}));
  const budget = POLICY_MAX_BYTES - SIZE_HEADROOM;
  const base = Buffer.byteLength(build(0));
  const perUser = Buffer.byteLength(build(1)) - base;
  let n = Math.floor((budget - base) / perUser);
  while (n > 0 && Buffer.byteLength(build(n)) > budget) n--;
  while (Buffer.byteLength(build(n + 1)) <= budget) n++;
  return build(n);
}

export const deletedPrincipalAdmins = [PRINCIPALS.keyAdmin, PRINCIPALS.deletedRole];

/**
 * Text a hostile or careless writer could put in a description or tag: an OSC window-title change,
 * clear screen + cursor home, a CSI colour, backspaces, a carriage return, a C1 CSI, a NUL and a
 * right-to-left override. keypol must show all of it harmlessly.
 */
export const HOSTILE_DESCRIPTION =
  'Payments key \x1b]0;pwned\x07\x1b[2J\x1b[Hscreen cleared \x1b[31mred\x1b[0m \b\b\rover\x9b1mwritten\x00 \u202egnp.exe';

export const HOSTILE_TAGS: Tag[] = [
  {TagKey: 'owner', TagValue: 'team-payments\x1b]0;pwned\x07\x1b[2J'},
  {TagKey: 'note\x1b[5m', TagValue: 'blink\x1b[25m and bell\x07'},
];
