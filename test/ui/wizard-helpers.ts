// Shared by the access wizard's tests (wizard, principal picker): the key's access as KMS now has
// it, and choosing an item of a select list by its label.
import assert from 'node:assert/strict';
import {keyInfoOf, type KeyDetails, type KmsGateway} from '../../source/aws/types.js';
import {accessModel, parsePolicy} from '../../source/policy/index.js';
import {KEY, press, type Rendered} from './ink-helpers.js';
import {plain} from './keyDetail/harness.js';

/** Who has which role on the key, from the policy KMS returns now. */
export async function liveAccess(gateway: KmsGateway, details: KeyDetails) {
  const parsed = parsePolicy((await gateway.getPolicy(details.keyId)).text);
  assert.ok(parsed.ok);
  return accessModel(parsed.document, keyInfoOf(details));
}

/** Moves the select list's cursor to the item whose label includes `label`, then Enter. */
export async function choose(r: Rendered, label: string): Promise<void> {
  for (let i = 0; i < 12; i++) {
    const current = plain(r.lastFrame())
      .split('\n')
      .find(l => l.includes('❯'));
    if (current?.includes(label)) return void (await press(r, KEY.enter));
    await press(r, KEY.down);
  }
  assert.fail(`no item "${label}" in:\n${plain(r.lastFrame())}`);
}
