// Policy diffs: a unified diff of the canonical prints (never of raw text, which KMS reformats)
// and a summary per statement in words.
import {FILE_HEADERS_ONLY, createTwoFilesPatch} from 'diff';
import type {PolicyDiff, PolicyDocument, PolicyStatement, StatementChange} from './types.js';
import {canonicalise, printCanonical} from './canonical.js';
import {asObject, conditionBlocks, toList} from './lists.js';
import {allPrincipalValues, statementPrincipals} from './principal.js';

const minus = (a: string[], b: string[]) => a.filter(x => !b.includes(x));

function name(st: PolicyStatement, index: number): string {
  return st.Sid ?? `statement ${index + 1}`;
}

/** Pairs statements by Sid; statements without a Sid pair by position among the Sid-less ones. */
function pair(
  before: PolicyStatement[],
  after: PolicyStatement[],
): [PolicyStatement | undefined, PolicyStatement | undefined, number][] {
  const pairs: [PolicyStatement | undefined, PolicyStatement | undefined, number][] = [];
  const used = new Set<number>();
  before.forEach((b, i) => {
    const j =
      b.Sid !== undefined
        ? after.findIndex((a, k) => !used.has(k) && a.Sid === b.Sid)
        : after.findIndex((a, k) => !used.has(k) && a.Sid === undefined);
    if (j >= 0) used.add(j);
    pairs.push([b, j >= 0 ? after[j] : undefined, j >= 0 ? j : i]);
  });
  after.forEach((a, j) => {
    if (!used.has(j)) pairs.push([undefined, a, j]);
  });
  return pairs;
}

/** The Principal block without its AWS list (compared separately, principal by principal). */
function otherPrincipalKinds(st: PolicyStatement): string {
  const p = asObject(st.Principal);
  if (!p) return JSON.stringify(st.Principal ?? null);
  const {AWS: _aws, ...rest} = p;
  return JSON.stringify(rest);
}

/** Each condition as "Operator key" → its canonical values. */
function conditionEntries(st: PolicyStatement): Map<string, string> {
  const out = new Map<string, string>();
  for (const [operator, block] of conditionBlocks(st)) {
    for (const [key, value] of Object.entries(block)) out.set(`${operator} ${key}`, JSON.stringify(value));
  }
  return out;
}

/** "removes the condition Bool kms:GrantIsForAWSResource", "adds …", "changes … from [..] to [..]". */
function conditionChanges(b: PolicyStatement, a: PolicyStatement): string[] {
  const [before, after] = [conditionEntries(b), conditionEntries(a)];
  const out: string[] = [];
  for (const [k, v] of before) {
    const now = after.get(k);
    if (now === undefined) out.push(`removes the condition ${k}`);
    else if (now !== v) out.push(`changes the condition ${k} from ${v} to ${now}`);
  }
  for (const k of after.keys()) if (!before.has(k)) out.push(`adds the condition ${k}`);
  return out;
}

function compare(
  b: PolicyStatement | undefined,
  a: PolicyStatement | undefined,
): StatementChange | undefined {
  const actions = (st?: PolicyStatement) => toList(st?.Action);
  const principals = (st?: PolicyStatement) => (st ? statementPrincipals(st) : []);
  const change: StatementChange = {
    change: !b ? 'added' : !a ? 'removed' : 'modified',
    addedActions: minus(actions(a), actions(b)),
    removedActions: minus(actions(b), actions(a)),
    addedPrincipals: minus(principals(a), principals(b)),
    removedPrincipals: minus(principals(b), principals(a)),
    otherChanges: [],
  };
  const sid = (a ?? b)?.Sid;
  if (sid !== undefined) change.sid = sid;
  if (a && b) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)].filter(k => k !== 'Action' && k !== 'Sid'));
    for (const k of keys) {
      const same =
        k === 'Principal'
          ? otherPrincipalKinds(a) === otherPrincipalKinds(b)
          : JSON.stringify(a[k]) === JSON.stringify(b[k]);
      if (same) continue;
      const details = k === 'Condition' ? conditionChanges(b, a) : [];
      change.otherChanges.push(...(details.length > 0 ? details : [`${k} changed`]));
    }
    const touched =
      change.addedActions.length +
      change.removedActions.length +
      change.addedPrincipals.length +
      change.removedPrincipals.length;
    if (touched === 0 && change.otherChanges.length === 0) return undefined;
  }
  return change;
}

const wildcard = (values: string[]) => values.some(v => v.includes('*'));

/**
 * Whether a change lets more requests through: an Allow that loses a condition (or a condition
 * value, which for list conditions means more matches), gains "*" or a wildcard action, a Deny
 * that is removed, narrowed or gains a condition, or an Effect turned from Deny to Allow.
 */
