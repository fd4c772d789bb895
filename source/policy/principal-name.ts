// Whether a principal *name* can exist at all, before anyone asks IAM: IAM's own limits on role
// and user names (1–64 characters of [A-Za-z0-9+=,.@_-]) and paths (at most 512 characters),
// IAM groups (never principals), and the partition (an aws-cn ARN cannot be in an aws key's
// policy). Used as the operator types in the picker and again in the write path.
import {GROUP_REASON} from './principal.js';
import {formatCount} from './numbers.js';

const ARN = /^arn:([^:]*):([^:]*):([^:]*):([^:]*):(.*)$/s;
const NAME_CHAR = /[\w+=,.@-]/;
const MAX_NAME = 64;
const MAX_PATH = 512;

export interface NameContext {
  /** The key's partition: aws, aws-cn or aws-us-gov. */
  partition: string;
}

function badCharacter(text: string): string | undefined {
  for (const ch of text) if (!NAME_CHAR.test(ch)) return ch;
  return undefined;
}

const shown = (ch: string): string =>
  /^[\x21-\x7e]$/.test(ch)
    ? `"${ch}"`
    : `U+${ch.codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0')}`;

function checkName(what: string, name: string): string | undefined {
  if (name === '') return `The ${what} name is empty.`;
  if (name.length > MAX_NAME) {
    return `${what[0]?.toUpperCase()}${what.slice(1)} names are at most ${MAX_NAME} characters; this one has ${formatCount(name.length)}, so no such ${what} can exist.`;
  }
  const bad = badCharacter(name);
  if (bad !== undefined) {
    return `${what[0]?.toUpperCase()}${what.slice(1)} names may contain only letters, digits and + = , . @ _ -; ${shown(bad)} is not allowed.`;
  }
  return undefined;
}

function checkPathed(type: 'role' | 'user', rest: string): string | undefined {
  const parts = rest.split('/');
  const name = parts.pop() ?? '';
  const path = `/${parts.join('/')}${parts.length ? '/' : ''}`;
  if (path.length > MAX_PATH)
    return `IAM paths are at most ${MAX_PATH} characters; this one has ${formatCount(path.length)}.`;
  const emptySegment = parts.some(p => p === '');
  if (emptySegment) return `The ${type} path has an empty segment ("//").`;
  for (const part of parts) {
    const bad = badCharacter(part);
    if (bad !== undefined)
      return `The ${type} path contains ${shown(bad)}, which IAM paths used in keypol may not.`;
  }
  return checkName(type, name);
}

/**
 * Why `value` cannot name an existing principal in a policy of a key in `context.partition`, or
 * undefined when its shape is fine (it may still not exist: that is IAM's to say). Values that
 * are not ARNs (account ids, unique ids, service principals, "*") are left to the policy rules.
 */
export function principalNameProblem(value: string, context: NameContext): string | undefined {
  const arn = ARN.exec(value.trim());
  if (!arn) return undefined;
  const [, partition = '', service = '', region = '', account = '', resource = ''] = arn;
  if (partition !== context.partition) {
    return `${value.trim()} is in partition ${partition || '(none)'}, but this key is in ${context.partition}: a key policy can only name principals of its own partition.`;
  }
  if (service !== 'iam' && service !== 'sts') return undefined;
  if (region !== '') return `IAM ARNs have no Region; "${region}" makes this ARN invalid.`;
  if (!/^\d{12}$/.test(account)) return `"${account}" is not a 12-digit account id.`;
  const slash = resource.indexOf('/');
  const type = slash < 0 ? resource : resource.slice(0, slash);
  const rest = slash < 0 ? '' : resource.slice(slash + 1);
  if (service === 'iam') {
    if (type === 'group') return GROUP_REASON;
    if (type === 'role' || type === 'user') return checkPathed(type, rest);
    return undefined;
  }
  if (type === 'assumed-role') {
    const [roleName = '', session = '', ...extra] = rest.split('/');
    if (extra.length) return 'An assumed-role ARN is assumed-role/ROLE/SESSION, without a path.';
    return checkName('role', roleName) ?? checkName('session', session);
  }
  return undefined;
}
