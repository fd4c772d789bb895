// Which unique ids (AROA…, AIDA…) in a policy are deleted principals, told by the account's IAM
// listing (IAM has no call that finds a principal by unique id: only the whole listing can say
// that none has it), and the one edit that removes the deleted ones from every statement. Both
// `keypol grant-access KEY --remove-deleted` and the TUI's offer on the Access tab use it, with
// the same words.
import type {IamPrincipal} from './iam-principals.js';
import {removePrincipalsEverywhere, uniqueIdsIn} from './remove-principals.js';
import type {PolicyDocument} from './types.js';
import {formatCount} from './numbers.js';

export type UniqueIdState =
  | {id: string; state: 'live'; principal: IamPrincipal}
  /** No role or user of the listing has the id: confirmed deleted. */
  | {id: string; state: 'deleted'};

/** Every unique id the policy names, in policy order, against the listing. */
export function resolveUniqueIds(doc: PolicyDocument, listing: readonly IamPrincipal[]): UniqueIdState[] {
  const byId = new Map(listing.map(p => [p.id, p]));
  return uniqueIdsIn(doc).map((id): UniqueIdState => {
    const principal = byId.get(id);
    return principal ? {id, state: 'live', principal} : {id, state: 'deleted'};
  });
}

export type DeletedRemoval =
  | {ok: true; document: PolicyDocument; removed: string[]; notes: string[]}
  /** Nothing to remove (`reason` says why, as a "No changes: …" sentence). */
  | {ok: false; reason: string; notes: string[]};

const principals = (n: number) => (n === 1 ? '1 deleted principal' : `${formatCount(n)} deleted principals`);

/**
 * The policy without the unique ids no live principal has (a statement left with no principal
 * goes); ids of live principals stay, and `notes` says so.
 */
export function removeDeletedPrincipals(
  doc: PolicyDocument,
  listing: readonly IamPrincipal[],
): DeletedRemoval {
  const states = resolveUniqueIds(doc, listing);
  const notes = states.flatMap(s =>
    s.state === 'live' ? [`${s.id} is the unique id of live ${s.principal.arn}: kept.`] : [],
  );
  const removed = states.filter(s => s.state === 'deleted').map(s => s.id);
  if (removed.length === 0) {
    const reason =
      states.length === 0
        ? 'No changes: the policy names no unique ids of deleted principals.'
        : 'No changes: every unique id in the policy belongs to a live role or user.';
    return {ok: false, reason, notes};
  }
  const result = removePrincipalsEverywhere(doc, removed);
  if (!result.ok) return {ok: false, reason: `No changes: ${result.reason}`, notes};
  return {
    ok: true,
    document: result.document,
    removed,
    notes: [...notes, `Removing ${principals(removed.length)} from every statement: ${removed.join(', ')}.`],
  };
}

/** Why no removal is offered when IAM could not be listed (`reason`: the listing's error). */
export function deletionUnconfirmed(ids: readonly string[], reason: string): string {
  const which = ids.length === 1 ? `${ids[0]} is` : `${ids.join(', ')} are`;
  return `Cannot confirm that ${which} deleted (IAM cannot be listed: ${reason}), so keypol does not remove ${ids.length === 1 ? 'it' : 'them'}.`;
}
