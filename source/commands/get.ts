// keypol get: the policy text exactly as GetKeyPolicy returned it.
import {writeFile} from 'node:fs/promises';
import {resolve} from 'node:path';
import {sanitizeText} from '../policy/index.js';
import {positionals, stringFlag} from './args.js';
import {EXIT} from './exit.js';
import {emit, printJson} from './output.js';
import type {CommandArgs, CommandContext, CommandModule} from './context.js';

export const options: CommandModule['options'] = {output: {type: 'string', short: 'o'}};

export const usage = `Usage: keypol get KEY [--output FILE] [--json]

Prints the key policy exactly as KMS returns it (a newline is added on stdout when the text
has none; on a terminal, control characters are made visible). --output FILE writes the
exact text to FILE instead. --json prints {keyId, arn, policy, sha256}.
KEY is a key id, key ARN, alias name or alias ARN.
`;

export async function run(ctx: CommandContext, args: CommandArgs): Promise<number> {
  const [ref] = positionals(args, ['KEY']);
  const key = await ctx.gateway.describeKey(ref as string);
  const policy = await ctx.gateway.getPolicy(key.arn);
  const output = stringFlag(args.values, 'output');
  if (output) {
    await writeFile(resolve(ctx.cwd, output), policy.text);
    if (!ctx.json) return EXIT.ok;
  }
  if (ctx.json) printJson(ctx, {keyId: key.keyId, arn: key.arn, policy: policy.text, sha256: policy.sha256});
  else {
    // Exact bytes for pipes and files; a terminal gets the sanitised text (no escape sequences).
    const text = ctx.stdout.isTTY ? sanitizeText(policy.text, {keepNewlines: true}) : policy.text;
    emit(ctx.stdout, text.endsWith('\n') ? text : text + '\n');
  }
  return EXIT.ok;
}
