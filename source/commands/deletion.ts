// keypol deletion: whether key administrators may schedule (and cancel) the key's deletion.
import {applyAccessEdit, printPolicy} from '../policy/index.js';
import {keyInfoOf} from '../aws/types.js';
import {booleanFlag, positionals} from './args.js';
import {applyChange, nothingToChange} from './apply-change.js';
import {EXIT, UsageError} from './exit.js';
import {loadKey} from './key.js';
import {refuseLocally, withJsonOutcome} from './output.js';
import type {CommandArgs, CommandContext, CommandModule} from './context.js';

export const options: CommandModule['options'] = {
  allow: {type: 'boolean'},
  deny: {type: 'boolean'},
};

export const usage = `Usage: keypol deletion KEY (--allow | --deny) [--yes] [--json]

Allows or stops key administrators from scheduling and cancelling the key's deletion
(kms:ScheduleKeyDeletion, kms:CancelKeyDeletion in the administrators' statement), like the
console's "Allow key administrators to delete this key" box. When the policy already says
so, keypol changes nothing and exits 0.
`;

export function run(ctx: CommandContext, args: CommandArgs): Promise<number> {
  return withJsonOutcome(ctx, async () => {
    const [ref] = positionals(args, ['KEY']) as [string];
    const allow = booleanFlag(args.values, 'allow');
    if (allow === booleanFlag(args.values, 'deny'))
      throw new UsageError('pass exactly one of --allow and --deny');
    const loaded = await loadKey(ctx, ref);
    const result = applyAccessEdit(loaded.document, {op: 'set-deletion', allow}, keyInfoOf(loaded.key));
    if (!result.ok) {
      if (result.unchanged) return nothingToChange(ctx, loaded, [result.reason]);
      return refuseLocally(ctx, 'invalid', result.reason, EXIT.refused);
    }
    return applyChange(ctx, {loaded, afterText: printPolicy(result.document), reason: 'deletion'});
  });
}
