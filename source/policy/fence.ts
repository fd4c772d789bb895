// `Principal "*"` fenced by kms:CallerAccount (or aws:PrincipalAccount) is the documented way to say
// "every identity in account X" (kms-facts §3.2, §4.3): AWS managed keys are written that way.
import type {PolicyStatement} from './types.js';
import {toList} from './lists.js';

const ACCOUNT_KEYS = ['kms:calleraccount', 'aws:principalaccount'];
const EQUALS = ['stringequals', 'stringequalsignorecase', 'stringlike'];

export interface AccountFence {
  /** The accounts the statement is limited to. */
  accounts: string[];
  /** The account keys are the statement's only conditions, so they alone decide who it covers. */
  only: boolean;
}

/** The accounts a statement's conditions limit its principals to, if they name any. */
export function accountFence(st: PolicyStatement): AccountFence | undefined {
  const accounts: string[] = [];
  let only = true;
  for (const [operator, block] of Object.entries(st.Condition ?? {})) {
    const entries = typeof block === 'object' && block !== null && !Array.isArray(block) ? block : {x: null};
    for (const [key, value] of Object.entries(entries)) {
      const values = toList(value);
      // StringLike with a wildcard could match any account; so could an IfExists or ForAnyValue variant.
      const exact =
        EQUALS.includes(operator.toLowerCase()) &&
        ACCOUNT_KEYS.includes(key.toLowerCase()) &&
        values.length > 0 &&
        values.every(v => /^\d{12}$/.test(v));
      if (exact) accounts.push(...values);
      else only = false;
    }
  }
  return accounts.length > 0 ? {accounts: [...new Set(accounts)], only} : undefined;
}
