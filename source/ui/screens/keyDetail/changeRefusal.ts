// Why a change cannot even start on this key (u, a, e, restoring a backup), in one sentence with
// the way forward. The write path refuses these too; saying so at the keypress spares the
// operator a walkthrough that can only end in a refusal.
import type {KeyDetails} from '../../../aws/types.js';
import {sanitizeText} from '../../../policy/index.js';
import type {PolicyModel} from '../../hooks/usePolicy.js';

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
    const label = c ? sanitizeText(c.label) : 'not recognised';
    return `Nothing to upgrade: this policy is ${label}, not a console default. Use a (access) or e (edit).`;
  }
  if (!c.outdated)
    return 'Nothing to upgrade: this policy already has every permission of the current console default.';
  return undefined;
}
