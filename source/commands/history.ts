// keypol history: the backups keypol took of a key's policy, newest first, each marked with
// whether the change it was taken for took effect; damaged backup files are listed, not fatal.
import {utcTime} from '../policy/index.js';
import {positionals} from './args.js';
import {EXIT} from './exit.js';
import {keyLabel} from './key.js';
import {clean, complain, line, printJson, table} from './output.js';
import type {BackupEntry} from '../aws/types.js';
import type {CommandArgs, CommandContext, CommandModule} from './context.js';

export const options: CommandModule['options'] = {};

export const usage = `Usage: keypol history KEY [--json]

Lists the backups keypol wrote before each change to the key's policy (newest first): id,
time, reason, caller, SHA-256 and whether the change took effect ("not applied" when AWS
refused it or another writer came first; "unknown" when keypol could not tell). Each backup
is a plain JSON file; --json prints [{id, time, reason, caller, region, keyArn, sha256, path,
applied}]. Damaged backup files are named on stderr and skipped. Undo with keypol restore.
`;

export async function run(ctx: CommandContext, args: CommandArgs): Promise<number> {
  const [ref] = positionals(args, ['KEY']) as [string];
  const key = await ctx.gateway.describeKey(ref);
  const {backups, damaged} = await ctx.gateway.history(key.arn);
  if (ctx.json) {
    printJson(
      ctx,
      backups.map(b => ({
        id: b.id,
        time: b.time,
        reason: b.reason,
        caller: b.caller,
        region: b.region,
        keyArn: b.keyArn,
        sha256: b.sha256,
        path: b.path,
        applied: b.applied ?? null,
      })),
    );
  } else if (backups.length === 0) {
    line(ctx.stdout, `No backups of ${clean(keyLabel(key))} yet: keypol writes one before every change.`);
  } else {
    const rows = backups.map(b => [
      b.id,
      utcTime(b.time),
      b.reason,
      appliedLabel(b),
      b.caller,
      b.sha256.slice(0, 12),
    ]);
    line(ctx.stdout, table(['BACKUP', 'TIME', 'REASON', 'CHANGE', 'CALLER', 'SHA-256'], rows));
  }
  for (const d of damaged) complain(ctx, `Skipped damaged backup ${d.path}: ${d.problem}`);
  return EXIT.ok;
}

/** What became of the change a backup was taken for. */
export function appliedLabel(entry: BackupEntry): string {
  if (entry.reason === 'conflict') return 'overwritten';
  return entry.applied === false ? 'not applied' : entry.applied === null ? 'unknown' : 'applied';
}
