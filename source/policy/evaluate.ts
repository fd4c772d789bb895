// THE evaluator: for a key policy, a subject and one KMS action, allow / deny / not allowed /
// conditional, following AWS's documented order: an explicit Deny that applies wins; otherwise an
// Allow that applies allows; otherwise nothing does. A Deny whose conditions may not hold makes the
// answer conditional, never a certain deny. The access view, explanation, lockout check and lint
// all ask this one function, so they cannot disagree. Total: any JSON in, an answer out.
import type {Decision, Json, KeyInfo, PolicyDocument, PolicyStatement} from './types.js';
import {actionMatches, toList} from './lists.js';
import {conditionHolds, type Tri} from './conditions.js';
import {isAccountRoot, parsePrincipal} from './principal.js';
import type {Subject} from './subject.js';

export interface EvalContext {
  /** The key's own account: "*"-free statements naming it as a bare id or root ARN mean its root. */
  accountId: string;
  /** The key's ARN when known, to match a Resource that names the key rather than "*". */
  keyArn?: string;
}

export function evalContext(key: Pick<KeyInfo, 'accountId' | 'arn'>): EvalContext {
  return key.arn === undefined ? {accountId: key.accountId} : {accountId: key.accountId, keyArn: key.arn};
}

interface Match {
  holds: Tri;
  /** Matched only through the account root (the principal's IAM policies must also allow it). */
  viaRoot: boolean;
}

const NO: Match = {holds: 'no', viaRoot: false};

