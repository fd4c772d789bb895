// "Upgrade key policy", as the old console did it: add the permissions the current default gives
// key administrators; never remove any (seed 000: "it only adds permissions; it doesn't remove
// any"). The Id stays: the console kept key-consolepolicy-3 when it added RotateKeyOnDemand.
import type {AddedPermission, KeyInfo, PolicyDocument, UpgradePlan} from './types.js';
import {analyseConsolePolicy, classifyPolicy} from './classify.js';
import {toList} from './lists.js';
import {ADMIN_SID, DELETION_ACTIONS, IMPORT_ACTION, ROTATE_ACTION} from './templates.js';

const FEATURES: Record<string, {feature: string; explanation: string}> = {
  'kms:TagResource': {
    feature: 'tagging (2017)',
    explanation:
      'lets key administrators add and change tags on the key; added to the default when KMS released tagging.',
  },
  'kms:UntagResource': {
    feature: 'tagging (2017)',
    explanation:
      'lets key administrators remove tags from the key; added to the default when KMS released tagging.',
  },
  'kms:ScheduleKeyDeletion': {
    feature: 'key deletion (2015)',
    explanation: 'lets key administrators schedule the key for deletion (after a 7–30 day waiting period).',
  },
  'kms:CancelKeyDeletion': {
    feature: 'key deletion (2015)',
    explanation: 'lets key administrators cancel a scheduled deletion during the waiting period.',
  },
  [ROTATE_ACTION]: {
    feature: 'on-demand rotation (2024)',
    explanation:
      'lets key administrators rotate the key material immediately, outside the automatic schedule.',
  },
  [IMPORT_ACTION]: {
    feature: 'imported key material',
    explanation:
      'lets key administrators import key material into this key, which has no material of its own.',
  },
  'kms:ReplicateKey': {
    feature: 'multi-Region keys (2021)',
    explanation: 'lets key administrators create replicas of this multi-Region key in other Regions.',
  },
  'kms:UpdatePrimaryRegion': {
    feature: 'multi-Region keys (2021)',
    explanation: 'lets key administrators make a replica the primary key of this multi-Region key.',
  },
};

export function explainAddedAction(action: string): AddedPermission {
  const known = FEATURES[action] ?? {
    feature: 'other',
    explanation: 'part of the current default key policy.',
  };
  return {action, ...known};
}

const REFUSALS: Record<string, string> = {
  'aws-managed': 'AWS manages this key and its policy; it cannot be upgraded.',
  'api-default':
    'This key has the default policy KMS attaches when a key is created without one (key-default-1); there is no console policy to upgrade. Add administrators and users instead.',
  custom: 'This policy was not written by the console, so there is no console version to upgrade from.',
};

export function planUpgrade(
  doc: PolicyDocument,
  key: KeyInfo,
  opts: {allowDeletion?: boolean} = {},
): UpgradePlan {
  const classification = classifyPolicy(doc, key);
  const refusal = REFUSALS[classification.kind];
  if (refusal !== undefined) return {ok: false, reason: refusal};
  const analysis = analyseConsolePolicy(doc, key);
  const from = analysis.version;
  const warnings =
    classification.kind === 'console-modified'
      ? [
          `This policy was changed by hand (${analysis.deviations.join('; ')}), so the console would not offer an upgrade. keypol only adds the missing permissions to "${ADMIN_SID}".`,
        ]
      : [];
  const document = structuredClone(doc);
  const admin = document.Statement[analysis.statements.admin];
  if (!admin) {
    return {
      ok: false,
      reason:
        'This policy has no key administrators statement, and upgrading only adds permissions to it: there is nothing to upgrade. Add key administrators instead; keypol gives them the current default permissions.',
    };
  }
  if (admin.Action === undefined) {
    return {ok: false, reason: `"${ADMIN_SID}" uses NotAction; keypol cannot add actions to it safely.`};
  }
  // v1 predates key deletion: the operator decides. Later versions keep the policy's own choice.
  let toAdd = analysis.missing;
  let needsDeletionChoice = false;
  if (from === 'v1' && !analysis.hasDeletion) {
    if (opts.allowDeletion === undefined) needsDeletionChoice = true;
    if (opts.allowDeletion !== true) toAdd = toAdd.filter(a => !DELETION_ACTIONS.includes(a));
  }
  if (toAdd.length > 0) admin.Action = [...toList(admin.Action), ...toAdd];
  return {ok: true, from, document, added: toAdd.map(explainAddedAction), needsDeletionChoice, warnings};
}
