// The write path's principal step: before any PutKeyPolicy, every IAM role and user ARN of the
// key's own account in the proposed policy must exist (from the IAM listing when keypol has it,
// else GetRole/GetUser), and every principal name must be one that can exist at all (partition,
// IAM groups, IAM's name rules). KMS refuses such a policy anyway ("invalid principals"); asking
// first means the refusal names the principal and the statement, and nothing is sent.
import {
  otherAccountPrincipals,
  parsePrincipal,
  policyPartition,
  principalNameProblem,
  statementPrincipals,
  type PolicyDocument,
} from '../policy/index.js';
import {forEachPooled} from './pool.js';
import type {PrincipalDirectory} from './types.js';

export interface PrincipalFinding {
  principal: string;
  /** The statement's Sid in quotes, or "statement N". */
  statement: string;
  /** One sentence. */
  reason: string;
}

export interface PrincipalCheck {
  /** Principals the policy cannot hold: the write is refused. */
  refused: PrincipalFinding[];
  /** This account's principals IAM could not be asked about: the preview says so. */
  unverifiable: PrincipalFinding[];
  /** Other accounts' roles and users, which only KMS can check (otherAccountsNote says so). */
  otherAccounts: string[];
}

const LOOKUP_CONCURRENCY = 8;

const statementName = (sid: unknown, index: number): string =>
  typeof sid === 'string' && sid !== '' ? `"${sid}"` : `statement ${index + 1}`;

/**
 * Checks `document` for a key in `accountId`; `directory` is the connection's IAM reader. ARNs
 * that `live` (the policy as GetKeyPolicy returned it) already names are not asked about again:
 * KMS shows a deleted principal as its unique id, so an ARN it still returns is one IAM still has.
 */
export async function checkPrincipals(
  document: PolicyDocument,
  accountId: string,
  directory: PrincipalDirectory,
  live?: PolicyDocument,
): Promise<PrincipalCheck> {
  const known = new Set(live ? live.Statement.flatMap(statementPrincipals) : []);
  const partition = policyPartition(document);
  const refused: PrincipalFinding[] = [];
  const unverifiable: PrincipalFinding[] = [];
  const toLookUp = new Map<string, string[]>(); // ARN → statements naming it
  document.Statement.forEach((st, index) => {
    const statement = statementName(st.Sid, index);
    for (const principal of statementPrincipals(st)) {
      const problem = principalNameProblem(principal, {partition});
      if (problem) {
        refused.push({principal, statement, reason: problem});
        continue;
      }
      const ref = parsePrincipal(principal, accountId);
      if ((ref.kind !== 'role' && ref.kind !== 'user') || ref.external || known.has(principal)) continue;
      toLookUp.set(principal, [...(toLookUp.get(principal) ?? []), statement]);
    }
  });
  await forEachPooled([...toLookUp.keys()], LOOKUP_CONCURRENCY, async principal => {
    const statement = (toLookUp.get(principal) ?? []).join(', ');
    const found = await directory.lookup(principal);
    if (found.state === 'missing') {
      const hint = found.suggestion
        ? ` (IAM has ${found.suggestion}: a policy must name the ARN with its path)`
        : '';
      refused.push({
        principal,
        statement,
        reason: `${principal} in ${statement} does not exist in account ${accountId}${hint}: KMS would refuse the policy.`,
      });
    } else if (found.state === 'unverifiable') {
      unverifiable.push({principal, statement, reason: `Could not check ${principal}: ${found.reason}`});
    }
  });
  return {refused, unverifiable, otherAccounts: otherAccountPrincipals(document, accountId, live)};
}
