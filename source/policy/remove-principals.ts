// Removing principals from every statement at once: the edit behind "remove deleted principals"
// (the AROA…/AIDA… unique ids IAM left after the roles and users were deleted). A statement whose
// last principal goes is dropped, as the console does; everything else stays as it was.
import type {EditResult, PolicyDocument, PolicyStatement} from './types.js';
import {stringOrList, toList} from './lists.js';
import {DELETED_ID} from './principal.js';

/** The statements' AWS principals without `remove`; the input is not changed. */
export function removePrincipalsEverywhere(input: PolicyDocument, remove: readonly string[]): EditResult {
  const gone = new Set(remove);
  if (gone.size === 0) return {ok: false, reason: 'There are no principals to remove.', unchanged: true};
  const doc = structuredClone(input);
  let changed = false;
  const kept: PolicyStatement[] = [];
  for (const st of doc.Statement) {
    const block = st.Principal;
    if (typeof block !== 'object' || block === null || Array.isArray(block) || block.AWS === undefined) {
      kept.push(st);
      continue;
    }
    const before = toList(block.AWS);
    const left = before.filter(p => !gone.has(p));
    if (left.length === before.length) {
      kept.push(st);
      continue;
    }
    changed = true;
    const {AWS: _removed, ...others} = block;
    if (left.length > 0) st.Principal = {...block, AWS: stringOrList(left)};
    else if (Object.keys(others).length > 0) st.Principal = others;
    else continue; // no principal left: the statement goes
    kept.push(st);
  }
  if (!changed) return {ok: false, reason: 'The policy names none of these principals.', unchanged: true};
  doc.Statement = kept;
  return {ok: true, document: doc};
}

/** The unique ids (AROA…, AIDA…) a policy names anywhere in its AWS principals. */
export function uniqueIdsIn(doc: PolicyDocument): string[] {
  const ids = new Set<string>();
  for (const st of doc.Statement) {
    const block = st.Principal;
    if (typeof block !== 'object' || block === null || Array.isArray(block)) continue;
    for (const p of toList(block.AWS)) if (DELETED_ID.test(p)) ids.add(p);
  }
  return [...ids];
}
