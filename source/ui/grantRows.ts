// Grant rows for the Grants tab: each grant's cells worked out once (sanitised, names resolved)
// with one lower-case search string, so a filter keystroke is one substring pass over 2,000 rows.
import {fit, grantPrincipal, sanitizeText, type KeyGrant} from '../policy/index.js';

export interface GrantRow {
  grant: KeyGrant;
  id: string;
  name: string;
  grantee: string;
  operations: string;
  constraints: string;
  created: string;
  /** Everything a filter word may match, lower case. */
  search: string;
}

const pairs = (map: Record<string, string>) =>
  Object.entries(map)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');

export function constraintCell(grant: KeyGrant): string {
  const c = grant.constraints;
  const parts = [
    c?.encryptionContextEquals ? `=${pairs(c.encryptionContextEquals)}` : '',
    c?.encryptionContextSubset ? `⊇${pairs(c.encryptionContextSubset)}` : '',
  ].filter(Boolean);
  return parts.join(' ') || 'none';
}

export function grantRow(grant: KeyGrant, keyAccountId: string): GrantRow {
  const grantee = sanitizeText(grantPrincipal(grant.granteePrincipal, keyAccountId).name);
  const row = {
    grant,
    id: sanitizeText(grant.grantId),
    name: sanitizeText(grant.name ?? ''),
    grantee,
    operations: sanitizeText(grant.operations.join(',')),
    constraints: sanitizeText(constraintCell(grant)),
    created: sanitizeText((grant.creationDate ?? '').slice(0, 10)),
  };
  const search = [
    row.id,
    row.name,
    grantee,
    grant.granteePrincipal,
    grant.retiringPrincipal ?? '',
    row.operations,
    row.constraints,
    row.created,
    grant.issuingAccount,
  ]
    .join('\n')
    .toLowerCase();
  return {...row, search};
}

/** Every word must occur somewhere in the row (AND), case-insensitively. */
export function filterGrantRows(rows: readonly GrantRow[], query: string): readonly GrantRow[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return rows;
  return rows.filter(row => words.every(w => row.search.includes(w)));
}

export interface GrantColumns {
  id: number;
  name: number;
  grantee: number;
  operations: number;
  constraints: number;
  created: number;
}

/** Widths that fill `width` (after the 2-cell marker); the grantee and constraints take the slack. */
export function grantColumns(width: number): GrantColumns {
  const fixed = {id: 12, created: 10, name: Math.min(16, Math.max(8, Math.floor(width / 10)))};
  const rest = Math.max(20, width - 2 - fixed.id - fixed.created - fixed.name - 5);
  const operations = Math.max(8, Math.floor(rest * 0.3));
  const grantee = Math.max(8, Math.floor(rest * 0.4));
  return {...fixed, operations, grantee, constraints: Math.max(4, rest - operations - grantee)};
}

export function grantLine(row: GrantRow, c: GrantColumns): string {
  return [
    fit(row.id, c.id),
    fit(row.name || '-', c.name),
    fit(row.grantee, c.grantee),
    fit(row.operations, c.operations),
    fit(row.constraints, c.constraints),
    fit(row.created, c.created),
  ].join(' ');
}

export function grantHeader(c: GrantColumns): string {
  return [
    fit('GRANT ID', c.id),
    fit('NAME', c.name),
    fit('GRANTEE', c.grantee),
    fit('OPERATIONS', c.operations),
    fit('CONSTRAINTS', c.constraints),
    fit('CREATED', c.created),
  ].join(' ');
}
