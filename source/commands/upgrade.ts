// keypol upgrade: bring a console default policy up to the current console default by adding
// only the permissions it lacks, keeping the administrators' deletion choice.
import {classifyPolicy, planUpgrade, printPolicy} from '../policy/index.js';
import {keyInfoOf} from '../aws/types.js';
import {booleanFlag, positionals} from './args.js';
import {applyChange, nothingToChange} from './apply-change.js';
import {EXIT, UsageError} from './exit.js';
import {keyLabel, loadKey} from './key.js';
import {refuseLocally, withJsonOutcome} from './output.js';
import type {CommandArgs, CommandContext, CommandModule} from './context.js';

export const options: CommandModule['options'] = {
  'allow-delete': {type: 'boolean'},
  'no-allow-delete': {type: 'boolean'},
};

export const usage = `Usage: keypol upgrade KEY [--allow-delete | --no-allow-delete] [--yes] [--json]

Upgrades a console default key policy (v1, v2, v3) to the current console default: shows
which permissions it adds and why, and the diff, then writes it on confirmation. Only adds
permissions. Policies that are not console defaults, or have no key administrators statement
to add to, are refused with the reason (exit 3).
--allow-delete / --no-allow-delete decide whether key administrators may schedule the key's
deletion, when keypol cannot tell it from the policy.
`;

export function run(ctx: CommandContext, args: CommandArgs): Promise<number> {
  return withJsonOutcome(ctx, async () => {
    const [ref] = positionals(args, ['KEY']) as [string];
    const allow = booleanFlag(args.values, 'allow-delete');
    const deny = booleanFlag(args.values, 'no-allow-delete');
    if (allow && deny) throw new UsageError('--allow-delete and --no-allow-delete exclude each other');

    const loaded = await loadKey(ctx, ref);
    const {key} = loaded;
    const info = keyInfoOf(key);
    const classification = classifyPolicy(loaded.document, info);
    if (classification.kind !== 'console-default' && classification.kind !== 'console-modified') {
      const message = `The policy of ${keyLabel(key)} is ${classification.label}, not a console default policy: keypol upgrades only console default policies.`;
      return refuseLocally(ctx, 'not-console', message, EXIT.refused);
    }
    if (classification.kind === 'console-default' && !classification.outdated) {
      const message = `The policy of ${keyLabel(key)} is already the current console default.`;
      return nothingToChange(ctx, loaded, [], message);
    }
    const plan = planUpgrade(loaded.document, info, allow || deny ? {allowDeletion: allow} : {});
    if (!plan.ok) return refuseLocally(ctx, 'not-upgradable', plan.reason, EXIT.refused);
    if (plan.needsDeletionChoice) {
      throw new UsageError(
        'console default v1 predates key deletion, so keypol cannot tell whether key administrators may delete this key: pass --allow-delete or --no-allow-delete',
      );
    }
    if (plan.added.length === 0) {
      const message = `The key administrators of ${keyLabel(key)} already have every permission of the current console default.`;
      return nothingToChange(ctx, loaded, [], message);
    }
    const preface = [
      `Upgrade from console default ${plan.from} to the current console default adds:`,
      ...plan.added.map(p => `  + ${p.action} — ${p.feature}: ${p.explanation}`),
      ...plan.warnings.map(w => `Warning: ${w}`),
      '',
    ];
    return applyChange(ctx, {loaded, afterText: printPolicy(plan.document), reason: 'upgrade', preface});
  });
}
