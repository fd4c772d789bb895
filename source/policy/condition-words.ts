// Conditions in words, for access entries: "through s3.us-east-1.amazonaws.com (kms:ViaService)",
// "if aws:PrincipalOrgID is o-abc". Short: at most three values per key.
import type {ConditionRef, PrincipalRef} from './types.js';
import {formatCount} from './numbers.js';

function values(list: string[]): string {
  const shown = list.slice(0, 3).join(' or ');
  return list.length > 3 ? `${shown} or ${formatCount(list.length - 3)} more` : shown || '(no value)';
}

function one(ref: ConditionRef): string {
  const key = ref.key.toLowerCase();
  if (key === 'kms:viaservice' && !/not/i.test(ref.operator))
    return `through ${values(ref.values)} (kms:ViaService)`;
  if (key === 'kms:grantisforawsresource')
    return 'only for grants to AWS services (kms:GrantIsForAWSResource)';
  if (ref.key === 'Resource') return `if Resource ${values(ref.values)} is this key`;
  if (ref.operator === '') return `if ${ref.key} holds`;
  return `if ${ref.key} ${ref.operator} ${values(ref.values)}`;
}

/** "through s3.… (kms:ViaService); if aws:SourceArn ArnLike arn:…" — empty for certain access. */
export function conditionWords(conditions: readonly ConditionRef[] | undefined): string {
  return (conditions ?? []).map(one).join('; ');
}

/** An entry for a sentence: its name and, when its access depends on conditions, which. */
export function entryWords(ref: PrincipalRef, describe: (r: PrincipalRef) => string): string {
  const words = conditionWords(ref.conditions);
  return words ? `${describe(ref)} [only ${words}]` : describe(ref);
}
