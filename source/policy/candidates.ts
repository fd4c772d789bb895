// The subjects worth asking the evaluator about for one policy, each with how to show it: every
// principal the policy names (in the order written), every account its conditions name or whose
// root it names, the key's own account, and "anyone". Sections of the access view, the lockout
// check and the explanation all iterate over this one list.
import type {Json, PolicyDocument, PolicyStatement, PrincipalRef} from './types.js';
import {toList} from './lists.js';
import {ACCOUNT_ID, isAccountRoot, parsePrincipal} from './principal.js';
import {ANYONE, accountRoot, anyPrincipalOf, principal, subjectKey, type Subject} from './subject.js';

/** Every operation a key policy can allow on a key (IAM-only operations such as CreateKey aside). */
export const KMS_ACTIONS = [
  'kms:CancelKeyDeletion',
  'kms:ConnectCustomKeyStore',
  'kms:CreateAlias',
  'kms:CreateGrant',
  'kms:Decrypt',
  'kms:DeleteAlias',
  'kms:DeleteImportedKeyMaterial',
  'kms:DeriveSharedSecret',
  'kms:DescribeKey',
  'kms:DisableKey',
  'kms:DisableKeyRotation',
  'kms:EnableKey',
  'kms:EnableKeyRotation',
  'kms:Encrypt',
  'kms:GenerateDataKey',
  'kms:GenerateDataKeyPair',
  'kms:GenerateDataKeyPairWithoutPlaintext',
  'kms:GenerateDataKeyWithoutPlaintext',
  'kms:GenerateMac',
  'kms:GetKeyPolicy',
  'kms:GetKeyRotationStatus',
  'kms:GetParametersForImport',
  'kms:GetPublicKey',
  'kms:ImportKeyMaterial',
  'kms:ListGrants',
  'kms:ListKeyPolicies',
  'kms:ListKeyRotations',
  'kms:ListResourceTags',
  'kms:PutKeyPolicy',
  'kms:ReEncryptFrom',
  'kms:ReEncryptTo',
  'kms:ReplicateKey',
  'kms:RetireGrant',
  'kms:RevokeGrant',
  'kms:RotateKeyOnDemand',
  'kms:ScheduleKeyDeletion',
  'kms:Sign',
  'kms:TagResource',
  'kms:UntagResource',
  'kms:UpdateAlias',
  'kms:UpdateKeyDescription',
  'kms:UpdatePrimaryRegion',
  'kms:Verify',
  'kms:VerifyMac',
];

/** The cryptographic operations: whoever may call one of them is a key user. */
export const CRYPTO_ACTIONS = [
  'kms:Decrypt',
  'kms:DeriveSharedSecret',
  'kms:Encrypt',
  'kms:GenerateDataKey',
  'kms:GenerateDataKeyPair',
  'kms:GenerateDataKeyPairWithoutPlaintext',
  'kms:GenerateDataKeyWithoutPlaintext',
  'kms:GenerateMac',
  'kms:ReEncryptFrom',
  'kms:ReEncryptTo',
  'kms:Sign',
  'kms:Verify',
  'kms:VerifyMac',
];

export const PUT_POLICY = 'kms:PutKeyPolicy';
export const SCHEDULE_DELETION = 'kms:ScheduleKeyDeletion';

export interface Candidate {
  subject: Subject;
  /** How to show it: the principal as written, "account A", "every principal in account A", "everyone". */
  ref: PrincipalRef;
}

const ACCOUNT_KEYS = ['kms:calleraccount', 'aws:principalaccount', 'aws:sourceaccount'];

function isBlock(v: Json | undefined): v is {[key: string]: Json} {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function statementList(doc: PolicyDocument): PolicyStatement[] {
  const list = (doc as {Statement?: Json}).Statement;
  const all = Array.isArray(list) ? list : isBlock(list) ? [list] : [];
  return all.filter(isBlock) as PolicyStatement[];
}

function namedValues(st: PolicyStatement): string[] {
  const block = (st.Principal ?? st.NotPrincipal) as Json | undefined;
  if (block === '*') return ['*'];
  if (!isBlock(block)) return [];
  return Object.values(block).flatMap(v => toList(v));
}

function conditionValues(st: PolicyStatement, keys: string[]): string[] {
  const condition = st.Condition as Json | undefined;
  if (!isBlock(condition)) return [];
  return Object.entries(condition).flatMap(([operator, block]) =>
    isBlock(block) && !/not/i.test(operator)
      ? Object.entries(block)
          .filter(([k]) => keys.includes(k.toLowerCase()))
          .flatMap(([, v]) => toList(v))
      : [],
  );
}

const conditionAccounts = (st: PolicyStatement) =>
  conditionValues(st, ACCOUNT_KEYS).filter(a => ACCOUNT_ID.test(a));

/** `"*"` narrowed by aws:PrincipalArn names its principals in the condition: exact ARNs only. */
const conditionPrincipals = (st: PolicyStatement) =>
  conditionValues(st, ['aws:principalarn']).filter(a => !/[*?]/.test(a) && a.startsWith('arn:'));

export function everyPrincipalOf(accountId: string, keyAccountId: string): PrincipalRef {
  return {
    value: '*',
    kind: 'wildcard',
    name: `every principal in account ${accountId}`,
    accountId,
    external: accountId !== keyAccountId,
  };
}

const EVERYONE: PrincipalRef = {value: '*', kind: 'wildcard', name: 'everyone (*)', external: true};

export function candidates(doc: PolicyDocument, keyAccountId: string): Candidate[] {
  const out = new Map<string, Candidate>();
  const add = (subject: Subject, ref: PrincipalRef) => {
    const id = subjectKey(subject);
    if (!out.has(id)) out.set(id, {subject, ref});
  };
  const accounts: string[] = [];
  for (const st of statementList(doc)) {
    for (const value of namedValues(st)) {
      if (value === '*') continue;
      const ref = parsePrincipal(value, keyAccountId);
      if (ref.kind === 'account' && ref.accountId !== undefined && isAccountRoot(value, ref.accountId)) {
        add(accountRoot(ref.accountId), ref);
      } else add(principal(value), ref);
    }
    for (const value of conditionPrincipals(st)) {
      const ref = parsePrincipal(value, keyAccountId);
      if (ref.kind === 'user' || ref.kind === 'role') add(principal(value), ref);
    }
    accounts.push(...conditionAccounts(st));
  }
  add(accountRoot(keyAccountId), parsePrincipal(keyAccountId, keyAccountId));
  for (const a of [keyAccountId, ...accounts]) add(anyPrincipalOf(a), everyPrincipalOf(a, keyAccountId));
  add(ANYONE, EVERYONE);
  return [...out.values()];
}
