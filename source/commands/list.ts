// keypol list: every key in the Region with its aliases and DescribeKey's metadata.
import {EXIT} from './exit.js';
import {complain, line, printJson, table} from './output.js';
import {progressLine} from './progress.js';
import type {KeyDetails, KeySummary} from '../aws/types.js';
import type {CommandContext, CommandModule} from './context.js';
import {formatCount} from '../policy/index.js';

export const options: CommandModule['options'] = {};

export const usage = `Usage: keypol list [--json]

Lists the KMS keys of the account and Region: id, aliases, state, key spec, usage,
manager (AWS or CUSTOMER) and description. --json prints an array of
{keyId, arn, aliases, state, keySpec, keyUsage, keyManager, description, multiRegion, creationDate}.
When stderr is a terminal, a progress line there counts the keys described so far.
`;

export async function run(ctx: CommandContext): Promise<number> {
  const progress = progressLine(ctx.stderr, (done, total) =>
    total === 0 ? 'listing keys…' : `described ${formatCount(done)}/${formatCount(total)} keys`,
  );
  const details = new Map<string, KeyDetails>();
  const failures: string[] = [];
  let keys: KeySummary[];
  try {
    progress.update(0, 0);
    keys = await ctx.gateway.listKeys();
    const step = () => progress.update(details.size + failures.length, keys.length);
    await ctx.gateway.describeKeys(
      keys.map(key => key.keyId),
      key => (details.set(key.keyId, key), step()),
      {onError: (keyId, error) => (failures.push(`${keyId}: ${error.message}`), step())},
    );
  } finally {
    progress.clear();
  }
  const rows = keys.map(key => ({...key, details: details.get(key.keyId)}));
  if (ctx.json) {
    printJson(
      ctx,
      rows.map(({keyId, arn, aliases, details: d}) => ({
        keyId,
        arn,
        aliases,
        state: d?.state ?? null,
        keySpec: d?.keySpec ?? null,
        keyUsage: d?.keyUsage ?? null,
        keyManager: d?.keyManager ?? null,
        description: d?.description ?? null,
        multiRegion: d?.multiRegion ?? null,
        creationDate: d?.creationDate ?? null,
      })),
    );
  } else if (rows.length === 0) {
    line(ctx.stdout, `No KMS keys in ${ctx.gateway.info.region}.`);
  } else {
    const body = rows.map(({keyId, aliases, details: d}) => [
      keyId,
      aliases.join(', ') || '-',
      d?.state ?? '?',
      d?.keySpec ?? '?',
      d?.keyUsage ?? '?',
      d?.keyManager ?? '?',
      d?.description ?? '',
    ]);
    line(ctx.stdout, table(['KEY ID', 'ALIASES', 'STATE', 'SPEC', 'USAGE', 'MANAGER', 'DESCRIPTION'], body));
  }
  for (const failure of failures) complain(ctx, `could not describe ${failure}`);
  return failures.length ? EXIT.error : EXIT.ok;
}
