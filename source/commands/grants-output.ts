// Grants as keypol prints them: the --json shape (shared by `grants` and `show`) and the table.
import {grantPrincipal, lintGrants, type GrantFinding, type KeyGrant} from '../policy/index.js';
import type {KeyDetails} from '../aws/types.js';

export function grantJson(grant: KeyGrant, keyAccountId: string) {
  return {
    grantId: grant.grantId,
    name: grant.name ?? null,
    granteePrincipal: grant.granteePrincipal,
    grantee: grantPrincipal(grant.granteePrincipal, keyAccountId).name,
    retiringPrincipal: grant.retiringPrincipal ?? null,
    retiring: grant.retiringPrincipal ? grantPrincipal(grant.retiringPrincipal, keyAccountId).name : null,
    issuingAccount: grant.issuingAccount,
    operations: grant.operations,
    constraints: grant.constraints ?? null,
    creationDate: grant.creationDate ?? null,
  };
}

export function grantFindingsJson(findings: GrantFinding[]) {
  return findings.map(f => ({severity: f.severity, code: f.code, message: f.message, grantIds: f.grantIds}));
}

/** `{"aws:ebs:id": "vol-1"}` ⊆ → `subset aws:ebs:id=vol-1`. */
export function constraintText(grant: KeyGrant): string {
  const pairs = (map?: Record<string, string>) =>
    Object.entries(map ?? {})
      .map(([k, v]) => `${k}=${v}`)
      .join(', ');
  const parts = [
    grant.constraints?.encryptionContextEquals
      ? `equals ${pairs(grant.constraints.encryptionContextEquals)}`
      : '',
    grant.constraints?.encryptionContextSubset
      ? `subset ${pairs(grant.constraints.encryptionContextSubset)}`
      : '',
  ].filter(Boolean);
  return parts.join('; ') || '-';
}

export function grantFindings(key: KeyDetails, grants: readonly KeyGrant[]): GrantFinding[] {
  return lintGrants(grants, {keyAccountId: key.accountId});
}
