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

interface Refusal {
  /** For the footer: "AWS managed", "nothing to upgrade". */
  short: string;
  /** The sentence the keypress answers with, with the way forward. */
  message: string;
}

function refusal(
  action: ChangeAction,
  key: KeyDetails,
  model: PolicyModel,
  readOnlyFrom: string | undefined,
): Refusal | undefined {
  if (readOnlyFrom)
    return {short: 'read-only', message: `Read-only (from ${sanitizeText(readOnlyFrom)}): changes are off.`};
  if (key.keyManager === 'AWS' || model.classification?.kind === 'aws-managed') {
    return {
      short: 'AWS managed',
      message: 'AWS managed key: AWS manages its policy, so it can be viewed but not changed.',
    };
  }
  if (key.state === 'PendingDeletion') {
    // KMS refuses PutKeyPolicy on such a key; cancelling the deletion leaves it Disabled.
    return {
      short: 'pending deletion',
      message: `Pending deletion: cancel the deletion first (aws kms cancel-key-deletion --key-id ${sanitizeText(key.keyId)}), then change the policy.`,
    };
  }
  if (action === 'edit' || action === 'restore') return undefined;
  if (!model.document)
    return {
      short: 'not valid JSON',
      message: 'The policy is not valid JSON: press e to fix it in your editor.',
    };
  if (action === 'access') return undefined;
  const c = model.classification;
  if (!c || (c.kind !== 'console-default' && c.kind !== 'console-modified')) {
    const what = c
      ? (KIND_WORDS[c.kind] ?? `a ${sanitizeText(c.label)} policy`)
      : 'not a policy keypol recognises';
    return {
      short: 'not a console policy',
      message: `Nothing to upgrade: this is ${what}, not a console default. Use a (access) or e (edit).`,
    };
  }
  if (!c.outdated)
    return {
      short: 'already current',
      message: 'Nothing to upgrade: this policy already has every permission of the current console default.',
    };
  return undefined;
}

/** `readOnlyFrom`: where read-only mode came from (--read-only, KEYPOL_READ_ONLY=1, the settings file). */
export function changeRefusal(
  action: ChangeAction,
  key: KeyDetails,
  model: PolicyModel,
  readOnlyFrom: string | undefined,
): string | undefined {
  return refusal(action, key, model, readOnlyFrom)?.message;
}

/**
 * The key-detail keys (u, a, e) that would be refused on this key, for the footer, with the
 * reason of the first. Read-only mode is left to the footer, which already says it for every screen.
 */
export function offChanges(
  key: KeyDetails,
  model: PolicyModel,
): {actions: ChangeAction[]; reason: string} | undefined {
  const actions: ChangeAction[] = [];
  const reasons: string[] = [];
  for (const action of ['upgrade', 'access', 'edit'] as const) {
    const r = refusal(action, key, model, undefined);
    if (!r) continue;
    actions.push(action);
    if (!reasons.includes(r.short)) reasons.push(r.short);
  }
  return actions.length > 0 ? {actions, reason: reasons.join(', ')} : undefined;
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
