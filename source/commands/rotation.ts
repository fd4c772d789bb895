// keypol rotation: turn the key's automatic rotation on (with a period) or off, guarded.
import {booleanFlag, positionals, stringFlag} from './args.js';
import {EXIT, UsageError} from './exit.js';
import {runKeyAction} from './key-action.js';
import {keyLabel} from './key.js';
import {clean, line, printJson, withJsonOutcome} from './output.js';
import type {CommandArgs, CommandContext, CommandModule} from './context.js';
import {formatCount} from '../policy/index.js';

export const options: CommandModule['options'] = {
  enable: {type: 'boolean'},
  disable: {type: 'boolean'},
  period: {type: 'string'},
};

export const usage = `Usage: keypol rotation KEY (--enable [--period DAYS] | --disable) [--yes] [--json]

Turns automatic rotation of the key material on (every DAYS days, 90–2560, default 365) or
off (EnableKeyRotation / DisableKeyRotation). Audited and checked with GetKeyRotationStatus
afterwards; refused (exit 3) in read-only mode and for AWS managed keys (AWS rotates those
yearly). When the key already rotates as asked, nothing is changed (exit 0).
`;

export function run(ctx: CommandContext, args: CommandArgs): Promise<number> {
  return withJsonOutcome(ctx, async () => {
    const [ref] = positionals(args, ['KEY']) as [string];
    const enable = booleanFlag(args.values, 'enable');
    if (enable === booleanFlag(args.values, 'disable'))
      throw new UsageError('pass exactly one of --enable and --disable');
    const rawPeriod = stringFlag(args.values, 'period');
    if (rawPeriod !== undefined && !enable) throw new UsageError('--period goes with --enable');
    const period = rawPeriod === undefined ? undefined : Number(rawPeriod);
    if (period !== undefined && (!Number.isInteger(period) || period < 90 || period > 2560)) {
      throw new UsageError('--period takes a whole number of days from 90 to 2560');
    }
    const key = await ctx.gateway.describeKey(ref);
    const status = await ctx.gateway.rotationStatus(key.arn);
    if (status === undefined) {
      const message = `${keyLabel(key)} (${key.keySpec}, ${key.origin}) does not support automatic rotation.`;
      if (ctx.json) printJson(ctx, {ok: false, refusal: 'unsupported', message});
      line(ctx.stderr, clean(`keypol: ${message}`));
      return EXIT.refused;
    }
    if (status.enabled === enable && (!enable || period === undefined || status.periodDays === period)) {
      const message = `${keyLabel(key)}: automatic rotation is already ${enable ? `on (every ${formatCount(status.periodDays ?? 365)} days)` : 'off'}.`;
      if (ctx.json) printJson(ctx, {ok: true, changed: false, keyId: key.keyId, arn: key.arn, message});
      else line(ctx.stdout, clean(message));
      return EXIT.ok;
    }
    const what = enable ? `on${period ? `, every ${formatCount(period)} days` : ''}` : 'off';
    return runKeyAction(ctx, {
      question: clean(`Turn automatic rotation of ${keyLabel(key)} ${what}?`),
      certainRefusal: ctx.gateway.info.readOnly || key.keyManager === 'AWS',
      run: () => ctx.gateway.setKeyRotation(key, enable, period),
      json: {keyId: key.keyId, arn: key.arn, enabled: enable, periodDays: period ?? null},
    });
  });
}
