// Loading one key the way every per-key command starts: DescribeKey (any kind of reference),
// then its policy, parsed.
import {parsePolicy, type PolicyDocument} from '../policy/index.js';
import type {KeyDetails, PolicySnapshot} from '../aws/types.js';
import type {CommandContext} from './context.js';

export interface LoadedKey {
  key: KeyDetails;
  policy: PolicySnapshot;
  document: PolicyDocument;
}

/** The key and its live policy text, whether or not the text is JSON (show reports where it is not). */
export async function loadKeyText(
  ctx: CommandContext,
  ref: string,
): Promise<{key: KeyDetails; policy: PolicySnapshot}> {
  const key = await ctx.gateway.describeKey(ref);
  return {key, policy: await ctx.gateway.getPolicy(key.arn)};
}

export async function loadKey(ctx: CommandContext, ref: string): Promise<LoadedKey> {
  const {key, policy} = await loadKeyText(ctx, ref);
  const parsed = parsePolicy(policy.text);
  if (!parsed.ok) {
    throw new Error(
      `The live policy of ${key.keyId} is not valid JSON (${parsed.errors[0]?.message ?? 'no detail'}).`,
    );
  }
  return {key, policy, document: parsed.document};
}

/** "1234abcd-… (alias/a, alias/b)" for headings and messages. */
export function keyLabel(key: KeyDetails): string {
  return key.aliases.length ? `${key.keyId} (${key.aliases.join(', ')})` : key.keyId;
}
