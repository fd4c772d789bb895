// keypol cancel-deletion: stop a scheduled key deletion, through the guarded path.
import {positionals} from './args.js';
import {EXIT} from './exit.js';
import {runKeyAction} from './key-action.js';
import {keyLabel} from './key.js';
import {clean, line, printJson, withJsonOutcome} from './output.js';
import type {CommandArgs, CommandContext, CommandModule} from './context.js';

export const options: CommandModule['options'] = {};

export const usage = `Usage: keypol cancel-deletion KEY [--yes] [--json]

Cancels the key's scheduled deletion (CancelKeyDeletion). The key comes back Disabled: enable
it before use. Audited and checked with DescribeKey afterwards; refused (exit 3) in read-only
mode and for AWS managed keys. A key that is not pending deletion is left alone (exit 0).
keypol never schedules deletions.
`;

export function run(ctx: CommandContext, args: CommandArgs): Promise<number> {
  return withJsonOutcome(ctx, async () => {
    const [ref] = positionals(args, ['KEY']) as [string];
    const key = await ctx.gateway.describeKey(ref);
    if (key.state !== 'PendingDeletion') {
      const message = `${keyLabel(key)} is not pending deletion (${key.state}): nothing to cancel.`;
      if (ctx.json) printJson(ctx, {ok: true, changed: false, keyId: key.keyId, arn: key.arn, message});
      else line(ctx.stdout, clean(message));
      return EXIT.ok;
    }
    return runKeyAction(ctx, {
      question: clean(`Cancel the deletion of ${keyLabel(key)} (due ${key.deletionDate ?? '?'})?`),
      certainRefusal: ctx.gateway.info.readOnly || key.keyManager === 'AWS',
      run: () => ctx.gateway.cancelKeyDeletion(key),
      json: {keyId: key.keyId, arn: key.arn},
    });
  });
}
