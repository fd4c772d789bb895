// Grant findings: what in a key's grants deserves a second look, each as one sentence and the
// next step. Grants never show in the key policy, so these are the half of "who can use this key"
// that a policy lint cannot see.
import {grantPrincipal} from './grant-names.js';
import type {KeyGrant} from './grant-types.js';
import type {Finding} from './types.js';
import {formatCount} from './numbers.js';

/** KMS's default quota of grants per key (adjustable through Service Quotas). */
export const GRANTS_PER_KEY = 50_000;
/** From this share of the quota on, the count is a finding. */
export const GRANT_LIMIT_WARNING = 0.8;

/** Operations that decrypt or make data keys: without a constraint they cover all data under the key. */
export const DATA_OPERATIONS = new Set([
  'Decrypt',
  'ReEncryptFrom',
  'ReEncryptTo',
  'GenerateDataKey',
  'GenerateDataKeyWithoutPlaintext',
  'GenerateDataKeyPair',
  'GenerateDataKeyPairWithoutPlaintext',
]);

export interface GrantFinding extends Finding {
  /** The grants it is about (all of a duplicate group, oldest first). */
  grantIds: string[];
}

export interface GrantLintContext {
  keyAccountId: string;
  /** Whether a principal still exists, when IAM could be asked (issue 13); undefined = unknown. */
  exists?: (principal: string) => boolean | undefined;
  /** Override of GRANTS_PER_KEY when the account's quota is known to differ. */
  limit?: number;
}

/** `"nightly-report" (3f1c0a9e7b2d…)` or the id alone. */
export function grantLabel(grant: KeyGrant): string {
  const id = `${grant.grantId.slice(0, 12)}…`;
  return grant.name ? `"${grant.name}" (${id})` : id;
}

export const isConstrained = (grant: KeyGrant): boolean =>
  Object.keys(grant.constraints?.encryptionContextSubset ?? {}).length > 0 ||
  Object.keys(grant.constraints?.encryptionContextEquals ?? {}).length > 0;

/** What makes two grants the same grant: grantee, operations (as a set) and constraints. */
export function grantShape(grant: KeyGrant): string {
  const sorted = (map?: Record<string, string>) =>
    map ? Object.fromEntries(Object.entries(map).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : null;
  return JSON.stringify([
    grant.granteePrincipal,
    [...new Set(grant.operations)].sort(),
    sorted(grant.constraints?.encryptionContextSubset),
    sorted(grant.constraints?.encryptionContextEquals),
  ]);
}

const finding = (
  severity: Finding['severity'],
  code: string,
  message: string,
  grants: KeyGrant[],
): GrantFinding => ({severity, code, message, grantIds: grants.map(g => g.grantId)});

export function lintGrants(grants: readonly KeyGrant[], context: GrantLintContext): GrantFinding[] {
  const findings: GrantFinding[] = [];
  const shapes = new Map<string, KeyGrant[]>();
  for (const grant of grants) {
    const who = grantPrincipal(grant.granteePrincipal, context.keyAccountId);
    const label = grantLabel(grant);
    const gone = who.kind === 'deleted' || context.exists?.(grant.granteePrincipal) === false;
    if (gone) {
      findings.push(
        finding(
          'warning',
          'grant-deleted-grantee',
          `Grant ${label} is for ${who.name}, which no longer exists: nobody can use it, and a new principal ` +
            'of the same name would not inherit it. Revoke it.',
          [grant],
        ),
      );
    }
    if (who.external) {
      findings.push(
        finding(
          'warning',
          'grant-other-account',
          `Grant ${label} lets ${who.name} use this key from another account (${grant.operations.join(', ')}). ` +
            `Confirm that account ${who.accountId ?? '?'} should have it; revoke the grant if not.`,
          [grant],
        ),
      );
    }
    const data = grant.operations.filter(op => DATA_OPERATIONS.has(op));
    if (data.length > 0 && !isConstrained(grant)) {
      findings.push(
        finding(
          'warning',
          'grant-unconstrained',
          `Grant ${label} lets ${who.name} call ${data.join(', ')} on any data under this key: it has no ` +
            'encryption-context constraint. Create a replacement with EncryptionContextSubset or ' +
            'EncryptionContextEquals, then revoke this one.',
          [grant],
        ),
      );
    }
    if (grant.operations.includes('CreateGrant')) {
      findings.push(
        finding(
          'warning',
          'grant-redelegation',
          `Grant ${label} includes CreateGrant: ${who.name} can pass its permissions on to anyone with new ` +
            'grants of its own. If it does not need to, replace it with a grant without CreateGrant.',
          [grant],
        ),
      );
    }
    const shape = grantShape(grant);
    const group = shapes.get(shape);
    if (group) group.push(grant);
    else shapes.set(shape, [grant]);
  }
  for (const group of shapes.values()) {
    if (group.length < 2) continue;
    const ordered = [...group].sort((a, b) => (a.creationDate ?? '').localeCompare(b.creationDate ?? ''));
    const first = ordered[0] as KeyGrant;
    const who = grantPrincipal(first.granteePrincipal, context.keyAccountId);
    findings.push(
      finding(
        'info',
        'grant-duplicate',
        `${formatCount(group.length)} grants give ${who.name} the same operations (${first.operations.join(', ')}) with the ` +
          `same constraints. Keep the oldest, ${grantLabel(first)}, and revoke the other ${formatCount(group.length - 1)}.`,
        ordered,
      ),
    );
  }
  const limit = context.limit ?? GRANTS_PER_KEY;
  if (grants.length >= limit * GRANT_LIMIT_WARNING) {
    findings.push({
      severity: grants.length >= limit * 0.95 ? 'error' : 'warning',
      code: 'grant-limit',
      message:
        `The key has ${formatCount(grants.length)} grants; KMS allows ${formatCount(limit)} ` +
        'per key, and then every new grant fails (EBS volumes stop attaching, RDS and other services stop ' +
        'working with the key). Revoke grants that are no longer used or request a quota increase.',
      grantIds: [],
    });
  }
  return findings;
}
