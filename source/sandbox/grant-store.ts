// A key's grants: the ones made one by one (KeyRecord.grants) plus the seed's bulk grants, which
// are described by a count and built on first read. The built list is cached per key and kept in
// step with every change, so ListGrants pages through 45,000 grants without rebuilding them.
import {createHash} from 'node:crypto';
import {SANDBOX_ACCOUNT} from './identity.js';
import type {GeneratedGrants, Grant, KeyRecord} from './state.js';

const built = new WeakMap<KeyRecord, Grant[]>();
/** Generated grant id → its index, per key, to record a removal. */
const indexes = new WeakMap<KeyRecord, Map<string, number>>();

const hex = (text: string): string => createHash('sha256').update(text).digest('hex');
const MINUTES_APART = 7 * 60 + 13;

/**
 * The shape EBS gives the grants of an encrypted volume: the EC2 infrastructure role of the
 * instance it is attached to may Decrypt, only for that volume's encryption context.
 */
export function generatedGrant(spec: GeneratedGrants, index: number): Grant {
  const h = hex(`${spec.seed}:${index}`);
  return {
    GrantId: h,
    CreationDate: spec.from + index * MINUTES_APART,
    GranteePrincipal: `arn:aws:sts::${SANDBOX_ACCOUNT}:assumed-role/aws:ec2-infrastructure/i-0${h.slice(0, 16)}`,
    RetiringPrincipal: `arn:aws:iam::${SANDBOX_ACCOUNT}:root`,
    IssuingAccount: `arn:aws:iam::${SANDBOX_ACCOUNT}:root`,
    Operations: ['Decrypt'],
    Constraints: {EncryptionContextSubset: {'aws:ebs:id': `vol-0${h.slice(16, 32)}`}},
  };
}

export function grantsOf(key: KeyRecord): readonly Grant[] {
  let all = built.get(key);
  if (all) return all;
  all = [];
  const spec = key.generatedGrants;
  if (spec) {
    const removed = new Set(spec.removed);
    const byId = new Map<string, number>();
    for (let i = 0; i < spec.count; i++) {
      if (removed.has(i)) continue;
      const grant = generatedGrant(spec, i);
      byId.set(grant.GrantId, i);
      all.push(grant);
    }
    indexes.set(key, byId);
  }
  all.push(...key.grants);
  built.set(key, all);
  return all;
}

export const grantCount = (key: KeyRecord): number =>
  key.grants.length +
  (key.generatedGrants ? key.generatedGrants.count - key.generatedGrants.removed.length : 0);

export function addGrant(key: KeyRecord, grant: Grant): void {
  const all = built.get(key);
  key.grants.push(grant);
  all?.push(grant);
}

/** Removes the grant; false when the key has no grant with this id. */
export function removeGrant(key: KeyRecord, grantId: string): boolean {
  const all = grantsOf(key) as Grant[];
  const at = all.findIndex(g => g.GrantId === grantId);
  if (at === -1) return false;
  all.splice(at, 1);
  const generated = indexes.get(key)?.get(grantId);
  if (generated !== undefined && key.generatedGrants) key.generatedGrants.removed.push(generated);
  else key.grants = key.grants.filter(g => g.GrantId !== grantId);
  return true;
}
