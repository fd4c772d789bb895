// Every change the UI can make (wizard, upgrade, raw edit, restore) becomes one ProposedChange:
// the domain's validation, lint and semantic diff of "before → after", plus the confirmation level
// the risk calls for. The confirmation screen shows it; the gateway's write path applies it.
import {useCallback, useEffect, useState} from 'react';
import {diffPolicies, lintPolicy, parsePolicy, validatePolicy} from '../../policy/index.js';
import type {Finding, PolicyDiff, PolicyDocument} from '../../policy/types.js';
import {keyInfoOf, type ChangeReason, type KeyDetails, type PolicySnapshot} from '../../aws/types.js';
import type {ConfirmLevel} from '../components/ConfirmPrompt.js';
import {useGateway} from '../context.js';

export interface ProposedChange {
  reason: ChangeReason;
  before: PolicySnapshot;
  afterText: string;
  /** Semantic diff; undefined when the current policy itself is not valid JSON. */
  diff?: PolicyDiff;
  /** Validation errors in the new text: the change cannot be written as it is. */
  blocking: Finding[];
  /** Lint findings the change introduces that make it dangerous: typed confirmation. */
  risks: Finding[];
  /** Everything else lint and validation say about the result. */
  notes: Finding[];
  level: ConfirmLevel;
  /** Set only when the result fails the lockout check, so the write needs the typed override. */
  bypassLockout: boolean;
}

/** The live policy as a document for replanning a change after a conflict, or why it cannot be. */
export function documentOf(snapshot: PolicySnapshot): PolicyDocument | string {
  const parsed = parsePolicy(snapshot.text);
  if (parsed.ok) return parsed.document;
  const first = parsed.errors[0];
  return `The current policy is not valid JSON${first ? ` (line ${first.line}, column ${first.column}: ${first.message})` : ''}; edit it with e instead.`;
}

/** Lint codes that call for typing the key's name (Shopify's "dangerous confirmation"). */
const RISKY = new Set(['lockout', 'wildcard-principal', 'no-administrators']);

export function proposeChange(
  key: KeyDetails,
  before: PolicySnapshot,
  afterText: string,
  reason: ChangeReason,
  callerArn?: string,
): ProposedChange {
  const info = keyInfoOf(key);
  const lintOf = (text: string) => {
    const parsed = parsePolicy(text);
    const options = {key: info, text, ...(callerArn ? {callerArn} : {})};
    return parsed.ok ? {document: parsed.document, lint: lintPolicy(parsed.document, options)} : undefined;
  };
  const validation = validatePolicy(afterText);
  const blocking = validation.filter(f => f.severity === 'error');
  const old = lintOf(before.text);
  const next = lintOf(afterText);
  const lint = next?.lint ?? [];
  const existing = new Set((old?.lint ?? []).map(f => f.code));
  // A risk the policy already had (a wildcard in a custom policy) does not make an upgrade risky;
  // a lockout is always risky because the write path refuses it without the override.
  const risks = lint.filter(f => RISKY.has(f.code) && (f.code === 'lockout' || !existing.has(f.code)));
  const lockout = risks.some(f => f.code === 'lockout');
  return {
    reason,
    before,
    afterText,
    ...(old && next ? {diff: diffPolicies(old.document, next.document)} : {}),
    blocking,
    risks,
    notes: [...validation.filter(f => f.severity !== 'error'), ...lint.filter(f => !risks.includes(f))],
    level: lockout ? 'override' : risks.length > 0 ? 'typed' : 'simple',
    bypassLockout: lockout,
  };
}

/** `proposeChange` bound to this key and the caller's identity (for the lockout check). */
export function useProposedChange(
  key: KeyDetails,
): (before: PolicySnapshot, afterText: string, reason: ChangeReason) => ProposedChange {
  const gateway = useGateway();
  const [callerArn, setCallerArn] = useState<string>();
  useEffect(() => {
    let live = true;
    gateway.identity().then(
      id => live && setCallerArn(id.arn),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [gateway]);
  return useCallback(
    (before, afterText, reason) => proposeChange(key, before, afterText, reason, callerArn),
    [key, callerArn],
  );
}
