// keypol grant-access KEY --remove-deleted: the unique ids (AROA…, AIDA…) in the policy that no
// live role or user has — IAM confirms them deleted — leave every statement, through the same
// preview, confirmation and write path as any change.
import {printPolicy, removePrincipalsEverywhere, uniqueIdsIn} from '../policy/index.js';
import {applyChange, nothingToChange} from './apply-change.js';
import {EXIT} from './exit.js';
import {loadKey} from './key.js';
import {refuseLocally} from './output.js';
import type {CommandContext} from './context.js';

export async function removeDeleted(ctx: CommandContext, ref: string): Promise<number> {
  const loaded = await loadKey(ctx, ref);
  const ids = uniqueIdsIn(loaded.document);
  if (ids.length === 0) {
    return nothingToChange(
      ctx,
      loaded,
      [],
      'No changes: the policy names no unique ids of deleted principals.',
    );
  }
  const answers = await Promise.all(
    ids.map(async id => ({id, found: await ctx.gateway.principals.lookup(id)})),
  );
  const unknown = answers.find(a => a.found.state === 'unverifiable');
  if (unknown && unknown.found.state === 'unverifiable') {
    return refuseLocally(
      ctx,
      'error',
      `Cannot confirm that ${unknown.id} is deleted: ${unknown.found.reason}`,
      EXIT.error,
    );
  }
  const deleted = answers.filter(a => a.found.state === 'missing').map(a => a.id);
  const live = answers.flatMap(a =>
    a.found.state === 'live' ? [`${a.id} is the unique id of live ${a.found.principal.arn}: kept.`] : [],
  );
  const result = removePrincipalsEverywhere(loaded.document, deleted);
  if (!result.ok) return nothingToChange(ctx, loaded, live);
  return applyChange(ctx, {
    loaded,
    afterText: printPolicy(result.document),
    reason: 'access-edit',
    preface: [...live, `Removing ${deleted.length} deleted principal(s): ${deleted.join(', ')}.`],
  });
}
