// Which policy is this? Console default (which version), console-shaped but modified, API default,
// AWS managed, or custom. Versions are told apart by the administrators' action SET (kms-facts
// §2.4): v3 and current share the Id key-consolepolicy-3 and differ only by kms:RotateKeyOnDemand.
import type {Classification, ConsoleVersion, Json, KeyInfo, PolicyDocument} from './types.js';
import {apiDefaultPolicy} from './templates.js';
import {policiesEqual} from './canonical.js';
import {isAwsManaged} from './keytype.js';
import {toList, uniqueSorted} from './lists.js';
import {policyPartition} from './principal.js';
import {
  consoleDeviations,
  findConsoleStatements,
  looksLikeConsolePolicy,
  type ConsoleStatements,
} from './console-shape.js';
import {ADMIN_BASE, DELETION_ACTIONS, ROTATE_ACTION, TAG_ACTIONS, keyAdminExtras} from './templates.js';

export interface ConsoleAnalysis {
  statements: ConsoleStatements;
  version: ConsoleVersion;
  /** The administrators statement has both deletion actions. */
  hasDeletion: boolean;
  /** Actions the current default would add, in catalogue order. */
  missing: string[];
  deviations: string[];
}

function versionFromId(id: Json | undefined): ConsoleVersion {
  return id === 'key-consolepolicy-1' ? 'v1' : id === 'key-consolepolicy-2' ? 'v2' : 'current';
}

/** The console analysis of a console-shaped policy (call only when looksLikeConsolePolicy). */
export function analyseConsolePolicy(doc: PolicyDocument, key: KeyInfo): ConsoleAnalysis {
  const statements = findConsoleStatements(doc, key.accountId);
  const deviations = consoleDeviations(doc, key, statements);
  const admin = doc.Statement[statements.admin];
  if (!admin) {
    const version = versionFromId(doc.Id);
    // Today's console leaves the statement out when no administrators are picked (kms-facts §1.1),
    // stamping key-consolepolicy-3; an older console's policy without it was edited by hand.
    if (version !== 'current') deviations.push('no key administrators statement');
    return {statements, version, hasDeletion: false, missing: [], deviations};
  }

  const actual = new Set(toList(admin.Action));
  const all = (list: string[]) => list.every(a => actual.has(a));
  const some = (list: string[]) => list.some(a => actual.has(a));
  const hasDeletion = all(DELETION_ACTIONS);
  const hasTags = all(TAG_ACTIONS);
  let version: ConsoleVersion;
  if (actual.has(ROTATE_ACTION)) version = 'current';
  else if (hasTags) version = 'v3';
  else if (hasDeletion || doc.Id === 'key-consolepolicy-2')
    version = 'v2'; // -2 with deletion cleared
  else if (doc.Id === 'key-consolepolicy-3') {
    version = 'v3';
    deviations.push('the administrators lack the tagging actions every key-consolepolicy-3 policy had');
  } else version = 'v1';

  const missingBase = ADMIN_BASE.filter(a => !actual.has(a));
  if (missingBase.length > 0) deviations.push(`the administrators lack ${missingBase.join(', ')}`);
  for (const [pair, what] of [
    [TAG_ACTIONS, 'tagging'],
    [DELETION_ACTIONS, 'deletion'],
  ] as const) {
    if (some(pair) && !all(pair))
      deviations.push(`the administrators have only one of the two ${what} actions`);
  }
  // Deletion actions are expected only if present (a cleared box is a choice), except in v1, where
  // the old console's upgrade added them by default.
  const deletion = hasDeletion || some(DELETION_ACTIONS) || version === 'v1' ? DELETION_ACTIONS : [];
  const expected = [...ADMIN_BASE, ...TAG_ACTIONS, ...deletion, ROTATE_ACTION, ...keyAdminExtras(key)];
  const extra = [...actual].filter(a => !expected.includes(a) && !DELETION_ACTIONS.includes(a));
  if (extra.length > 0) deviations.push(`the administrators also have ${uniqueSorted(extra).join(', ')}`);
  const missing = expected.filter(a => !actual.has(a));
  return {statements, version, hasDeletion, missing, deviations};
}

function simple(kind: Classification['kind'], label: string): Classification {
  return {kind, outdated: false, missingActions: [], deviations: [], label};
}

export function classifyPolicy(doc: PolicyDocument, key: KeyInfo): Classification {
  if (isAwsManaged(key)) return simple('aws-managed', 'AWS managed');
  if (policiesEqual(doc, apiDefaultPolicy(key.accountId, policyPartition(doc))))
    return simple('api-default', 'API default');
  if (!looksLikeConsolePolicy(doc)) return simple('custom', 'custom');

  const analysis = analyseConsolePolicy(doc, key);
  const {version, missing, deviations} = analysis;
  const outdated = missing.length > 0;
  const modified = deviations.length > 0;
  return {
    kind: modified ? 'console-modified' : 'console-default',
    version,
    outdated,
    missingActions: uniqueSorted(missing),
    deviations,
    label: badge(version, modified, outdated),
  };
}

/**
 * Badges fit the key table's narrow column (≤ 12 characters). A current-version policy that lacks
 * the key type's administrator extras (ImportKeyMaterial, ReplicateKey…) is "incomplete", not an
 * older version: missingActions says what it lacks.
 */
function badge(version: ConsoleVersion, modified: boolean, outdated: boolean): string {
  if (modified) return version === 'current' ? 'modified' : `modified ${version}`;
  if (!outdated) return 'current';
  return version === 'current' ? 'incomplete' : `outdated ${version}`;
}
