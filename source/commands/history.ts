// keypol history: the backups keypol took of a key's policy, newest first.
import {positionals} from './args.js';
import {EXIT} from './exit.js';
import {keyLabel} from './key.js';
import {clean, line, printJson, table} from './output.js';
import type {CommandArgs, CommandContext, CommandModule} from './context.js';

export const options: CommandModule['options'] = {};

export const usage = `Usage: keypol history KEY [--json]

Lists the backups keypol wrote before each change to the key's policy (newest first): id,
time, reason, caller and SHA-256. Each backup is a plain JSON file; --json prints
[{id, time, reason, caller, region, keyArn, sha256, path}]. Undo with keypol restore.
`;

export async function run(ctx: CommandContext, args: CommandArgs): Promise<number> {
  const [ref] = positionals(args, ['KEY']) as [string];
  const key = await ctx.gateway.describeKey(ref);
  const backups = await ctx.gateway.history(key.arn);
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
      })),
    );
  } else if (backups.length === 0) {
    line(ctx.stdout, `No backups of ${clean(keyLabel(key))} yet: keypol writes one before every change.`);
  } else {
    const rows = backups.map(b => [b.id, b.time, b.reason, b.caller, b.sha256.slice(0, 12)]);
    line(ctx.stdout, table(['BACKUP', 'TIME', 'REASON', 'CALLER', 'SHA-256'], rows));
  }
  return EXIT.ok;
}
