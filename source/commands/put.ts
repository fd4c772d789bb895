// keypol put: write a policy file to a key, after validation, a preview and a confirmation.
import {positionals} from './args.js';
import {applyChange, refuseInvalidText} from './apply-change.js';
import {loadKey} from './key.js';
import {withJsonOutcome} from './output.js';
import {readPolicyFile} from './policy-file.js';
import type {CommandArgs, CommandContext, CommandModule} from './context.js';

export const options: CommandModule['options'] = {};

export const usage = `Usage: keypol put KEY FILE [--yes] [--json]

Validates FILE ("-" reads stdin), shows what it changes, asks for confirmation (--yes skips
the question; without a terminal on stdin --yes is required) and writes it through keypol's
guarded write path: conflict check, backup, PutKeyPolicy, verification, audit log.
`;

export function run(ctx: CommandContext, args: CommandArgs): Promise<number> {
  return withJsonOutcome(ctx, async () => {
    const [ref, file] = positionals(args, ['KEY', 'FILE']) as [string, string];
    const afterText = await readPolicyFile(ctx, file);
    const invalid = refuseInvalidText(ctx, afterText);
    if (invalid !== undefined) return invalid;
    const loaded = await loadKey(ctx, ref);
    return applyChange(ctx, {loaded, afterText, reason: 'raw-edit'});
  });
}
