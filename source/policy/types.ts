// The shared vocabulary of the key-policy domain. Plain data only: every other layer
// (sandbox, aws, commands, ui) speaks in these types.

export type Json = null | boolean | number | string | Json[] | {[key: string]: Json};

/** `{"AWS": ...}`, `{"Service": ...}`, `{"Federated": ...}` or the bare wildcard `"*"`. */
export type PrincipalBlock = '*' | {[kind: string]: string | string[]};

export interface PolicyStatement {
  Sid?: string;
  Effect?: string;
  Principal?: PrincipalBlock;
  NotPrincipal?: PrincipalBlock;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: {[operator: string]: {[key: string]: Json}};
  [other: string]: Json | undefined;
}

export interface PolicyDocument {
  /** Any JSON type: KMS and the AWS CLI accept a policy whose Version or Id is not a string. */
  Version?: Json;
  Id?: Json;
  Statement: PolicyStatement[];
  [other: string]: Json | PolicyStatement[] | undefined;
}

/** 1-based line and column, 0-based offset, all in the policy text as given. */
export interface TextPosition {
  line: number;
  column: number;
  offset: number;
}

export interface ParseError extends TextPosition {
  message: string;
}

export type ParseResult =
  {ok: true; document: PolicyDocument; text: string} | {ok: false; errors: ParseError[]; text: string};

export type Severity = 'error' | 'warning' | 'info';

/** One validation problem or lint finding. `line` points into the text when it is known. */
export interface Finding {
  severity: Severity;
  code: string;
  message: string;
  sid?: string;
  statementIndex?: number;
  line?: number;
}

/** What DescribeKey tells us that changes the console's template. */
export interface KeyInfo {
  accountId: string;
  keySpec: string; // SYMMETRIC_DEFAULT, RSA_2048, HMAC_256, ECC_NIST_P256, ...
  keyUsage: string; // ENCRYPT_DECRYPT | SIGN_VERIFY | GENERATE_VERIFY_MAC | KEY_AGREEMENT
  origin: string; // AWS_KMS | EXTERNAL | AWS_CLOUDHSM | EXTERNAL_KEY_STORE
  multiRegion: boolean;
  keyManager: 'AWS' | 'CUSTOMER';
  /** The key's ARN, when known: a Resource naming it (rather than "*") then matches for certain. */
  arn?: string;
}

export type KeyKind = 'symmetric' | 'asymmetric-encrypt' | 'sign' | 'hmac' | 'key-agreement';

export type ClassificationKind =
  'console-default' | 'console-modified' | 'api-default' | 'aws-managed' | 'custom';

/** v3 and current share the Id `key-consolepolicy-3`; they differ by kms:RotateKeyOnDemand. */
export type ConsoleVersion = 'v1' | 'v2' | 'v3' | 'current';

export interface Classification {
  kind: ClassificationKind;
  /** Console version recognised from the administrators' action set (console kinds only). */
  version?: ConsoleVersion;
  /** A console policy that lacks actions the current default grants. */
  outdated: boolean;
  /** Actions the current default would add to "Allow access for Key Administrators", sorted. */
  missingActions: string[];
  /** Why a console-shaped policy counts as modified, in words (empty when it is not). */
  deviations: string[];
  /**
   * Badge, at most 12 characters: "current", "outdated v2", "incomplete" (current version lacking the
   * key type's extras), "modified v3", "modified" (current version), "API default", "AWS managed", "custom".
   */
  label: string;
}

export type PrincipalKind =
  | 'account'
  | 'user'
  | 'role'
  | 'assumed-role'
  | 'service'
  | 'federated'
  | 'deleted'
  | 'wildcard'
  | 'group'
  | 'invalid';

export interface PrincipalRef {
  /** Exactly as written in the policy. */
  value: string;
  kind: PrincipalKind;
  /** 12-digit account the principal belongs to, when it has one. */
  accountId?: string;
  /** Human name: "role/Admin", "account 444455556666", "deleted principal AROA…". */
  name: string;
  /** Belongs to another account than the key's. */
  external: boolean;
  /** In access views: the undecided conditions the access depends on (absent when certain). */
  conditions?: ConditionRef[];
  /** In access views: the access comes only through the account root, so IAM policies must allow it too. */
  throughIam?: boolean;
}

