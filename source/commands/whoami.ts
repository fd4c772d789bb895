// keypol whoami: the identity and connection keypol would use (STS GetCallerIdentity).
import {EXIT} from './exit.js';
import {fields, line, printJson} from './output.js';
import type {CommandContext, CommandModule} from './context.js';

export const options: CommandModule['options'] = {};

export const usage = `Usage: keypol whoami [--json]

Prints the caller's account and ARN (STS GetCallerIdentity), the Region, profile and
endpoint keypol uses, and whether it is in read-only mode.
`;

export async function run(ctx: CommandContext): Promise<number> {
  const identity = await ctx.gateway.identity();
  const {info} = ctx.gateway;
  if (ctx.json) {
    printJson(ctx, {...identity, ...info});
    return EXIT.ok;
  }
  line(
    ctx.stdout,
    fields([
      ['Account', identity.account],
      ['ARN', identity.arn],
      ['Region', info.region],
      ['Profile', info.profile ?? (info.sandbox ? '(sandbox)' : 'default chain')],
      ['Endpoint', info.endpoint ?? 'AWS'],
      ['Read-only', info.readOnly ? 'yes' : 'no'],
    ]),
  );
  return EXIT.ok;
}
