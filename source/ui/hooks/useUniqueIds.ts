// The unique ids (AROA…, AIDA…) a key's policy names, resolved against the account's IAM listing
// for the Access and Findings tabs: live ones by name, the others confirmed deleted. Only a
// policy that names unique ids asks IAM, and only while a tab that shows them is open; the tabs
// draw at once and fill in the names when the listing arrives.
import {useMemo} from 'react';
import {resolveUniqueIds, uniqueIdsIn, type UniqueIdState} from '../../policy/index.js';
import type {IamPrincipal} from '../../aws/types.js';
import type {PolicyModel} from './usePolicy.js';
import {usePrincipals} from './usePrincipals.js';

export type UniqueIds =
  /** The policy names no unique ids: nothing to resolve, IAM is not asked. */
  | {status: 'none'}
  | {status: 'checking'; ids: string[]}
  | {status: 'resolved'; states: UniqueIdState[]; listing: readonly IamPrincipal[]; loadedAt?: string}
  /** IAM cannot be listed: no deletion can be confirmed. */
  | {status: 'unconfirmed'; ids: string[]; message: string; denied: boolean};

export function useUniqueIds(
  model: PolicyModel | undefined,
  active: boolean,
): {ids: UniqueIds; refresh: () => void} {
  const found = useMemo(() => (model?.document ? uniqueIdsIn(model.document) : []), [model]);
  const {state, refresh} = usePrincipals(active && found.length > 0);
  const ids = useMemo((): UniqueIds => {
    if (found.length === 0 || !model?.document) return {status: 'none'};
    if (state.status === 'loading') return {status: 'checking', ids: found};
    if (state.status === 'failed')
      return {status: 'unconfirmed', ids: found, message: state.message, denied: state.denied};
    return {
      status: 'resolved',
      states: resolveUniqueIds(model.document, state.principals),
      listing: state.principals,
      ...(state.loadedAt ? {loadedAt: state.loadedAt} : {}),
    };
  }, [found, model, state]);
  return {ids, refresh};
}

/** The ids IAM confirms deleted (none while checking or when IAM cannot be listed). */
export function confirmedDeleted(ids: UniqueIds): string[] {
  return ids.status === 'resolved' ? ids.states.filter(s => s.state === 'deleted').map(s => s.id) : [];
}
