// A key's policy as every tab reads it: one GetKeyPolicy, one parse, and the domain's views of the
// result (validation, classification, access model, lint, explanation). Reload after any write.
import {useCallback, useEffect, useState} from 'react';
import {
  accessModel,
  classifyPolicy,
  explainPolicy,
  lintPolicy,
  parsePolicy,
  sanitizeText,
  validatePolicy,
} from '../../policy/index.js';
import type {AccessModel, Classification, Finding, PolicyDocument} from '../../policy/types.js';
import {keyInfoOf, type KeyDetails, type PolicySnapshot} from '../../aws/types.js';
import {useGateway} from '../context.js';

export interface PolicyModel {
  snapshot: PolicySnapshot;
  /** Undefined when the text is not valid JSON (the validation findings say where). */
  document?: PolicyDocument;
  validation: Finding[];
  classification?: Classification;
  access?: AccessModel;
  lint: Finding[];
  explanation: string[];
}

export type PolicyState =
  {status: 'loading'} | {status: 'error'; message: string} | {status: 'ready'; model: PolicyModel};

/** Pure: everything the tabs show, derived from one snapshot. */
export function buildPolicyModel(snapshot: PolicySnapshot, key: KeyDetails, callerArn?: string): PolicyModel {
  const validation = validatePolicy(snapshot.text);
  const parsed = parsePolicy(snapshot.text);
  if (!parsed.ok) return {snapshot, validation, lint: [], explanation: []};
  const info = keyInfoOf(key);
  const document = parsed.document;
  return {
    snapshot,
    document,
    validation,
    classification: classifyPolicy(document, info),
    access: accessModel(document, info),
    lint: lintPolicy(document, {
      key: info,
      text: snapshot.text,
      mode: 'live',
      ...(callerArn ? {callerArn} : {}),
    }),
    explanation: explainPolicy(document, info),
  };
}

export function errorMessage(error: unknown): string {
  return sanitizeText(error instanceof Error ? error.message : String(error));
}

export interface PolicyHandle {
  state: PolicyState;
  /** GetKeyPolicy again (r). */
  reload: () => void;
  /** Show a snapshot already in hand (the write path's verified read-back) without another call. */
  replace: (snapshot: PolicySnapshot) => void;
}

export function usePolicy(key: KeyDetails | undefined): PolicyHandle {
  const gateway = useGateway();
  const [state, setState] = useState<PolicyState>({status: 'loading'});
  const [generation, setGeneration] = useState(0);
  const [callerArn, setCallerArn] = useState<string>();

  useEffect(() => {
    if (!key) return;
    let live = true;
    setState(previous => (previous.status === 'ready' ? previous : {status: 'loading'}));
    (async () => {
      // The caller's ARN sharpens the lockout check; without it lint falls back to the account root.
      const caller = await gateway.identity().then(
        id => id.arn,
        () => undefined,
      );
      if (live) setCallerArn(caller);
      const snapshot = await gateway.getPolicy(key.keyId);
      return buildPolicyModel(snapshot, key, caller);
    })().then(
      model => live && setState({status: 'ready', model}),
      error => live && setState({status: 'error', message: errorMessage(error)}),
    );
    return () => {
      live = false;
    };
  }, [gateway, key, generation]);

  const reload = useCallback(() => setGeneration(g => g + 1), []);
  const replace = useCallback(
    (snapshot: PolicySnapshot) => {
      if (key) setState({status: 'ready', model: buildPolicyModel(snapshot, key, callerArn)});
    },
    [key, callerArn],
  );
  return {state, reload, replace};
}
