// The one rule for how much confirmation a policy change needs, used by the TUI's confirmation
// screen and by the CLI alike (Shopify's "dangerous confirmation"):
//  - 'simple':   y confirms (an upgrade, an additive change);
//  - 'typed':    the operator types the key's alias or id — the change introduces a wildcard
//                principal or leaves the key with no administrators;
//  - 'override': typed, then the lockout override phrase — nobody could change the policy again.
// A risk the policy already had (a wildcard in a custom policy) does not make a change risky;
// a lockout always is, because the write path refuses it without the explicit override.
import {diffPolicies} from './diff.js';
import {lintPolicy} from './lint.js';
import {parsePolicy} from './parse.js';
import type {Finding, KeyInfo, PolicyDiff} from './types.js';
import {validatePolicy} from './validate.js';

export type ConfirmLevel = 'simple' | 'typed' | 'override';

export const OVERRIDE_PHRASE = 'override lockout';

/** Lint codes whose arrival with a change calls for typing the key's name. */
const RISKY = new Set(['lockout', 'wildcard-principal', 'no-administrators']);

export interface ChangeAssessment {
  /** Semantic diff; undefined when either side is not valid JSON. */
  diff?: PolicyDiff;
  /** Validation errors in the new text: the change cannot be written as it is. */
  blocking: Finding[];
  /** Findings the change introduces that make it dangerous. */
  risks: Finding[];
  /** Everything else validation and lint say about the result. */
  notes: Finding[];
  level: ConfirmLevel;
  /** The result fails the lockout check: the write needs the typed override. */
  bypassLockout: boolean;
}

export function assessChange(
  beforeText: string,
  afterText: string,
  context: {key: KeyInfo; callerArn?: string},
): ChangeAssessment {
  const lintOf = (text: string) => {
    const parsed = parsePolicy(text);
    const options = {key: context.key, text, ...(context.callerArn ? {callerArn: context.callerArn} : {})};
    return parsed.ok ? {document: parsed.document, lint: lintPolicy(parsed.document, options)} : undefined;
  };
  const validation = validatePolicy(afterText);
  const old = lintOf(beforeText);
  const next = lintOf(afterText);
  const lint = next?.lint ?? [];
  const existing = new Set((old?.lint ?? []).map(f => f.code));
  const risks = lint.filter(f => RISKY.has(f.code) && (f.code === 'lockout' || !existing.has(f.code)));
  const lockout = risks.some(f => f.code === 'lockout');
  return {
    ...(old && next ? {diff: diffPolicies(old.document, next.document)} : {}),
    blocking: validation.filter(f => f.severity === 'error'),
    risks,
    notes: [...validation.filter(f => f.severity !== 'error'), ...lint.filter(f => !risks.includes(f))],
    level: lockout ? 'override' : risks.length > 0 ? 'typed' : 'simple',
    bypassLockout: lockout,
  };
}
