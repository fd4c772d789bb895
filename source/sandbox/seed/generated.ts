// `--keys N`: N extra keys in us-east-1 for scale work — mixed policy classifications, key types
// and states, each with an alias alias/gen/NNNNN. Deterministic, and cheap: policies are shared
// templates (see templates.ts), so 10,000 keys cost a few milliseconds.
import {createHash} from 'node:crypto';
import type {KeyRecord, SandboxState} from '../state.js';
import {TEMPLATE_KINDS, templateId, type TemplateKind} from './templates.js';

const START = Date.parse('2015-01-01T00:00:00.000Z') / 1000;
const STEP = 3 * 3600 + 17; // seconds between generated keys' creation dates
const DAY = 86_400;

function uuid(index: number): string {
  const h = createHash('sha1').update(`keypol-generated-${index}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[parseInt(h[16] ?? '0', 16) % 4]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function keyType(index: number): [spec: string, usage: string] {
  if (index % 10 === 7) return ['ECC_NIST_P256', 'SIGN_VERIFY'];
  if (index % 10 === 9) return ['HMAC_256', 'GENERATE_VERIFY_MAC'];
  if (index % 20 === 3) return ['RSA_2048', 'ENCRYPT_DECRYPT'];
  return ['SYMMETRIC_DEFAULT', 'ENCRYPT_DECRYPT'];
}

function state(index: number): string {
  if (index % 50 === 23) return 'PendingDeletion';
  if (index % 25 === 11) return 'Disabled';
  return 'Enabled';
}

export function seedGenerated(target: SandboxState, count: number, now: number): void {
  const region = target.region('us-east-1');
  const width = Math.max(5, String(count - 1).length);
  for (let i = 0; i < count; i++) {
    const [keySpec, keyUsage] = keyType(i);
    let kind: TemplateKind = TEMPLATE_KINDS[i % TEMPLATE_KINDS.length] ?? 'current';
    if (kind === 'v1' && keySpec !== 'SYMMETRIC_DEFAULT') kind = 'v3'; // v1 predates other key types
    const keyState = state(i);
    const creationDate = START + i * STEP;
    const key: KeyRecord = {
      keyId: uuid(i),
      creationDate,
      description: `Generated key ${i} (${kind}, ${keySpec})`,
      keyUsage,
      keySpec,
      origin: 'AWS_KMS',
      keyManager: 'CUSTOMER',
      keyState,
      ...(keyState === 'PendingDeletion' ? {deletionDate: (Math.floor(now / DAY) + 7 + (i % 23)) * DAY} : {}),
      rotationEnabled: keySpec === 'SYMMETRIC_DEFAULT' && i % 3 === 0,
      tags: [{TagKey: 'generated', TagValue: String(i)}],
      grants: [],
      policy: {template: templateId(kind, keySpec, keyUsage)},
    };
    region.keys.set(key.keyId, key);
    const aliasName = `alias/gen/${String(i).padStart(width, '0')}`;
    region.aliases.set(aliasName, {
      aliasName,
      targetKeyId: key.keyId,
      creationDate,
      lastUpdatedDate: creationDate,
    });
  }
}
