// The key's context for `keypol show`: grants (with their findings), rotation and tags, read at
// once; a read that is refused becomes "not permitted: kms:Action" in its place, never a failure
// of the whole command. Also "who can use this key" as text and --json.
import {formatCount, whoCanUse, type AccessModel, type KeyGrant} from '../policy/index.js';
import type {KeyDetails, KeyRotation, KeyTag, KmsGateway, RotationStatus} from '../aws/types.js';
import {grantFindings, grantFindingsJson, grantJson} from './grants-output.js';
import {clean} from './output.js';

type Read<T> = {ok: true; value: T} | {ok: false; error: string};

async function attempt<T>(action: string, read: () => Promise<T>): Promise<Read<T>> {
  try {
    return {ok: true, value: await read()};
  } catch (error) {
    const denied = (error as {kind?: string}).kind === 'access-denied';
    return {ok: false, error: denied ? `not permitted: ${action}` : (error as Error).message};
  }
}

export interface KeyContext {
  grants: Read<KeyGrant[]>;
  rotation: Read<RotationStatus | undefined>;
  rotations: Read<KeyRotation[]>;
  tags: Read<KeyTag[]>;
}

export async function readKeyContext(gateway: KmsGateway, key: KeyDetails): Promise<KeyContext> {
  const [grants, rotation, rotations, tags] = await Promise.all([
    attempt('kms:ListGrants', () => gateway.listGrants(key.arn)),
    attempt('kms:GetKeyRotationStatus', () => gateway.rotationStatus(key.arn)),
    attempt('kms:ListKeyRotations', () => gateway.listKeyRotations(key.arn)),
    attempt('kms:ListResourceTags', () => gateway.listTags(key.arn)),
  ]);
  return {grants, rotation, rotations, tags};
}

export function contextJson(key: KeyDetails, access: AccessModel | undefined, c: KeyContext) {
  const grants = c.grants.ok ? c.grants.value : undefined;
  const who = access ? whoCanUse(access, grants, key.accountId) : undefined;
  return {
    grants: c.grants.ok
      ? {
          count: c.grants.value.length,
          list: c.grants.value.map(g => grantJson(g, key.accountId)),
          findings: grantFindingsJson(grantFindings(key, c.grants.value)),
        }
      : {error: c.grants.error},
    rotation: !c.rotation.ok
      ? {error: c.rotation.error}
      : c.rotation.value === undefined
        ? null
        : {
            enabled: c.rotation.value.enabled,
            periodDays: c.rotation.value.periodDays ?? null,
            nextRotationDate: c.rotation.value.nextRotationDate ?? null,
            rotations: c.rotations.ok ? c.rotations.value : {error: c.rotations.error},
          },
    tags: c.tags.ok ? c.tags.value : {error: c.tags.error},
    whoCanUse: who
      ? {
          policy: who.policy.map(p => ({principal: p.value, name: p.name, role: p.role})),
          accounts: who.accounts,
          grantees: who.grantees
            ? who.grantees.map(g => ({
                principal: g.value,
                name: g.name,
                operations: g.operations,
                grants: g.grants,
                constrained: g.constrained,
              }))
            : {error: c.grants.ok ? null : c.grants.error},
          iamPolicies: who.iam.delegation,
          iamSentence: who.iam.sentence,
        }
      : null,
  };
}

/** The text sections after the access view: who can use the key, grants, rotation, tags. */
export function contextLines(key: KeyDetails, access: AccessModel, c: KeyContext): string[] {
  const grants = c.grants.ok ? c.grants.value : undefined;
  const who = whoCanUse(access, grants, key.accountId);
  const lines = ['', 'Who can use this key'];
  for (const p of who.policy) lines.push(`  ${p.name}  (key policy: ${p.role})`);
  for (const a of who.accounts)
    lines.push(`  account ${a}  (key policy: another account; its IAM decides who)`);
  if (!who.grantees) lines.push(`  grants: ${c.grants.ok ? '' : c.grants.error}`);
  for (const g of who.grantees ?? []) {
    const n = g.grants === 1 ? 'grant' : `${formatCount(g.grants)} grants`;
    lines.push(`  ${g.name}  (${n}: ${g.operations.join(', ')}${g.constrained ? ', with constraints' : ''})`);
  }
  lines.push(`  ${who.iam.sentence}`);
  lines.push('', 'Grants');
  if (!c.grants.ok) lines.push(`  ${c.grants.error}`);
  else {
    const findings = grantFindings(key, c.grants.value);
    lines.push(`  ${formatCount(c.grants.value.length)} (keypol grants ${key.keyId} lists them)`);
    for (const f of findings) lines.push(`  ${f.severity.padEnd(7)}  ${f.code}: ${f.message}`);
  }
  lines.push('', 'Rotation');
  if (!c.rotation.ok) lines.push(`  ${c.rotation.error}`);
  else if (!c.rotation.value) lines.push('  not supported for this kind of key');
  else {
    const r = c.rotation.value;
    lines.push(
      r.enabled
        ? `  automatic, every ${formatCount(r.periodDays ?? 365)} days; next ${(r.nextRotationDate ?? '?').slice(0, 10)}`
        : '  automatic rotation off',
    );
    if (c.rotations.ok && c.rotations.value.length) {
      const onDemand = c.rotations.value.filter(x => x.type === 'ON_DEMAND').length;
      lines.push(
        `  ${formatCount(c.rotations.value.length)} rotations so far (${formatCount(onDemand)} on demand)`,
      );
    }
  }
  lines.push('', 'Tags');
  if (!c.tags.ok) lines.push(`  ${c.tags.error}`);
  else if (c.tags.value.length === 0) lines.push('  none');
  else for (const t of c.tags.value) lines.push(`  ${t.key} = ${t.value}`);
  return lines.map(l => clean(l));
}
