// The public face of the key-policy domain. Other layers import from here only.
export type * from './types.js';
export type * from './grant-types.js';
export {
  MAX_NESTING,
  POLICY_MAX_BYTES,
  parsePolicy,
  policyByteLength,
  positionAt,
  positionsIn,
} from './parse.js';
export {hasErrors, validatePolicy} from './validate.js';
export {
  GROUP_REASON,
  describePrincipal,
  isAccountRoot,
  parsePrincipal,
  policyPartition,
  rootArn,
  statementPrincipals,
} from './principal.js';
export {canonicalise, policiesEqual, printCanonical} from './canonical.js';
export {printPolicy} from './print.js';
export {isAwsManaged, keyKindOf} from './keytype.js';
export {
  ADMIN_BASE,
  ADMIN_SID,
  CONSOLE_IDS,
  DELETION_ACTIONS,
  GRANT_ACTIONS,
  GRANT_SID,
  IMPORT_ACTION,
  MULTI_REGION_ACTIONS,
  ROOT_SID,
  ROTATE_ACTION,
  TAG_ACTIONS,
  USER_ACTIONS,
  USE_SID,
  adminActions,
  apiDefaultPolicy,
  consoleDefaultPolicy,
  userActions,
} from './templates.js';
export type {ConsoleDefaultOptions} from './templates.js';
export {allowsPutKeyPolicy, callerPutDecision, lockoutReport, putKeyPolicyHolders} from './lockout.js';
export type {LockoutReport} from './lockout.js';
export {evalContext, evaluate, mayDo} from './evaluate.js';
export type {EvalContext} from './evaluate.js';
export {ANYONE, accountRoot, anyPrincipalOf, principal} from './subject.js';
export type {Subject} from './subject.js';
export {conditionScope} from './conditions.js';
export {CRYPTO_ACTIONS, KMS_ACTIONS} from './candidates.js';
export {conditionWords, entryWords} from './condition-words.js';
export {escapeJsonText, sanitizeText} from './sanitize.js';
export type {SanitizeOptions} from './sanitize.js';
export {tokenizeJson} from './highlight.js';
export type {JsonToken, JsonTokenType} from './highlight.js';
export {classifyPolicy} from './classify.js';
export {accessModel} from './access.js';
export {applyAccessEdit} from './edit.js';
export {explainAddedAction, planUpgrade} from './upgrade.js';
export {lintPolicy} from './lint.js';
export type {LintContext} from './lint.js';
export {explainPolicy} from './explain.js';
export {diffPolicies} from './diff.js';
export {charWidth, displayWidth, fit, truncate} from './text-width.js';
export {OVERRIDE_PHRASE, assessChange} from './risk.js';
export type {ChangeAssessment, ConfirmLevel} from './risk.js';
export {utcTime} from './time.js';
export {formatCount} from './numbers.js';
export {grantPrincipal} from './grant-names.js';
export type {GrantPrincipal} from './grant-names.js';
export {
  DATA_OPERATIONS,
  GRANTS_PER_KEY,
  grantLabel,
  grantShape,
  isConstrained,
  lintGrants,
} from './grants.js';
export type {GrantFinding, GrantLintContext} from './grants.js';
export {iamSentence, whoCanUse} from './who-can-use.js';
export type {Grantee, PolicyPrincipal, WhoCanUse} from './who-can-use.js';
export {principalNameProblem} from './principal-name.js';
export type {NameContext} from './principal-name.js';
export {LABEL_TEXT, SERVICE_LINKED_NOTE, SSO_NOTE, principalLabel} from './iam-principals.js';
export type {IamPrincipal, PrincipalLabel} from './iam-principals.js';
export {filterPrincipals, incrementalFilter, prepareFilter} from './principal-filter.js';
export type {Filterable} from './principal-filter.js';
export {removePrincipalsEverywhere, uniqueIdsIn} from './remove-principals.js';
export {deletionUnconfirmed, removeDeletedPrincipals, resolveUniqueIds} from './deleted-principals.js';
export type {DeletedRemoval, UniqueIdState} from './deleted-principals.js';
export {otherAccountPrincipals, otherAccountsNote} from './other-accounts.js';
export {closestRegion, regionProblem} from './regions.js';
