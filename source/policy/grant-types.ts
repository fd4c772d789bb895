// Grants as keypol reasons about them: plain data, the same whether they came from KMS or a test.

/** Encryption-context constraints: the grant applies only to requests whose context matches. */
export interface GrantConstraints {
  /** Every pair given here must be in the request's encryption context (it may hold more). */
  encryptionContextSubset?: Record<string, string>;
  /** The request's encryption context must be exactly this. */
  encryptionContextEquals?: Record<string, string>;
}

/** One grant on a key, as ListGrants returns it. Strings are as KMS sent them (sanitise before display). */
export interface KeyGrant {
  grantId: string;
  keyArn: string;
  name?: string;
  granteePrincipal: string;
  retiringPrincipal?: string;
  /** ARN of the account root that created the grant: `arn:aws:iam::111122223333:root`. */
  issuingAccount: string;
  operations: string[];
  constraints?: GrantConstraints;
  creationDate?: string; // ISO-8601
}
