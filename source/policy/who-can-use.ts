// "Who can use this key": the three ways to reach a KMS key, in one answer — the principals the
// key policy names, every grant's grantee with what it may do, and whether IAM policies in the
// key's account can add more (the policy's delegation to the account root).
import {grantPrincipal} from './grant-names.js';
import {isConstrained} from './grants.js';
import type {KeyGrant} from './grant-types.js';
import type {AccessModel} from './types.js';

export interface PolicyPrincipal {
  value: string;
  name: string;
  role: 'administrator' | 'user';
  external: boolean;
}

export interface Grantee {
  value: string;
  name: string;
  /** Every operation any of its grants allows, in first-seen order. */
  operations: string[];
  grants: number;
  /** Every one of its grants has an encryption-context constraint. */
  constrained: boolean;
  external: boolean;
}

export interface WhoCanUse {
  policy: PolicyPrincipal[];
  /** Other accounts the policy names as a whole (their IAM decides who in them). */
  accounts: string[];
  /** Undefined while the grants are not known (not read yet, or not permitted). */
  grantees?: Grantee[];
  iam: {delegation: AccessModel['iamDelegation']; sentence: string};
}

export function iamSentence(access: AccessModel, accountId: string): string {
  switch (access.iamDelegation) {
    case 'all':
      return `Yes: IAM policies in account ${accountId} can also allow any use of this key (the key policy enables the account root).`;
    case 'some':
      return `Partly: IAM policies in account ${accountId} can also allow ${access.iamActions.join(', ')} (the key policy enables the account root for these only).`;
    case 'conditional':
      return `Only under conditions: the key policy lets IAM policies in account ${accountId} grant access when its conditions hold.`;
    default:
      return 'No: IAM policies cannot grant access to this key; only the key policy and grants decide.';
  }
}

export function whoCanUse(
  access: AccessModel,
  grants: readonly KeyGrant[] | undefined,
  accountId: string,
): WhoCanUse {
  const policy: PolicyPrincipal[] = [
    ...access.administrators.map(p => ({
      value: p.value,
      name: p.name,
      role: 'administrator' as const,
      external: p.external,
    })),
    ...access.users.map(p => ({value: p.value, name: p.name, role: 'user' as const, external: p.external})),
  ];
  let grantees: Grantee[] | undefined;
  if (grants) {
    const byValue = new Map<string, Grantee>();
    for (const grant of grants) {
      let entry = byValue.get(grant.granteePrincipal);
      if (!entry) {
        const who = grantPrincipal(grant.granteePrincipal, accountId);
        entry = {
          value: who.value,
          name: who.name,
          operations: [],
          grants: 0,
          constrained: true,
          external: who.external,
        };
        byValue.set(grant.granteePrincipal, entry);
      }
      entry.grants++;
      entry.constrained &&= isConstrained(grant);
      for (const op of grant.operations) if (!entry.operations.includes(op)) entry.operations.push(op);
    }
    grantees = [...byValue.values()];
  }
  return {
    policy,
    accounts: access.externalAccounts,
    ...(grantees ? {grantees} : {}),
    iam: {delegation: access.iamDelegation, sentence: iamSentence(access, accountId)},
  };
}
