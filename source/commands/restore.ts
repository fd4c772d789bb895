// keypol restore: put a backed-up policy back, through the same guarded write path (which
// itself backs up the policy being replaced, so a restore can be undone too).
import {formatCount, utcTime} from '../policy/index.js';
import {positionals} from './args.js';
import {applyChange} from './apply-change.js';
import {EXIT, UsageError} from './exit.js';
import {keyLabel, loadKey} from './key.js';
import {complain, refuseLocally, withJsonOutcome} from './output.js';
import type {CommandArgs, CommandContext, CommandModule} from './context.js';

export const options: CommandModule['options'] = {};

export const usage = `Usage: keypol restore KEY [BACKUP] [--yes] [--json]

Writes a backup's exact policy text back to the key: the newest backup of a change that took
effect, or BACKUP (an id from keypol history). Damaged backup files are skipped. Shows the diff and asks first (--yes skips the question).
`;

export function run(ctx: CommandContext, args: CommandArgs): Promise<number> {
  return withJsonOutcome(ctx, async () => {
    const [ref, id] = positionals(args, ['KEY'], ['BACKUP']) as [string, string | undefined];
    const loaded = await loadKey(ctx, ref);
    const {backups, damaged} = await ctx.gateway.history(loaded.key.arn);
    for (const d of damaged) complain(ctx, `Skipped damaged backup ${d.path}: ${d.problem}`);
    // By default the newest backup of a change that happened: one AWS refused changed nothing.
    const backup = id === undefined ? backups.find(b => b.applied !== false) : backups.find(b => b.id === id);
    if (!backup) {
      if (id !== undefined)
        throw new UsageError(`${id} is not a backup of ${keyLabel(loaded.key)} (see keypol history)`);
      const skipped = backups.length
        ? ` (${formatCount(backups.length)} from changes that were not applied; name one to restore it anyway)`
        : '';
      return refuseLocally(
        ctx,
        'no-backup',
        `There are no backups of ${keyLabel(loaded.key)} to restore${skipped}.`,
        EXIT.error,
      );
    }
    const preface = [
      `Restoring backup ${backup.id} (${utcTime(backup.time)}, before ${backup.reason} by ${backup.caller}).`,
    ];
    return applyChange(ctx, {loaded, afterText: backup.text, reason: 'restore', preface});
  });
}
