// keypol grants: the key's grants (ListGrants, every page) with the grantee by name, and what
// keypol's grant findings say about them.
import {positionals} from './args.js';
import {EXIT} from './exit.js';
import {constraintText, grantFindings, grantFindingsJson, grantJson} from './grants-output.js';
import {keyLabel} from './key.js';
import {clean, line, printJson, table} from './output.js';
import {formatCount, grantPrincipal} from '../policy/index.js';
import type {CommandArgs, CommandContext, CommandModule} from './context.js';

export const options: CommandModule['options'] = {};

export const usage = `Usage: keypol grants KEY [--json]

Lists the key's grants — who may use the key without the key policy saying so — with the
grantee by name, operations, encryption-context constraints and creation date, then the
grant findings (deleted grantees, other accounts, unconstrained decryption, CreateGrant,
duplicates, the 50,000-grant limit). --json prints {keyId, arn, grants: [{grantId, name,
granteePrincipal, grantee, retiringPrincipal, retiring, issuingAccount, operations,
constraints, creationDate}], findings: [{severity, code, message, grantIds}]}.
`;

export async function run(ctx: CommandContext, args: CommandArgs): Promise<number> {
  const [ref] = positionals(args, ['KEY']) as [string];
  const key = await ctx.gateway.describeKey(ref);
  const grants = await ctx.gateway.listGrants(key.arn);
  const findings = grantFindings(key, grants);
  if (ctx.json) {
    printJson(ctx, {
      keyId: key.keyId,
      arn: key.arn,
      grants: grants.map(g => grantJson(g, key.accountId)),
      findings: grantFindingsJson(findings),
    });
    return EXIT.ok;
  }
  const out = ctx.stdout;
  line(out, clean(`Grants on ${keyLabel(key)}: ${formatCount(grants.length)}`));
  if (grants.length > 0) {
    const rows = grants.map(g => [
      g.grantId.slice(0, 12),
      g.name ?? '-',
      grantPrincipal(g.granteePrincipal, key.accountId).name,
      g.operations.join(','),
      constraintText(g),
      (g.creationDate ?? '').slice(0, 10) || '-',
    ]);
    line(out, table(['GRANT ID', 'NAME', 'GRANTEE', 'OPERATIONS', 'CONSTRAINTS', 'CREATED'], rows));
  }
  if (findings.length) {
    line(out);
    line(out, 'Findings');
    for (const f of findings) line(out, clean(`  ${f.severity.padEnd(7)}  ${f.code}: ${f.message}`));
  }
  return EXIT.ok;
}
