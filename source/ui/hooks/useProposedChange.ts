// Every change the UI can make (wizard, upgrade, raw edit, restore) becomes one ProposedChange:
// the domain's assessment of "before → after" (validation, lint, semantic diff and the
// confirmation level from the one risk rule the CLI uses too). The confirmation screen shows
// it; the gateway's write path applies it.
import {useCallback, useEffect, useState} from 'react';
import {
  assessChange,
  otherAccountPrincipals,
  parsePolicy,
  type ChangeAssessment,
} from '../../policy/index.js';
import type {PolicyDocument} from '../../policy/types.js';
import {keyInfoOf, type ChangeReason, type KeyDetails, type PolicySnapshot} from '../../aws/types.js';
import {useGateway} from '../context.js';

export interface ProposedChange extends ChangeAssessment {
  reason: ChangeReason;
  before: PolicySnapshot;
  afterText: string;
  /** Other accounts' roles and users the new policy adds: nobody but KMS can check they exist. */
  otherAccounts: string[];
}

/** The live policy as a document for replanning a change after a conflict, or why it cannot be. */
export function documentOf(snapshot: PolicySnapshot): PolicyDocument | string {
  const parsed = parsePolicy(snapshot.text);
  if (parsed.ok) return parsed.document;
  const first = parsed.errors[0];
  return `The current policy is not valid JSON${first ? ` (line ${first.line}, column ${first.column}: ${first.message})` : ''}; edit it with e instead.`;
}

/** The change as the confirmation screen shows it; how risky it is comes from policy/risk.ts. */
export function proposeChange(
  key: KeyDetails,
  before: PolicySnapshot,
  afterText: string,
  reason: ChangeReason,
  callerArn?: string,
): ProposedChange {
  const after = parsePolicy(afterText);
  const live = parsePolicy(before.text);
  return {
    reason,
    before,
    afterText,
    otherAccounts: after.ok
      ? otherAccountPrincipals(after.document, key.accountId, live.ok ? live.document : undefined)
      : [],
    ...assessChange(before.text, afterText, {key: keyInfoOf(key), ...(callerArn ? {callerArn} : {})}),
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