function isBlock(v: Json | undefined): v is {[key: string]: Json} {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Principal values by kind: `"*"` is {AWS: ["*"]}; malformed blocks name nobody. */
function principalValues(block: Json | undefined): {kind: string; value: string}[] {
  if (block === '*') return [{kind: 'AWS', value: '*'}];
  if (!isBlock(block)) return [];
  return Object.entries(block).flatMap(([kind, v]) => toList(v).map(value => ({kind, value})));
}

/** How one principal value of a statement covers the subject: directly, through the root, or not. */
function valueCovers(kind: string, value: string, subject: Subject): Match {
  if (value === '*') return {holds: 'yes', viaRoot: false};
  if (subject.kind === 'anyone') return NO;
  if (kind !== 'AWS') {
    return subject.kind === 'principal' && subject.value === value ? {holds: 'yes', viaRoot: false} : NO;
  }
  if (subject.kind !== 'principal') {
    return isAccountRoot(value, subject.accountId) ? {holds: 'yes', viaRoot: true} : NO;
  }
  if (subject.value === value) return {holds: 'yes', viaRoot: isAccountRoot(value, accountOf(value))};
  const ref = parsePrincipal(subject.value, '');
  if (ref.accountId === undefined) return NO;
  if (isAccountRoot(value, ref.accountId)) return {holds: 'yes', viaRoot: true};
  if (ref.kind === 'assumed-role') {
    // A session is covered by its role, whatever the role's path (the session ARN has none).
    const named = parsePrincipal(value, '');
    const role = ref.name.split('/')[1];
    if (named.kind === 'role' && named.accountId === ref.accountId && named.name.endsWith(`/${role}`))
      return {holds: 'yes', viaRoot: false};
  }
  return NO;
}

function accountOf(value: string): string {
  return parsePrincipal(value, '').accountId ?? '';
}

function anyCovers(values: {kind: string; value: string}[], subject: Subject): Match {
  let best: Match = NO;
  for (const {kind, value} of values) {
    const m = valueCovers(kind, value, subject);
    if (m.holds === 'yes' && !m.viaRoot) return m;
    if (m.holds === 'yes') best = m;
  }
  return best;
}

/** A statement's Principal or NotPrincipal values, read once for every subject asked about. */
interface PrincipalBlock {
  not: boolean;
  values: {kind: string; value: string}[];
}

function principalBlock(st: PolicyStatement): PrincipalBlock | undefined {
  if (st.Principal !== undefined) return {not: false, values: principalValues(st.Principal as Json)};
  if (st.NotPrincipal !== undefined) return {not: true, values: principalValues(st.NotPrincipal as Json)};
  return undefined;
}

/** Principal / NotPrincipal against the subject. */
function principalMatch(block: PrincipalBlock | undefined, subject: Subject): Match {
  if (block === undefined) return NO;
  if (!block.not) return anyCovers(block.values, subject);
  // NotPrincipal exempts exactly whom it lists: a root listed exempts the root, not the account's
  // users and roles (IAM: list the account too for a user to be exempt; not enough on its own).
  const exempt = block.values.some(({kind, value}) => {
    if (value === '*') return true;
    if (subject.kind === 'principal') {
      const m = valueCovers(kind, value, subject);
      return subject.value === value || (m.holds === 'yes' && !m.viaRoot);
    }
    if (subject.kind === 'account-root') return kind === 'AWS' && isAccountRoot(value, subject.accountId);
    return false;
  });
  return exempt ? NO : {holds: 'yes', viaRoot: false};
}

function actionMatch(st: PolicyStatement, action: string): boolean {
  if (st.Action !== undefined) return toList(st.Action as Json).some(p => actionMatches(p, action));
  if (st.NotAction !== undefined) return !toList(st.NotAction as Json).some(p => actionMatches(p, action));
  return false; // no Action: the statement has no effect
}

function arnMatches(pattern: string, arn: string): boolean {
  return actionMatches(pattern, arn); // the same glob, case-insensitive as KMS ARNs are
}

/** Resource "*" (or this key's ARN) means this key; a statement without Resource has no effect. */
function resourceMatch(st: PolicyStatement, ctx: EvalContext): Tri {
  const judge = (patterns: string[]): Tri => {
    if (patterns.some(p => p === '*')) return 'yes';
    if (ctx.keyArn !== undefined)
      return patterns.some(p => arnMatches(p, ctx.keyArn as string)) ? 'yes' : 'no';
    const keyLike = patterns.some(p => /^arn:[^:]*:kms:[^:]*:[^:]*:key\//i.test(p) || p.startsWith('arn:*'));
    return keyLike ? 'maybe' : 'no';
  };
  if (st.Resource !== undefined) return judge(toList(st.Resource as Json));
  if (st.NotResource !== undefined) {
    const r = judge(toList(st.NotResource as Json));
    return r === 'yes' ? 'no' : r === 'no' ? 'yes' : 'maybe';
  }
  return 'no';
}

interface StatementMatch {
  holds: Tri;
  viaRoot: boolean;
  undecided: Decision['conditions'];
}

function and(a: Tri, b: Tri): Tri {
  if (a === 'no' || b === 'no') return 'no';
  return a === 'maybe' || b === 'maybe' ? 'maybe' : 'yes';
}

export function statementMatch(
  st: PolicyStatement,
  subject: Subject,
  action: string,
  ctx: EvalContext,
): StatementMatch {
  if (!isBlock(st as Json) || !actionMatch(st, action)) return NO_STATEMENT;
  return matchGiven(st, principalMatch(principalBlock(st), subject), subject, ctx);
}

const NO_STATEMENT: StatementMatch = {holds: 'no', viaRoot: false, undecided: []};

/** The rest of statementMatch once Action matched and `who` says how Principal covers the subject. */
function matchGiven(st: PolicyStatement, who: Match, subject: Subject, ctx: EvalContext): StatementMatch {
  if (who.holds === 'no') return NO_STATEMENT;
  const resource = resourceMatch(st, ctx);
  if (resource === 'no') return NO_STATEMENT;
  const condition = conditionHolds(st, subject);
  const holds = and(and(who.holds, resource), condition.holds);
  if (holds === 'no') return NO_STATEMENT;
  const undecided = [
    ...condition.undecided,
    ...(resource === 'maybe'
      ? [{key: 'Resource', operator: '', scope: 'unknown' as const, values: toList(st.Resource as Json)}]
      : []),
  ];
  return {holds, viaRoot: who.viaRoot, undecided};
}

function statementsOf(doc: PolicyDocument): PolicyStatement[] {
  const list = (doc as {Statement?: Json}).Statement;
  if (Array.isArray(list)) return list as PolicyStatement[];
  return isBlock(list) ? [list as PolicyStatement] : [];
}

/**
 * The key policy's answer for the subject and action. For the account root, "allow" means the
 * account's IAM policies can grant it (root delegation) — whatever else the statement names.
 */
export function evaluate(doc: PolicyDocument, subject: Subject, action: string, ctx: EvalContext): Decision {
  return evaluateActions(preparePolicy(doc), subject, [action], ctx).get(action) as Decision;
}

/** A policy's statements with their principals read, for asking about many subjects. */
export interface PreparedPolicy {
  statements: PolicyStatement[];
  blocks: (PrincipalBlock | undefined)[];
}

export function preparePolicy(doc: PolicyDocument): PreparedPolicy {
  const statements = statementsOf(doc);
  return {statements, blocks: statements.map(st => (isBlock(st as Json) ? principalBlock(st) : undefined))};
}

/**
 * evaluate() for several actions at once: how each statement's Principal covers the subject does
 * not depend on the action, so it is worked out once. (A 32 KB policy names ~800 principals: the
 * access view asks about each of them for every KMS action, and this made seconds milliseconds.)
 */
export function evaluateActions(
  {statements, blocks}: PreparedPolicy,
  subject: Subject,
  actions: readonly string[],
  ctx: EvalContext,
): Map<string, Decision> {
  const who = blocks.map(block => principalMatch(block, subject));
  return new Map(
    actions.map(action => [
      action,
      decide(statements, (st, i) =>
        isBlock(st as Json) && actionMatch(st, action)
          ? matchGiven(st, who[i] as Match, subject, ctx)
          : NO_STATEMENT,
      ),
    ]),
  );
}

function decide(
  statements: PolicyStatement[],
  matchOf: (st: PolicyStatement, i: number) => StatementMatch,
): Decision {
  const allowedBy: number[] = [];
  const deniedBy: number[] = [];
  const denyConditions: Decision['conditions'] = [];
  const all = {certain: false, conditions: [] as Decision['conditions'], any: false};
  const direct = {certain: false, conditions: [] as Decision['conditions'], any: false};
  let denyCertain = false;
  statements.forEach((st, i) => {
    const m = matchOf(st, i);
    if (m.holds === 'no') return;
    const effect = isBlock(st as Json) ? st.Effect : undefined;
    if (effect === 'Deny') {
      deniedBy.push(i);
      if (m.holds === 'yes') denyCertain = true;
      else denyConditions.push(...m.undecided);
    } else if (effect === 'Allow') {
      allowedBy.push(i);
      for (const tally of m.viaRoot ? [all] : [all, direct]) {
        tally.any = true;
        if (m.holds === 'yes') tally.certain = true;
        else tally.conditions.push(...m.undecided);
      }
    }
  });
  const verdictOf = (
    tally: typeof all,
  ): {verdict: Decision['verdict']; conditions: Decision['conditions']} => {
    if (denyCertain) return {verdict: 'deny', conditions: []};
    if (!tally.any) return {verdict: 'not-allowed', conditions: []};
    if (tally.certain && denyConditions.length === 0) return {verdict: 'allow', conditions: []};
    const conditions = tally.certain ? denyConditions : [...tally.conditions, ...denyConditions];
    return {verdict: 'conditional', conditions: dedupe(conditions)};
  };
  const overall = verdictOf(all);
  return {
    ...overall,
    allowedBy,
    deniedBy,
    allowCertain: all.certain,
    throughIam: all.any && !direct.any,
    direct: verdictOf(direct),
  };
}

function dedupe(refs: Decision['conditions']): Decision['conditions'] {
  const seen = new Set<string>();
  return refs.filter(r => {
    const id = `${r.operator}|${r.key}|${r.values.join(',')}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/** Allowed for certain, or possibly (conditional): the subject may be able to do it. */
export const mayDo = (d: Pick<Decision, 'verdict'>): boolean =>
  d.verdict === 'allow' || d.verdict === 'conditional';
