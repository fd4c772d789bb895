// Why a change cannot even start on this key (u, a, e, restoring a backup), in one sentence with
// the way forward. The write path refuses these too; saying so at the keypress spares the
// operator a walkthrough that can only end in a refusal.
import type {KeyDetails} from '../../../aws/types.js';
import {sanitizeText} from '../../../policy/index.js';
import type {PolicyModel} from '../../hooks/usePolicy.js';

/** The classification as a noun phrase for a sentence ("this is …"). */
const KIND_WORDS: Partial<Record<string, string>> = {
  'api-default': 'the default policy KMS gives a key created without one',
  custom: 'a custom policy',
  'aws-managed': 'an AWS managed key policy',
};

export type ChangeAction = 'upgrade' | 'access' | 'edit' | 'restore';

/** `readOnlyFrom`: where read-only mode came from (--read-only, KEYPOL_READ_ONLY=1, the settings file). */
export function changeRefusal(
  action: ChangeAction,
  key: KeyDetails,
  model: PolicyModel,
  readOnlyFrom: string | undefined,
): string | undefined {
  if (readOnlyFrom) return `Read-only (from ${sanitizeText(readOnlyFrom)}): changes are off.`;
  if (key.keyManager === 'AWS' || model.classification?.kind === 'aws-managed') {
    return 'AWS managed key: AWS manages its policy, so it can be viewed but not changed.';
  }
  if (key.state === 'PendingDeletion') {
    // KMS refuses PutKeyPolicy on such a key; cancelling the deletion leaves it Disabled.
    return `Pending deletion: cancel the deletion first (aws kms cancel-key-deletion --key-id ${sanitizeText(key.keyId)}), then change the policy.`;
  }
  if (action === 'edit' || action === 'restore') return undefined;
  if (!model.document) return 'The policy is not valid JSON: press e to fix it in your editor.';
  if (action === 'access') return undefined;
  const c = model.classification;
  if (!c || (c.kind !== 'console-default' && c.kind !== 'console-modified')) {
    const what = c
      ? (KIND_WORDS[c.kind] ?? `a ${sanitizeText(c.label)} policy`)
      : 'not a policy keypol recognises';
    return `Nothing to upgrade: this is ${what}, not a console default. Use a (access) or e (edit).`;
  }
  if (!c.outdated)
    return 'Nothing to upgrade: this policy already has every permission of the current console default.';
  return undefined;
}

/** Why a key action (revoke a grant, cancel deletion, rotation) cannot start, if it cannot. */
export function actionRefusal(
  action: 'revoke' | 'cancelDeletion' | 'rotation',
  key: KeyDetails,
  readOnlyFrom: string | undefined,
): string | undefined {
  if (readOnlyFrom) return `Read-only (from ${sanitizeText(readOnlyFrom)}): changes are off.`;
  if (key.keyManager === 'AWS') {
    return action === 'revoke'
      ? 'AWS managed key: its grants belong to the AWS services that made them; keypol does not revoke them.'
      : 'AWS managed key: AWS rotates it yearly and it cannot be deleted or changed.';
  }
  if (action === 'cancelDeletion' && key.state !== 'PendingDeletion')
    return 'The key is not pending deletion.';
  if (action === 'rotation' && key.state !== 'Enabled')
    return `Rotation can be changed on an Enabled key only (this one is ${sanitizeText(key.state)}).`;
  return undefined;
}
