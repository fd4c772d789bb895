// keypol diff: the live policy against a file, compared semantically (whitespace, key order
// and list order are not differences) and shown as a unified diff of the canonical prints.
import {diffPolicies, parsePolicy, sanitizeText, validatePolicy} from '../policy/index.js';
import {positionals} from './args.js';
import {EXIT} from './exit.js';
import {keyLabel, loadKey} from './key.js';
import {clean, complain, diffText, line, printJson} from './output.js';
import {readPolicyFile} from './policy-file.js';
import type {CommandArgs, CommandContext, CommandModule} from './context.js';

export const options: CommandModule['options'] = {};

export const usage = `Usage: keypol diff KEY FILE [--json]

Compares the live key policy with FILE ("-" reads stdin) semantically and prints what FILE
would change, as a summary and a unified diff. Exits like diff(1): 0 when they say the same,
1 when they differ; 3 when FILE is not valid JSON (and 1 for an API error, as every command).
--json prints {keyId, arn, equal, summary, removesAnything, unified}.
`;

export async function run(ctx: CommandContext, args: CommandArgs): Promise<number> {
  const [ref, file] = positionals(args, ['KEY', 'FILE']) as [string, string];
  const text = await readPolicyFile(ctx, file);
  const parsed = parsePolicy(text);
  if (!parsed.ok) {
    for (const error of parsed.errors) {
      complain(ctx, `${file}:${error.line}:${error.column}: ${error.message}`);
    }
    return EXIT.refused;
  }
  for (const warning of validatePolicy(text).filter(f => f.code === 'duplicate-key')) {
    complain(ctx, `${file}:${warning.line}: ${warning.message}`);
  }
  const {key, document} = await loadKey(ctx, ref);
  const diff = diffPolicies(document, parsed.document);
  const equal = diff.unified === '';
  if (ctx.json) {
    printJson(ctx, {
      keyId: key.keyId,
      arn: key.arn,
      equal,
      summary: diff.summary,
      removesAnything: diff.removesAnything,
      unified: diff.unified,
    });
  } else if (equal) {
    line(
      ctx.stdout,
      `No differences: ${sanitizeText(file)} says what the policy of ${clean(keyLabel(key))} says.`,
    );
  } else {
    for (const text of diff.summary) line(ctx.stdout, clean(text));
    line(ctx.stdout);
    line(ctx.stdout, diffText(ctx, diff.unified.trimEnd()));
  }
  return equal ? EXIT.ok : EXIT.differ;
}