function widens(c: StatementChange, b: PolicyStatement | undefined, a: PolicyStatement | undefined): boolean {
  if (c.change === 'removed') return b?.Effect === 'Deny';
  const allow = a?.Effect === 'Allow';
  if (c.change === 'added')
    return allow && (allPrincipalValues(a).includes('*') || wildcard(toList(a.Action)));
  if (b?.Effect === 'Deny' && allow) return true;
  const conditions = c.otherChanges.filter(o => /the condition /.test(o));
  // NotAction lists what is NOT granted (Allow) or NOT denied (Deny).
  const [notBefore, notAfter] = [toList(b?.NotAction), toList(a?.NotAction)];
  const notShrinks = a?.NotAction !== undefined && notBefore.some(x => !notAfter.includes(x));
  const notGrows = b?.NotAction !== undefined && notAfter.some(x => !notBefore.includes(x));
  if (allow) {
    return (
      notShrinks ||
      c.addedPrincipals.includes('*') ||
      wildcard(c.addedActions) ||
      conditions.some(o => o.startsWith('removes') || loosened(o, 'added'))
    );
  }
  return (
    notGrows ||
    c.removedActions.length > 0 ||
    c.removedPrincipals.length > 0 ||
    conditions.some(o => o.startsWith('adds') || loosened(o, 'removed'))
  );
}

/** A changed list condition whose values were added to (Allow) or taken from (Deny). */
function loosened(line: string, how: 'added' | 'removed'): boolean {
  const m = /^changes the condition .+ from (\[.*\]|".*") to (\[.*\]|".*")$/.exec(line);
  if (!m) return false;
  try {
    const list = (json: string) => toList(JSON.parse(json) as string[]);
    const [from, to] = [list(m[1] ?? '[]'), list(m[2] ?? '[]')];
    return how === 'added' ? to.some(v => !from.includes(v)) : from.some(v => !to.includes(v));
  } catch {
    return true; // a condition key with odd text in it: assume the worst
  }
}

function summarise(c: StatementChange, st: string): string[] {
  if (c.change === 'added') return [`adds statement "${st}"`];
  if (c.change === 'removed') return [`removes statement "${st}"`];
  const lines: string[] = [];
  if (c.addedActions.length) lines.push(`adds ${c.addedActions.join(', ')} to ${st}`);
  if (c.removedActions.length) lines.push(`removes ${c.removedActions.join(', ')} from ${st}`);
  if (c.addedPrincipals.length) lines.push(`adds ${c.addedPrincipals.join(', ')} to ${st}`);
  if (c.removedPrincipals.length) lines.push(`removes ${c.removedPrincipals.join(', ')} from ${st}`);
  for (const other of c.otherChanges) {
    const whole = /^(removes|adds) the condition/.exec(other);
    lines.push(whole ? `${other} ${whole[1] === 'removes' ? 'from' : 'to'} ${st}` : `${st}: ${other}`);
  }
  return lines;
}

export function diffPolicies(
  before: PolicyDocument,
  after: PolicyDocument,
  labels: {before?: string; after?: string} = {},
): PolicyDiff {
  const oldText = printCanonical(before) + '\n';
  const newText = printCanonical(after) + '\n';
  const unified =
    oldText === newText
      ? ''
      : createTwoFilesPatch(
          labels.before ?? 'before',
          labels.after ?? 'after',
          oldText,
          newText,
          undefined,
          undefined,
          {context: 3, headerOptions: FILE_HEADERS_ONLY},
        );
  const [cb, ca] = [canonicalise(before).Statement, canonicalise(after).Statement];
  const changes: StatementChange[] = [];
  const summary: string[] = [];
  let widensAccess = false;
  for (const [b, a, index] of pair(cb, ca)) {
    const change = compare(b, a);
    if (!change) continue;
    changes.push(change);
    const lines = summarise(change, name((a ?? b) as PolicyStatement, index));
    // The operator must not miss a widening: it leads the statement's lines and says so.
    if (widens(change, b, a)) {
      widensAccess = true;
      const at = Math.max(
        0,
        lines.findIndex(l => /the condition |\*/.test(l)),
      );
      lines[at] = `${lines[at]} — this widens access`;
    }
    summary.push(...lines);
  }
  const topChanged = ['Version', 'Id'].filter(k => before[k] !== after[k]);
  for (const k of topChanged) {
    const [was, now] = [before[k], after[k]];
    // A field that goes away is removed, not changed "to null".
    summary.push(
      now === undefined || now === null
        ? `removes ${k} ${JSON.stringify(was)}`
        : was === undefined || was === null
          ? `adds ${k} ${JSON.stringify(now)}`
          : `changes ${k} from ${JSON.stringify(was)} to ${JSON.stringify(now)}`,
    );
  }
  const removesAnything = changes.some(
    c => c.change === 'removed' || c.removedActions.length > 0 || c.removedPrincipals.length > 0,
  );
  if (summary.length === 0) summary.push('no changes');
  else if (!removesAnything) summary.push('removes nothing');
  return {unified, changes, summary, removesAnything, widensAccess};
}
