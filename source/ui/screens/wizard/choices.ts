// The access wizard's first question: what to change. Only choices that make sense for this
// policy are offered (nothing to remove → no "remove" entry; the deletion toggle names its effect).
import type {AccessModel, AccessRole} from '../../../policy/types.js';

export type Choice =
  {kind: 'add'; role: AccessRole} | {kind: 'remove'; role: AccessRole} | {kind: 'deletion'; allow: boolean};

export interface ChoiceItem {
  key: string;
  label: string;
  value: Choice;
}

export const ROLE_WORDS: Record<AccessRole, {one: string; article: string}> = {
  administrator: {one: 'key administrator', article: 'a'},
  user: {one: 'key user', article: 'a'},
  account: {one: 'other AWS account', article: 'another'},
};

export function roleMembers(access: AccessModel, role: AccessRole): string[] {
  if (role === 'administrator') return access.administrators.map(p => p.value);
  if (role === 'user') return access.users.filter(p => p.kind !== 'account' || !p.external).map(p => p.value);
  return access.externalAccounts;
}

export function wizardChoices(access: AccessModel): ChoiceItem[] {
  const items: ChoiceItem[] = [];
  for (const role of ['administrator', 'user', 'account'] as const) {
    const {one} = ROLE_WORDS[role];
    items.push({
      key: `add-${role}`,
      label: `Add ${role === 'account' ? 'another AWS account' : `a ${one}`}`,
      value: {kind: 'add', role},
    });
    if (roleMembers(access, role).length > 0) {
      items.push({
        key: `remove-${role}`,
        label: `Remove ${role === 'account' ? 'another AWS account' : `a ${one}`}`,
        value: {kind: 'remove', role},
      });
    }
  }
  const allow = !access.administratorsCanDelete;
  items.push({
    key: 'deletion',
    label: allow
      ? 'Allow key administrators to delete this key'
      : 'Prevent key administrators from deleting this key',
    value: {kind: 'deletion', allow},
  });
  return items;
}
