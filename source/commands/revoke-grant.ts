// keypol revoke-grant: remove one grant through the guarded path (RetireGrant when you are its
// retiring principal). The grant's definition is saved first; KMS never gives back the same id.
import {positionals} from './args.js';
import {EXIT} from './exit.js';
import {constraintText} from './grants-output.js';
import {GRANT_CONFIRM_CHARS, runKeyAction} from './key-action.js';
import {keyLabel} from './key.js';
import {clean, line, refuseLocally, withJsonOutcome} from './output.js';
import {formatCount, grantPrincipal} from '../policy/index.js';
import type {CommandArgs, CommandContext, CommandModule} from './context.js';

export const options: CommandModule['options'] = {};

export const usage = `Usage: keypol revoke-grant KEY GRANT_ID [--yes] [--json]

Revokes one of the key's grants (RetireGrant instead when you are the grant's retiring
principal). GRANT_ID is the full id or a unique start of at least 8 characters (keypol grants
KEY lists them). Before the call keypol saves the grant's definition under the state dir
(grants/): CreateGrant can make an equivalent grant from it, but with a new grant id. Then the
call, an audit line, and ListGrants again to check the grant is gone. On a terminal you type
the grant id's first ${GRANT_CONFIRM_CHARS} characters to confirm; --yes skips that. Refused (exit 3) in
read-only mode and for AWS managed keys, whose grants belong to AWS services.
`;

export function run(ctx: CommandContext, args: CommandArgs): Promise<number> {
  return withJsonOutcome(ctx, async () => {
    const [ref, wanted] = positionals(args, ['KEY', 'GRANT_ID']) as [string, string];
    if (!/^[0-9a-f]{8,64}$/i.test(wanted)) {
      return refuseLocally(ctx, 'usage', 'GRANT_ID must be hexadecimal, at least 8 characters.', EXIT.usage);
    }
    const key = await ctx.gateway.describeKey(ref);
    const matches = (await ctx.gateway.listGrants(key.arn)).filter(g =>
      g.grantId.startsWith(wanted.toLowerCase()),
    );
    if (matches.length !== 1) {
      const why =
        matches.length === 0
          ? 'has no grant with that id'
          : `has ${formatCount(matches.length)} grants starting so`;
      return refuseLocally(
        ctx,
        'not-found',
        `${keyLabel(key)} ${why}: see keypol grants ${ref}.`,
        EXIT.error,
      );
    }
    const grant = matches[0]!;
    if (!ctx.json) {
      line(ctx.stdout, clean(`Grant ${grant.grantId} on ${keyLabel(key)}`));
      line(ctx.stdout, clean(`  name         ${grant.name ?? '-'}`));
      line(
        ctx.stdout,
        clean(
          `  grantee      ${grantPrincipal(grant.granteePrincipal, key.accountId).name} (${grant.granteePrincipal})`,
        ),
      );
      line(ctx.stdout, clean(`  operations   ${grant.operations.join(', ')}`));
      line(ctx.stdout, clean(`  constraints  ${constraintText(grant)}`));
    }
    return runKeyAction(ctx, {
      question: `Revoke this grant? Its definition is saved first; recreating it gives a new grant id.`,
      typed: grant.grantId.slice(0, GRANT_CONFIRM_CHARS),
      certainRefusal: ctx.gateway.info.readOnly || key.keyManager === 'AWS',
      run: () => ctx.gateway.revokeGrant({key, grant}),
      json: {keyId: key.keyId, arn: key.arn, grantId: grant.grantId},
    });
  });
}
