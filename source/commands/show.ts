// keypol show: one key's policy with everything keypol knows about it — classification,
// the console-style access view, findings and a plain-words explanation.
import {accessModel, classifyPolicy, explainPolicy, lintPolicy} from '../policy/index.js';
import {keyInfoOf} from '../aws/types.js';
import {positionals} from './args.js';
import {EXIT} from './exit.js';
import {findingLines, findingsJson} from './findings.js';
import {keyLabel, loadKey} from './key.js';
import {clean, fields, line, policyText, printJson} from './output.js';
import type {CommandArgs, CommandContext, CommandModule} from './context.js';

export const options: CommandModule['options'] = {};

export const usage = `Usage: keypol show KEY [--json]

Shows the key policy (highlighted on a terminal), its classification (console default and
version, API default, AWS managed, custom), who can administer and use the key, findings
and an explanation. --json prints {keyId, arn, policy, classification: {kind, version,
outdated, missingActions}, access: {administrators, users, externalAccounts,
administratorsCanDelete}, findings: [{severity, code, message, sid}]}.
`;

export async function run(ctx: CommandContext, args: CommandArgs): Promise<number> {
  const [ref] = positionals(args, ['KEY']);
  const {key, policy, document} = await loadKey(ctx, ref as string);
  const info = keyInfoOf(key);
  const classification = classifyPolicy(document, info);
  const access = accessModel(document, info);
  // The caller only sharpens the lockout finding; showing a policy must not depend on STS.
  const identity = await ctx.gateway.identity().catch(() => undefined);
  const findings = lintPolicy(document, {
    key: info,
    text: policy.text,
    ...(identity ? {callerArn: identity.arn} : {}),
  });

  if (ctx.json) {
    printJson(ctx, {
      keyId: key.keyId,
      arn: key.arn,
      policy: policy.text,
      classification: {
        kind: classification.kind,
        version: classification.version ?? null,
        outdated: classification.outdated,
        missingActions: classification.missingActions,
      },
      access: {
        administrators: access.administrators.map(p => p.value),
        users: access.users.map(p => p.value),
        externalAccounts: access.externalAccounts,
        administratorsCanDelete: access.administratorsCanDelete,
      },
      findings: findingsJson(findings),
    });
    return EXIT.ok;
  }

  const out = ctx.stdout;
  line(
    out,
    fields([
      ['Key', keyLabel(key)],
      ['ARN', key.arn],
      ['State', `${key.state} · ${key.keySpec} · ${key.keyUsage} · ${key.keyManager} managed`],
      ['Description', key.description || '-'],
      ['Policy', classification.label],
    ]),
  );
  if (classification.missingActions.length) {
    line(
      out,
      `  missing from the current console default: ${clean(classification.missingActions.join(', '))}`,
    );
  }
  for (const deviation of classification.deviations) line(out, `  ${clean(deviation)}`);
  line(out);
  line(
    out,
    access.representable ? 'Access' : 'Access (approximate: the policy does not follow the console layout)',
  );
  const names = (list: {name: string}[]) => list.map(p => p.name).join(', ') || 'none';
  line(
    out,
    fields([
      ['  Administrators', names(access.administrators)],
      ['  Users', names(access.users)],
      ['  Other accounts', access.externalAccounts.join(', ') || 'none'],
      ['  Admins can delete', access.administratorsCanDelete ? 'yes' : 'no'],
      ['  IAM policies apply', access.rootEnabled ? 'yes (the account root is enabled)' : 'no'],
    ]),
  );
  for (const note of access.notes) line(out, `  ${clean(note)}`);
  if (findings.length) {
    line(out);
    line(out, 'Findings');
    for (const text of findingLines(findings)) line(out, text);
  }
  const explanation = explainPolicy(document, info);
  if (explanation.length) {
    line(out);
    line(out, 'What it says');
    for (const text of explanation) line(out, `  ${clean(text)}`);
  }
  line(out);
  line(out, policyText(ctx, policy.text).trimEnd());
  return EXIT.ok;
}
