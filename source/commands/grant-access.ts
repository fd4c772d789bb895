// keypol grant-access: the access wizard's edits, scriptable — add or remove key
// administrators, key users and other accounts the way the console's default view does.
import {applyAccessEdit, printPolicy, type AccessEdit, type AccessRole} from '../policy/index.js';
import {removeDeleted} from './remove-deleted.js';
import {keyInfoOf} from '../aws/types.js';
import {booleanFlag, positionals, stringList} from './args.js';
import {applyChange, nothingToChange} from './apply-change.js';
import {EXIT, UsageError} from './exit.js';
import {loadKey} from './key.js';
import {refuseLocally, withJsonOutcome} from './output.js';
import type {CommandArgs, CommandContext, CommandModule} from './context.js';

export const options: CommandModule['options'] = {
  admin: {type: 'string', multiple: true},
  user: {type: 'string', multiple: true},
  account: {type: 'string', multiple: true},
  remove: {type: 'boolean'},
  'remove-deleted': {type: 'boolean'},
};

export const usage = `Usage: keypol grant-access KEY (--admin ARN | --user ARN | --account ID)... [--remove] [--yes] [--json]
       keypol grant-access KEY --remove-deleted [--yes] [--json]

Adds (or with --remove, removes) key administrators (--admin), key users (--user) or other
AWS accounts allowed to use the key (--account, 12 digits), editing the console's statements.
Each flag may repeat. Shows the diff and asks before writing (--yes skips the question).
Adding a principal that is already there, or removing one that is not, needs no change:
keypol says so and exits 0. Every role or user of the key's account must exist in IAM: one
that does not is refused (exit 3) before anything is sent.
--remove-deleted removes, from every statement, the unique ids (AROA…, AIDA…) of roles and
users IAM confirms are deleted (no live principal has the id; needs iam:ListRoles/ListUsers).
`;

const ROLES: [string, AccessRole][] = [
  ['admin', 'administrator'],
  ['user', 'user'],
  ['account', 'account'],
];

export function run(ctx: CommandContext, args: CommandArgs): Promise<number> {
  return withJsonOutcome(ctx, async () => {
    const [ref] = positionals(args, ['KEY']) as [string];
    if (booleanFlag(args.values, 'remove-deleted')) return removeDeleted(ctx, ref);
    const op = booleanFlag(args.values, 'remove') ? 'remove' : 'add';
    const edits: AccessEdit[] = ROLES.flatMap(([flag, role]) =>
      stringList(args.values, flag).map(principal => ({op, role, principal}) as AccessEdit),
    );
    if (edits.length === 0) throw new UsageError('name at least one --admin ARN, --user ARN or --account ID');

    const loaded = await loadKey(ctx, ref);
    let document = loaded.document;
    const notes: string[] = [];
    for (const edit of edits) {
      const result = applyAccessEdit(document, edit, keyInfoOf(loaded.key));
      if (result.ok) document = result.document;
      else if (result.unchanged) notes.push(result.reason);
      else return refuseLocally(ctx, 'invalid', result.reason, EXIT.refused);
    }
    if (document === loaded.document) return nothingToChange(ctx, loaded, notes);
    return applyChange(ctx, {
      loaded,
      afterText: printPolicy(document),
      reason: 'access-edit',
      preface: notes,
    });
  });
}
