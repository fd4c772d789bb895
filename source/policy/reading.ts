// One reading of a policy: the evaluator's answer for every candidate subject and every KMS action.
// The access view, the lockout check and the explanation are views of this one table.
import type {ConditionRef, Decision, KeyInfo, PolicyDocument, PrincipalRef} from './types.js';
import {
  CRYPTO_ACTIONS,
  KMS_ACTIONS,
  PUT_POLICY,
  SCHEDULE_DELETION,
  candidates,
  type Candidate,
} from './candidates.js';
import {evalContext, evaluateActions, mayDo, preparePolicy} from './evaluate.js';

export interface SubjectReading extends Candidate {
  decisions: Map<string, Decision>;
}

export interface PolicyReading {
  subjects: SubjectReading[];
}

export function readPolicy(doc: PolicyDocument, key: Pick<KeyInfo, 'accountId' | 'arn'>): PolicyReading {
  const ctx = evalContext(key);
  const prepared = preparePolicy(doc);
  const subjects = candidates(doc, key.accountId).map(c => ({
    ...c,
    decisions: evaluateActions(prepared, c.subject, KMS_ACTIONS, ctx),
  }));
  return {subjects};
}

export function decisionsFor(s: SubjectReading, actions: string[]): Decision[] {
  return actions.map(a => s.decisions.get(a)).filter((d): d is Decision => d !== undefined);
}

function dedupe(refs: ConditionRef[]): ConditionRef[] {
  const seen = new Set<string>();
  return refs.filter(r => {
    const id = `${r.operator}|${r.key}|${r.values.join(',')}`;
    return seen.has(id) ? false : (seen.add(id), true);
  });
}

/**
 * The subject as an entry of a section about these actions, or undefined when it may do none of
 * them. A named subject is judged on what the policy gives it directly; only when that is nothing
 * does the account root's delegation count (throughIam). The account root itself is judged whole.
 */
export function entryFor(s: SubjectReading, actions: string[]): PrincipalRef | undefined {
  const decisions = decisionsFor(s, actions);
  const useDirect = s.subject.kind !== 'account-root' && decisions.some(d => mayDo(d.direct));
  const answers = decisions.map(d => (useDirect ? d.direct : d)).filter(mayDo);
  if (answers.length === 0) return undefined;
  const certain = answers.some(d => d.verdict === 'allow');
  const conditions = certain ? [] : dedupe(answers.flatMap(d => d.conditions));
  const throughIam =
    s.subject.kind === 'account-root' ? decisions.filter(mayDo).every(d => d.throughIam) : !useDirect;
  return {
    ...s.ref,
    ...(conditions.length > 0 ? {conditions} : {}),
    ...(throughIam ? {throughIam: true} : {}),
  };
}

export const ADMIN_ACTIONS = [PUT_POLICY, SCHEDULE_DELETION];
export {CRYPTO_ACTIONS, KMS_ACTIONS, PUT_POLICY, SCHEDULE_DELETION};
