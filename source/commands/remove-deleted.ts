// keypol grant-access KEY --remove-deleted: the unique ids (AROA…, AIDA…) in the policy that no
// live role or user has — IAM confirms them deleted — leave every statement, through the same
// preview, confirmation and write path as any change. The edit and its words are the domain's
// (policy/deleted-principals.ts), shared with the TUI's offer on the Access tab.
import {deletionUnconfirmed, printPolicy, removeDeletedPrincipals, uniqueIdsIn} from '../policy/index.js';
import type {IamPrincipal} from '../aws/types.js';
import {applyChange, nothingToChange} from './apply-change.js';
import {EXIT} from './exit.js';
import {loadKey} from './key.js';
import {refuseLocally} from './output.js';
import type {CommandContext} from './context.js';

export async function removeDeleted(ctx: CommandContext, ref: string): Promise<number> {
  const loaded = await loadKey(ctx, ref);
  const ids = uniqueIdsIn(loaded.document);
  // Only a policy that names unique ids asks IAM (for the whole listing: IAM finds no id by itself).
  let listing: IamPrincipal[] = [];
  if (ids.length > 0) {
    try {
      listing = await ctx.gateway.principals.list();
    } catch (error) {
      return refuseLocally(ctx, 'error', deletionUnconfirmed(ids, (error as Error).message), EXIT.error);
    }
  }
  const removal = removeDeletedPrincipals(loaded.document, listing);
  if (!removal.ok) return nothingToChange(ctx, loaded, removal.notes, removal.reason);
  return applyChange(ctx, {
    loaded,
    afterText: printPolicy(removal.document),
    reason: 'access-edit',
    preface: removal.notes,
  });
}
