// Why a change cannot even start on this key (u, a, e), in one sentence with the way forward.
// The write path refuses these too; saying so up front spares the operator a walkthrough.
import type {KeyDetails} from '../../../aws/types.js';
import {sanitizeText} from '../../../policy/index.js';
import type {PolicyModel} from '../../hooks/usePolicy.js';

export function changeRefusal(
  action: 'upgrade' | 'access' | 'edit',
  key: KeyDetails,
  model: PolicyModel,
): string | undefined {
  if (key.keyManager === 'AWS' || model.classification?.kind === 'aws-managed') {
    return 'This is an AWS managed key: AWS manages its policy, so it can be viewed but not changed.';
  }
  if (action === 'edit') return undefined;
  if (!model.document) return 'The policy is not valid JSON: press e to fix it in your editor.';
  if (action === 'access') return undefined;
  const c = model.classification;
  if (!c || (c.kind !== 'console-default' && c.kind !== 'console-modified')) {
    const label = c ? sanitizeText(c.label) : 'not recognised';
    return `Upgrades apply to the console's default policies; this one is ${label}. Use a (access) or e (edit).`;
  }
  if (!c.outdated)
    return 'This policy already has every permission of the current console default: nothing to upgrade.';
  return undefined;
}
