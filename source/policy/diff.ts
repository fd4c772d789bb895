// Policy diffs: a unified diff of the canonical prints (never of raw text, which KMS reformats)
// and a summary per statement in words.
import {FILE_HEADERS_ONLY, createTwoFilesPatch} from 'diff';
import type {PolicyDiff, PolicyDocument, PolicyStatement, StatementChange} from './types.js';
import {canonicalise, printCanonical} from './canonical.js';
import {toList} from './lists.js';
import {statementPrincipals} from './principal.js';

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
  const p = st.Principal;
  if (typeof p !== 'object') return JSON.stringify(p ?? null);
  const {AWS: _aws, ...rest} = p;
  return JSON.stringify(rest);
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
      if (!same) change.otherChanges.push(`${k} changed`);
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

function summarise(c: StatementChange, st: string): string[] {
  if (c.change === 'added') return [`adds statement "${st}"`];
  if (c.change === 'removed') return [`removes statement "${st}"`];
  const lines: string[] = [];
  if (c.addedActions.length) lines.push(`adds ${c.addedActions.join(', ')} to ${st}`);
  if (c.removedActions.length) lines.push(`removes ${c.removedActions.join(', ')} from ${st}`);
  if (c.addedPrincipals.length) lines.push(`adds ${c.addedPrincipals.join(', ')} to ${st}`);
  if (c.removedPrincipals.length) lines.push(`removes ${c.removedPrincipals.join(', ')} from ${st}`);
  for (const other of c.otherChanges) lines.push(`${st}: ${other}`);
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
  for (const [b, a, index] of pair(cb, ca)) {
    const change = compare(b, a);
    if (!change) continue;
    changes.push(change);
    summary.push(...summarise(change, name((a ?? b) as PolicyStatement, index)));
  }
  const topChanged = ['Version', 'Id'].filter(k => before[k] !== after[k]);
  for (const k of topChanged)
    summary.push(
      `changes ${k} from ${JSON.stringify(before[k] ?? null)} to ${JSON.stringify(after[k] ?? null)}`,
    );
  const removesAnything = changes.some(
    c => c.change === 'removed' || c.removedActions.length > 0 || c.removedPrincipals.length > 0,
  );
  if (summary.length === 0) summary.push('no changes');
  else if (!removesAnything) summary.push('removes nothing');
  return {unified, changes, summary, removesAnything};
}
