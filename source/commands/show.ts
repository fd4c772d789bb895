// keypol show: one key's policy with everything keypol knows about it — classification,
// the access view (the evaluator's reading), findings and a plain-words explanation.
import {
  accessModel,
  classifyPolicy,
  entryWords,
  explainPolicy,
  formatCount,
  lintPolicy,
  parsePolicy,
  resolveUniqueIds,
  validatePolicy,
  uniqueIdsIn,
  type PrincipalRef,
} from '../policy/index.js';
import {keyInfoOf} from '../aws/types.js';
import {positionals} from './args.js';
import {EXIT} from './exit.js';
import {contextJson, contextLines, readKeyContext} from './key-context.js';
import {findingLines, findingsJson} from './findings.js';
import {keyLabel, loadKeyText} from './key.js';
import {clean, fields, line, policyText, printJson} from './output.js';
import type {CommandArgs, CommandContext, CommandModule} from './context.js';

export const options: CommandModule['options'] = {};

export const usage = `Usage: keypol show KEY [--json]

Shows the key policy (highlighted on a terminal), its classification (console default and
version, API default, AWS managed, custom), who can administer and use the key, findings
and an explanation. --json prints {keyId, arn, keyManager, policy, valid, classification: {kind,
version, outdated, missingActions}, access: {administrators, users, externalAccounts,
administratorsCanDelete, iamDelegation, canChange}, findings: [{severity, code, message, sid,
line}], grants: {count, list, findings: [{severity, code, message, grantIds}]}, rotation:
{enabled, periodDays, nextRotationDate, rotations} (null when the key cannot rotate), tags:
[{key, value}], whoCanUse: {policy, accounts, grantees, iamPolicies, iamSentence}}; a context
read that is refused gives {error: "not permitted: kms:Action"} in its place; access entries are principal strings, or {principal, conditions} when the access
depends on conditions. A live policy that is not JSON gives valid: false, classification and
access null, and findings with the line and column. uniqueIds: [{id, state, arn}] resolves the
unique ids (AROA…, AIDA…) the policy names through IAM: state "live" (arn: the principal that
has it), "deleted" (no role or user has it) or "unknown" (IAM could not be read).
`;

/** An access entry for --json: the principal as written, with its conditions when it has any. */
function entryJson(ref: PrincipalRef): string | {principal: string; name: string; conditions: string[]} {
  if (!ref.conditions) return ref.value === '*' ? ref.name : ref.value;
  return {principal: ref.value, name: ref.name, conditions: ref.conditions.map(c => c.key)};
}

/** "role/Admin", "every principal in account 1111 [only through s3… (kms:ViaService)]". */
const entryText = (ref: PrincipalRef): string => entryWords(ref, r => r.name);

function actionList(actions: string[]): string {
  const more = actions.length > 6 ? ` and ${formatCount(actions.length - 6)} more` : '';
  return actions.slice(0, 6).join(', ') + more;
}

export async function run(ctx: CommandContext, args: CommandArgs): Promise<number> {
  const [ref] = positionals(args, ['KEY']);
  const {key, policy} = await loadKeyText(ctx, ref as string);
  const info = keyInfoOf(key);
  const parsed = parsePolicy(policy.text);
  if (!parsed.ok) return showInvalid(ctx, key, policy.text);
  const document = parsed.document;
  const classification = classifyPolicy(document, info);
  const access = accessModel(document, info);
  // The caller only sharpens the lockout finding; showing a policy must not depend on STS.
  const identity = await ctx.gateway.identity().catch(() => undefined);
  const context = await readKeyContext(ctx.gateway, key);
  const findings = [
    ...validatePolicy(policy.text).filter(f => f.code !== 'too-large'),
    ...lintPolicy(document, {
      key: info,
      text: policy.text,
      mode: 'live',
      ...(identity ? {callerArn: identity.arn} : {}),
    }),
  ];
  // Only a policy that names unique ids asks IAM (for the whole listing: IAM finds no id by itself).
  // The same reading as the TUI's and --remove-deleted's (policy/deleted-principals.ts).
  const ids = uniqueIdsIn(document);
  const uniqueIds =
    ids.length === 0
      ? []
      : await ctx.gateway.principals.list().then(
          listing =>
            resolveUniqueIds(document, listing).map(u =>
              u.state === 'live'
                ? {id: u.id, state: 'live' as const, arn: u.principal.arn}
                : {id: u.id, state: 'deleted' as const, arn: null},
            ),
          (error: Error) =>
            ids.map(id => ({id, state: 'unknown' as const, arn: null, reason: error.message})),
        );

  if (ctx.json) {
    printJson(ctx, {
      keyId: key.keyId,
      arn: key.arn,
      keyManager: key.keyManager,
      policy: policy.text,
      valid: true,
      classification: {
        kind: classification.kind,
        version: classification.version ?? null,
        outdated: classification.outdated,
        missingActions: classification.missingActions,
      },
      access: {
        administrators: access.administrators.map(entryJson),
        users: access.users.map(entryJson),
        externalAccounts: access.externalAccounts,
        administratorsCanDelete: access.administratorsCanDelete,
        iamDelegation: access.iamDelegation,
        canChange: access.canChange.map(entryJson),
      },
      findings: findingsJson(findings),
      ...contextJson(key, access, context),
      uniqueIds: uniqueIds.map(({id, state, arn}) => ({id, state, arn})),
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
    classification.kind === 'aws-managed'
      ? 'Access (set up by AWS)'
      : access.representable
        ? 'Access'
        : 'Access (worked out from the statements: not a console layout)',
  );
  const names = (list: PrincipalRef[]) => list.map(entryText).join(', ') || 'none';
  const iam = {
    all: 'yes, for every action (the account root is allowed kms:*)',
    some: `only for ${actionList(access.iamActions)}`,
    conditional: 'only under the policy’s conditions',
    none: 'no',
  }[access.iamDelegation];
  line(
    out,
    fields([
      ['  Administrators', names(access.administrators)],
      ['  Users', names(access.users)],
      ['  Other accounts', access.externalAccounts.join(', ') || 'none'],
      ['  Admins can delete', access.administratorsCanDelete ? 'yes' : 'no'],
      ['  IAM policies apply', iam],
    ]),
  );
  for (const note of access.notes) line(out, `  ${clean(note)}`);
  for (const text of contextLines(key, access, context)) line(out, text);
  for (const u of uniqueIds) {
    const text =
      u.state === 'live'
        ? `${u.id} is ${u.arn} (a live principal: IAM shows its unique id, not a deleted one)`
        : u.state === 'deleted'
          ? `${u.id} is a deleted principal: no role or user has this id any more (keypol grant-access KEY --remove-deleted removes it)`
          : `${u.id} may be a deleted principal; IAM could not be asked: ${u.reason ?? ''}`;
    line(out, `  ${clean(text)}`);
  }
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

/** A live policy that is not JSON: where it breaks, as text or as the same --json shape. */
function showInvalid(
  ctx: CommandContext,
  key: Awaited<ReturnType<typeof loadKeyText>>['key'],
  text: string,
): number {
  const findings = validatePolicy(text);
  if (ctx.json) {
    printJson(ctx, {
      keyId: key.keyId,
      arn: key.arn,
      keyManager: key.keyManager,
      policy: text,
      valid: false,
      classification: null,
      access: null,
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
      ['Policy', 'not valid JSON'],
    ]),
  );
  line(out);
  line(out, 'Findings');
  for (const t of findingLines(findings)) line(out, t);
  line(out);
  line(out, clean(text).trimEnd());
  return EXIT.ok;
}
