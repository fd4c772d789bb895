// The access wizard's first question: what to change. Only what can be done to this policy is
// offered: each removal and the deletion toggle is tried with the domain's applyAccessEdit, and
// what it refuses is listed apart with the domain's reason instead of being offered and refused
// later (an account another statement names, a deletion toggle with no administrators statement).
import {applyAccessEdit} from '../../../policy/index.js';
import type {AccessEdit, AccessModel, AccessRole, KeyInfo, PolicyDocument} from '../../../policy/types.js';

export type Choice =
  {kind: 'add'; role: AccessRole} | {kind: 'remove'; role: AccessRole} | {kind: 'deletion'; allow: boolean};

export interface ChoiceItem {
  key: string;
  label: string;
  value: Choice;
}

export interface WizardChoices {
  items: ChoiceItem[];
  /** What is not offered, and why, one sentence each. */
  unavailable: string[];
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

/** The members of `role` the wizard can remove, and why each of the others cannot be. */
export function removable(
  access: AccessModel,
  role: AccessRole,
  doc: PolicyDocument,
  key: KeyInfo,
): {members: string[]; refused: Array<{member: string; reason: string}>} {
  const members: string[] = [];
  const refused: Array<{member: string; reason: string}> = [];
  for (const member of roleMembers(access, role)) {
    const result = applyAccessEdit(doc, {op: 'remove', role, principal: member}, key);
    if (result.ok) members.push(member);
    else refused.push({member, reason: result.reason});
  }
  return {members, refused};
}

const roleLabel = (role: AccessRole) =>
  role === 'account' ? 'another AWS account' : `a ${ROLE_WORDS[role].one}`;

export function wizardChoices(access: AccessModel, doc: PolicyDocument, key: KeyInfo): WizardChoices {
  const items: ChoiceItem[] = [];
  const unavailable: string[] = [];
  for (const role of ['administrator', 'user', 'account'] as const) {
    items.push({key: `add-${role}`, label: `Add ${roleLabel(role)}`, value: {kind: 'add', role}});
    const {members, refused} = removable(access, role, doc, key);
    if (members.length > 0) {
      items.push({key: `remove-${role}`, label: `Remove ${roleLabel(role)}`, value: {kind: 'remove', role}});
    } else if (refused[0]) {
      unavailable.push(`Remove ${roleLabel(role)}: ${refused[0].reason}`);
    }
  }
  const allow = !access.administratorsCanDelete;
  const label = allow
    ? 'Allow key administrators to delete this key'
    : 'Prevent key administrators from deleting this key';
  const toggle: AccessEdit = {op: 'set-deletion', allow};
  const result = applyAccessEdit(doc, toggle, key);
  if (result.ok) items.push({key: 'deletion', label, value: {kind: 'deletion', allow}});
  else if (!result.unchanged) {
    unavailable.push(
      /no key administrators statement/i.test(result.reason)
        ? `${label}: there is no key administrators statement; add a key administrator first.`
        : `${label}: ${result.reason}`,
    );
  }
  return {items, unavailable};
}