/** The console's "default view" of a key policy. */
export interface AccessModel {
  /** False when the policy cannot be shown faithfully as administrators/users/accounts. */
  representable: boolean;
  administrators: PrincipalRef[];
  users: PrincipalRef[];
  /**
   * Other AWS accounts (12-digit ids) that any Allow statement grants something to: key users named
   * by account, but also other accounts' roles and users, and custom statements.
   */
  externalAccounts: string[];
  administratorsCanDelete: boolean;
  /** The account root is allowed some action: IAM policies in the key's account can grant access. */
  rootEnabled: boolean;
  /**
   * What IAM policies in the key's account can grant (root delegation): every KMS action, only some
   * (listed in iamActions), only under conditions, or nothing.
   */
  iamDelegation: 'all' | 'some' | 'conditional' | 'none';
  /** With iamDelegation "some": the actions the account root is allowed. */
  iamActions: string[];
  /** Who may change the policy (kms:PutKeyPolicy), from the lockout check: for sentences. */
  canChange: PrincipalRef[];
  notes: string[];
}

export type AccessRole = 'administrator' | 'user' | 'account';

export type AccessEdit =
  {op: 'add' | 'remove'; role: AccessRole; principal: string} | {op: 'set-deletion'; allow: boolean};

/** `unchanged`: the policy already says what the edit asks for, so there is nothing to do. */
export type EditResult = {ok: true; document: PolicyDocument} | {ok: false; reason: string; unchanged?: true};

export interface AddedPermission {
  action: string;
  /** The KMS feature the action belongs to, e.g. "tagging", "key deletion", "on-demand rotation". */
  feature: string;
  explanation: string;
}

export type UpgradePlan =
  | {
      ok: true;
      from: ConsoleVersion;
      document: PolicyDocument;
      added: AddedPermission[];
      /** True when the deletion choice cannot be inferred and the caller did not give it. */
      needsDeletionChoice: boolean;
      warnings: string[];
    }
  | {ok: false; reason: string};

export interface StatementChange {
  sid?: string;
  change: 'added' | 'removed' | 'modified';
  addedActions: string[];
  removedActions: string[];
  addedPrincipals: string[];
  removedPrincipals: string[];
  otherChanges: string[];
}

export interface PolicyDiff {
  /** Unified diff of the canonical pretty prints. Empty when the policies are equal. */
  unified: string;
  changes: StatementChange[];
  /** One line per change, e.g. "adds kms:TagResource to Allow access for Key Administrators"; "no changes". */
  summary: string[];
  /** True when anything at all is removed (actions, principals or statements). */
  removesAnything: boolean;
  /**
   * True when the change lets more through than a plain addition of named principals or actions:
   * an Allow loses or loosens a condition, gains "*" or a wildcard action; a Deny is weakened.
   */
  widensAccess: boolean;
}

/** What a condition key restricts: the caller (named principals, accounts, organisation), the AWS
 * service acting for the caller (kms:ViaService, aws:SourceArn…), or something keypol cannot judge. */
export type ConditionScope = 'principal' | 'service' | 'unknown';

export interface ConditionRef {
  key: string;
  operator: string;
  scope: ConditionScope;
  values: string[];
}

/**
 * allow: some Allow applies for certain and no Deny may apply. deny: a Deny applies for certain.
 * not-allowed: no Allow can apply. conditional: the answer depends on the conditions named.
 */
export type Verdict = 'allow' | 'deny' | 'not-allowed' | 'conditional';

export interface Decision {
  verdict: Verdict;
  /** The undecided condition entries a conditional verdict depends on. */
  conditions: ConditionRef[];
  /** Allow statements (indexes) that apply or may apply. */
  allowedBy: number[];
  /** Deny statements (indexes) that apply or may apply. */
  deniedBy: number[];
  /** Some Allow applies without any condition (a conditional verdict then comes from a Deny only). */
  allowCertain: boolean;
  /**
   * Every Allow that applies does so only through the account root: the principal's own IAM
   * policies must allow the action too.
   */
  throughIam: boolean;
  /**
   * The same answer counting only Allows that name the subject directly (or "*"), not through the
   * account root: what the key policy alone gives, without the principal's IAM policies.
   */
  direct: {verdict: Verdict; conditions: ConditionRef[]};
}
