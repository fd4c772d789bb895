// Shape rules for one statement (kms-facts §4.2–§4.3), separate from the document-level checks.
import type {Finding, Json} from './types.js';
import {toList} from './lists.js';
import {GROUP_REASON, SERVICE, parsePrincipal} from './principal.js';
import {STATEMENT_ELEMENTS} from './canonical.js';

type Issue = Omit<Finding, 'statementIndex' | 'line' | 'sid'>;

const PRINCIPAL_KINDS = ['AWS', 'Service', 'Federated', 'CanonicalUser'];

const error = (code: string, message: string): Issue => ({severity: 'error', code, message});

function isStringList(v: Json | undefined): boolean {
  return typeof v === 'string' || (Array.isArray(v) && v.length > 0 && v.every(x => typeof x === 'string'));
}

function awsPrincipalIssues(value: string): Issue[] {
  const ref = parsePrincipal(value, '');
  switch (ref.kind) {
    case 'group':
      return [error('iam-group', `${value}: ${GROUP_REASON}`)];
    case 'deleted':
      return [
        {
          severity: 'warning',
          code: 'deleted-principal',
          message:
            `${value} is a unique principal id: the ${ref.name.split(' ')[1]} it named was deleted. Recreating it ` +
            'does not restore access; remove the id or replace it with a valid ARN.',
        },
      ];
    case 'invalid':
    case 'service':
      return [
        error(
          'principal',
          `"${value}" is not a valid AWS principal: use a 12-digit account id, an IAM user or role ARN, an ` +
            'assumed-role session ARN, or "*".',
        ),
      ];
    default:
      return [];
  }
}

function principalIssues(element: string, block: Json): Issue[] {
  if (block === '*') return [];
  if (typeof block !== 'object' || block === null || Array.isArray(block)) {
    return [
      error('principal', `${element} must be "*" or an object such as {"AWS": "arn:aws:iam::…:root"}.`),
    ];
  }
  const issues: Issue[] = [];
  for (const [kind, value] of Object.entries(block)) {
    if (!PRINCIPAL_KINDS.includes(kind)) {
      issues.push(error('principal', `${element} has an unknown principal type "${kind}".`));
      continue;
    }
    if (!isStringList(value)) {
      issues.push(error('principal', `${element}.${kind} must be a string or a non-empty list of strings.`));
      continue;
    }
    for (const v of toList(value)) {
      if (kind === 'AWS') issues.push(...awsPrincipalIssues(v));
      else if (kind === 'Service' && !SERVICE.test(v)) {
        issues.push(error('principal', `"${v}" is not a service principal such as "ec2.amazonaws.com".`));
      } else if (v.length === 0) issues.push(error('principal', `${element}.${kind} has an empty value.`));
    }
  }
  if (Object.keys(block).length === 0) issues.push(error('principal', `${element} names no principal.`));
  return issues;
}

export function checkStatement(st: {[key: string]: Json}): Issue[] {
  const issues: Issue[] = [];
  for (const key of Object.keys(st)) {
    if (!STATEMENT_ELEMENTS.includes(key)) issues.push(error('element', `Unknown element "${key}".`));
  }
  if (st.Sid !== undefined && typeof st.Sid !== 'string') issues.push(error('sid', 'Sid must be a string.'));
  if (st.Effect !== 'Allow' && st.Effect !== 'Deny') {
    issues.push(
      error(
        'effect',
        `Effect must be "Allow" or "Deny"${st.Effect === undefined ? '' : `, not ${JSON.stringify(st.Effect)}`}.`,
      ),
    );
  }
  const principal = st.Principal ?? st.NotPrincipal;
  if (st.Principal !== undefined && st.NotPrincipal !== undefined) {
    issues.push(error('principal', 'Use Principal or NotPrincipal, not both.'));
  } else if (principal === undefined) {
    issues.push(error('principal', 'Principal is missing; every key policy statement needs one.'));
  } else {
    issues.push(...principalIssues(st.Principal !== undefined ? 'Principal' : 'NotPrincipal', principal));
  }
  if (st.Action !== undefined && st.NotAction !== undefined) {
    issues.push(error('action', 'Use Action or NotAction, not both.'));
  } else if (st.Action === undefined && st.NotAction === undefined) {
    issues.push(
      error('action', 'Action is missing; KMS rejects (or ignores) a statement without Action or NotAction.'),
    );
  } else if (!isStringList(st.Action ?? st.NotAction)) {
    issues.push(error('action', 'Action must be a string or a non-empty list of strings.'));
  } else {
    const other = toList(st.Action ?? st.NotAction).filter(a => a !== '*' && !/^kms:/i.test(a));
    if (other.length > 0) {
      issues.push({
        severity: 'warning',
        code: 'action',
        message: `${other.join(', ')}: only kms: actions have an effect in a key policy.`,
      });
    }
  }
  issues.push(...resourceIssues(st));
  if (st.Condition !== undefined) {
    const c = st.Condition;
    const ok =
      typeof c === 'object' &&
      c !== null &&
      !Array.isArray(c) &&
      Object.values(c).every(b => typeof b === 'object' && b !== null && !Array.isArray(b));
    if (!ok)
      issues.push(
        error('condition', 'Condition must be an object of operator blocks, e.g. {"Bool": {...}}.'),
      );
  }
  return issues;
}

/** A KMS key ARN, possibly with wildcards: what KMS accepts in Resource besides "*". */
const KEY_ARN = /^arn:[\w*?-]+:kms:[\w*?-]*:[\d*?]*:key\/[\w*?-]+$/;

/**
 * KMS accepts a statement without Resource and a key ARN in it (kms-facts §4.2; unsure since the
 * August 2025 change, so keypol warns rather than refuses and KMS has the last word): neither is
 * refused, but a missing Resource makes the statement ineffective.
 */
function resourceIssues(st: {[key: string]: Json}): Issue[] {
  if (st.NotResource !== undefined) {
    return [error('resource', 'NotResource is not accepted in a key policy; use "Resource": "*".')];
  }
  if (st.Resource === undefined) {
    return [
      {
        severity: 'warning',
        code: 'resource',
        message: 'Resource is missing: the statement has no effect. In a key policy it is "*" (this key).',
      },
    ];
  }
  if (!isStringList(st.Resource)) return [error('resource', 'Resource must be "*" or a list of strings.')];
  const other = toList(st.Resource).filter(r => r !== '*');
  if (other.length === 0) return [];
  if (other.every(r => KEY_ARN.test(r))) {
    return [
      {
        severity: 'warning',
        code: 'resource',
        message: `Resource ${other.join(', ')}: KMS accepts a key ARN, but in a key policy "*" already means this key; a different key's ARN makes the statement ineffective.`,
      },
    ];
  }
  return [
    error(
      'resource',
      'Resource must be "*": in a key policy it means "this key"; only this key\'s ARN is also accepted.',
    ),
  ];
}
