// keypol principals: the account's IAM roles and users as the access wizard's picker sees them,
// for scripts and for a quick check of what keypol can see (iam:ListRoles, iam:ListUsers).
import {LABEL_TEXT, filterPrincipals, formatCount, principalLabel} from '../policy/index.js';
import {EXIT} from './exit.js';
import {clean, line, printJson, table} from './output.js';
import type {CommandArgs, CommandContext, CommandModule} from './context.js';

export const options: CommandModule['options'] = {
  filter: {type: 'string'},
};

export const usage = `Usage: keypol principals [--filter TEXT] [--json]

Lists the account's IAM roles and users (iam:ListRoles, iam:ListUsers): type, label (SSO
permission-set role, service-linked role), name, path and creation date. --filter keeps
those whose name, path or ARN contains every word of TEXT (or whose name has its letters in
order), best matches first — as the access wizard's picker does. --json prints an array of
{type, label, name, path, arn, id, created, lastUsed}.
`;

export async function run(ctx: CommandContext, args: CommandArgs): Promise<number> {
  const query = typeof args.values.filter === 'string' ? args.values.filter : '';
  const all = await ctx.gateway.principals.list();
  const shown = filterPrincipals(all, query);
  if (ctx.json) {
    printJson(
      ctx,
      shown.map(p => ({
        type: p.type,
        label: principalLabel(p),
        name: p.name,
        path: p.path,
        arn: p.arn,
        id: p.id,
        created: p.created ?? null,
        lastUsed: p.lastUsed ?? null,
      })),
    );
    return EXIT.ok;
  }
  if (shown.length === 0) {
    line(
      ctx.stdout,
      query ? `No role or user matches "${clean(query)}".` : 'The account has no roles or users.',
    );
    return EXIT.ok;
  }
  const rows = shown.map(p => [
    LABEL_TEXT[principalLabel(p)],
    clean(p.name),
    clean(p.path),
    p.created?.slice(0, 10) ?? '-',
  ]);
  line(ctx.stdout, table(['TYPE', 'NAME', 'PATH', 'CREATED'], rows));
  const roles = shown.filter(p => p.type === 'role').length;
  line(
    ctx.stdout,
    `${formatCount(roles)} roles, ${formatCount(shown.length - roles)} users${query ? ` matching "${clean(query)}"` : ''}.`,
  );
  return EXIT.ok;
}
