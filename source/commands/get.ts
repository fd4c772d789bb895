// keypol get: the policy text exactly as GetKeyPolicy returned it. --output never overwrites an
// existing file unless told to (--force), and never writes through a symbolic link.
import {constants} from 'node:fs';
import {lstat, open} from 'node:fs/promises';
import {resolve} from 'node:path';
import {sanitizeText} from '../policy/index.js';
import {booleanFlag, positionals, stringFlag} from './args.js';
import {EXIT} from './exit.js';
import {emit, printJson, refuseLocally} from './output.js';
import type {CommandArgs, CommandContext, CommandModule} from './context.js';

export const options: CommandModule['options'] = {
  output: {type: 'string', short: 'o'},
  force: {type: 'boolean'},
};

export const usage = `Usage: keypol get KEY [--output FILE [--force]] [--json]

Prints the key policy exactly as KMS returns it (a newline is added on stdout when the text
has none; on a terminal, control characters are made visible). --output FILE writes the
exact text to FILE instead; an existing FILE is refused (exit 3) unless --force, and a
symbolic link is always refused. --json prints {keyId, arn, policy, sha256}.
KEY is a key id, key ARN, alias name or alias ARN.
`;

const NEW_FILE = constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY | constants.O_NOFOLLOW;
const REPLACE = constants.O_CREAT | constants.O_TRUNC | constants.O_WRONLY | constants.O_NOFOLLOW;

export async function run(ctx: CommandContext, args: CommandArgs): Promise<number> {
  const [ref] = positionals(args, ['KEY']);
  const key = await ctx.gateway.describeKey(ref as string);
  const policy = await ctx.gateway.getPolicy(key.arn);
  const output = stringFlag(args.values, 'output');
  if (output) {
    const refusal = await saveTo(resolve(ctx.cwd, output), policy.text, booleanFlag(args.values, 'force'));
    if (refusal) return refuseLocally(ctx, 'exists', refusal, EXIT.refused);
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

/** Writes the file, or says why not (it exists, or it is a link). */
async function saveTo(path: string, text: string, force: boolean): Promise<string | undefined> {
  const existing = await lstat(path).catch(() => undefined);
  if (existing?.isSymbolicLink()) {
    return `${path} is a symbolic link: keypol does not write through links; name the file itself.`;
  }
  if (existing && !force) return `${path} exists: keypol does not overwrite it; pass --force to replace it.`;
  let file;
  try {
    file = await open(path, force ? REPLACE : NEW_FILE, 0o644);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // Created or swapped for a link between the check and the open.
    if (code === 'EEXIST') return `${path} exists: keypol does not overwrite it; pass --force to replace it.`;
    if (code === 'ELOOP') return `${path} is a symbolic link: keypol does not write through links.`;
    throw error;
  }
  try {
    await file.writeFile(text);
  } finally {
    await file.close();
  }
  return undefined;
}
