// d on the Access and Findings tabs: the principals IAM confirms deleted leave every statement.
// The edit is the domain's removeDeletedPrincipals, the one behind `keypol grant-access KEY
// --remove-deleted`; the change then takes the path of every other (review, confirmation, the
// gateway's write path). After a conflict it is planned again on the live policy, with the same
// IAM listing: an id that appeared meanwhile is judged by what IAM said.
import {
  deletionUnconfirmed,
  formatCount,
  printPolicy,
  removeDeletedPrincipals,
  sanitizeText,
} from '../../../policy/index.js';
import type {PolicySnapshot} from '../../../aws/types.js';
import {paragraph, type Line} from '../../components/LineView.js';
import type {PolicyModel} from '../../hooks/usePolicy.js';
import {documentOf, type ProposedChange} from '../../hooks/useProposedChange.js';
import type {UniqueIds} from '../../hooks/useUniqueIds.js';
import type {Theme} from '../../theme.js';

export interface RemovalPlan {
  title: string;
  action: string;
  change: ProposedChange;
  replan: (live: PolicySnapshot) => ProposedChange | string;
  intro: Line[];
}

type Propose = (before: PolicySnapshot, afterText: string, reason: 'access-edit') => ProposedChange;

/** The change d starts, or (a string) why there is none to start. */
export function planRemoval(
  model: PolicyModel,
  ids: UniqueIds,
  propose: Propose,
  width: number,
  theme: Theme,
): RemovalPlan | string {
  if (ids.status === 'none') return 'This policy names no unique ids of deleted principals.';
  if (ids.status === 'checking') return 'Still checking the unique ids with IAM: a moment.';
  if (ids.status === 'unconfirmed') return sanitizeText(deletionUnconfirmed(ids.ids, ids.message));
  const listing = ids.listing;
  const plan = (snapshot: PolicySnapshot) => {
    const doc = documentOf(snapshot);
    if (typeof doc === 'string') return doc;
    const removal = removeDeletedPrincipals(doc, listing);
    return removal.ok
      ? {removal, change: propose(snapshot, printPolicy(removal.document), 'access-edit')}
      : removal.reason;
  };
  const first = plan(model.snapshot);
  if (typeof first === 'string') return sanitizeText(first);
  const n = first.removal.removed.length;
  return {
    title: 'Remove deleted principals',
    action: `Remove ${n === 1 ? '1 deleted principal' : `${formatCount(n)} deleted principals`} from every statement`,
    change: first.change,
    replan: live => {
      const again = plan(live);
      return typeof again === 'string' ? again : again.change;
    },
    intro: first.removal.notes.flatMap(note =>
      paragraph(`ℹ ${sanitizeText(note)}`, width, {color: theme.accent}, 2),
    ),
  };
}
