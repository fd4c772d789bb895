// The account's IAM roles and users as keypol shows them: what kind each is (an IAM Identity
// Center permission-set role, a service-linked role, a plain role or user). The picker's filter
// is in principal-filter.ts.

export interface IamPrincipal {
  type: 'role' | 'user';
  name: string;
  /** `/` or `/a/b/`. */
  path: string;
  arn: string;
  /** RoleId (AROA…) or UserId (AIDA…). */
  id: string;
  /** ISO-8601. */
  created?: string;
  /** ISO-8601; roles only, and only where IAM returned it. */
  lastUsed?: string;
}

export type PrincipalLabel = 'sso' | 'service-linked' | 'role' | 'user';

export function principalLabel(p: Pick<IamPrincipal, 'type' | 'path' | 'name'>): PrincipalLabel {
  if (p.type === 'user') return 'user';
  if (p.path.startsWith('/aws-service-role/')) return 'service-linked';
  if (p.path.startsWith('/aws-reserved/sso.amazonaws.com/') && p.name.startsWith('AWSReservedSSO_'))
    return 'sso';
  return 'role';
}

export const LABEL_TEXT: Readonly<Record<PrincipalLabel, string>> = {
  sso: 'SSO role',
  'service-linked': 'service-linked',
  role: 'role',
  user: 'user',
};

/** Why a service-linked role is a poor key administrator (the picker says it beside the row). */
export const SERVICE_LINKED_NOTE =
  'Service-linked roles are assumed only by their AWS service, with permissions that service defines: ' +
  'as a key administrator one can do nothing useful. Give it access as a key user only if the service needs the key.';

export const SSO_NOTE =
  'IAM Identity Center manages this role for a permission set; IAM Identity Center may recreate it with a new ' +
  'suffix (and a new unique id) when the permission set is reprovisioned.';
