// The rules of kms-facts §4: what KMS accepts as a key policy (or what makes a statement ineffective).
import {findNodeAtLocation, parse, parseTree, type Node} from 'jsonc-parser';
import type {Finding, Json, TextPosition} from './types.js';
import {POLICY_MAX_BYTES, STRICT_JSON, parsePolicy, policyByteLength, positionsIn} from './parse.js';
import {checkStatement} from './validate-statement.js';
import {formatCount} from './numbers.js';

/** Printable ASCII, printable Latin-1 and tab/LF/CR (kms-facts §4.1). */
const INVALID_CHARACTER = /[^\t\n\r\x20-\x7e\xa0-\xff]/gu;

function isObject(v: Json | undefined): v is {[key: string]: Json} {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const PRINCIPAL_CODES = new Set(['deleted-principal', 'iam-group', 'principal']);

function statementNodes(root: Node | undefined): Node[] {
  const node = root && findNodeAtLocation(root, ['Statement']);
  if (!node) return [];
  return node.type === 'array' ? (node.children ?? []) : [node];
}

/**
 * A key given twice in one object: JSON.parse (and keypol) keep the last one, other readers may
 * keep the first or refuse, and KMS does not document which it does.
 */
function duplicateKeyFindings(root: Node | undefined, at: (offset: number) => TextPosition): Finding[] {
  const out: Finding[] = [];
  const stack = root ? [root] : [];
  for (let node = stack.pop(); node && out.length < 5; node = stack.pop()) {
    const seen = new Map<string, number>();
    for (const child of node.children ?? []) {
      stack.push(child);
      const keyNode = node.type === 'object' ? child.children?.[0] : undefined;
      if (!keyNode) continue;
      const key = String(keyNode.value);
      const line = at(keyNode.offset).line;
      const first = seen.get(key);
      if (first === undefined) {
        seen.set(key, line);
        continue;
      }
      out.push({
        severity: 'warning',
        code: 'duplicate-key',
        message: `${JSON.stringify(key)} is given twice in one object (lines ${first} and ${line}); keypol reads the last one, as JSON.parse does, but KMS does not document which it uses. Remove one.`,
        line,
      });
    }
  }
  return out.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}

function characterFindings(text: string, nodes: Node[], at: (offset: number) => TextPosition): Finding[] {
  const bad = [...text.matchAll(INVALID_CHARACTER)];
  const first = bad[0];
  if (!first) return [];
  const offset = first.index;
  const code = (first[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
  const index = nodes.findIndex(n => offset >= n.offset && offset < n.offset + n.length);
  const finding: Finding = {
    severity: 'error',
    code: 'invalid-character',
    message:
      `Character U+${code} is not allowed in a key policy` +
      (bad.length > 1 ? ` (${formatCount(bad.length)} such characters)` : '') +
      '; only printable ASCII and Latin-1 characters, tab and line breaks are.',
    line: at(offset).line,
  };
  return index >= 0 ? [{...finding, statementIndex: index}] : [finding];
}

export function validatePolicy(text: string): Finding[] {
  const findings: Finding[] = [];
  const bytes = policyByteLength(text);
  if (bytes > POLICY_MAX_BYTES) {
    // Refused by size before anything else: parsing megabytes would only take time and memory.
    return [
      {
        severity: 'error',
        code: 'too-large',
        message: `The policy is ${formatCount(bytes)} bytes; KMS allows at most ${formatCount(POLICY_MAX_BYTES)} bytes (UTF-8).`,
      },
    ];
  }
  const parsed = parsePolicy(text);
  if (!parsed.ok) {
    for (const e of parsed.errors) {
      findings.push({
        severity: 'error',
        code: 'json',
        message: `Line ${e.line}, column ${e.column}: ${e.message}`,
        line: e.line,
      });
    }
    return findings;
  }
  const root = parseTree(text, [], STRICT_JSON);
  const nodes = statementNodes(root);
  const at = positionsIn(text);
  const lineOf = (i: number) => {
    const node = nodes[i];
    return node ? at(node.offset).line : undefined;
  };
  // A finding about one principal goes on that principal's line, not the statement's opening brace.
  const principalLineOf = (i: number, message: string): number | undefined => {
    const stack = nodes[i] ? [nodes[i]] : [];
    for (let node = stack.pop(); node; node = stack.pop()) {
      if (node.type === 'string' && typeof node.value === 'string' && node.value.length >= 12) {
        if (message.includes(node.value)) return at(node.offset).line;
      }
      stack.push(...(node.children ?? []).slice().reverse());
    }
    return undefined;
  };
  const doc = parsed.document;
  if (doc.Version === undefined) {
    findings.push({
      severity: 'error',
      code: 'version',
      message: 'Version is missing; set it to "2012-10-17".',
    });
  } else if (doc.Version !== '2012-10-17') {
    findings.push({
      severity: 'error',
      code: 'version',
      message: `Version is ${JSON.stringify(doc.Version)}; a key policy uses "2012-10-17".`,
    });
  }
  const raw = parse(text, [], STRICT_JSON) as {[key: string]: Json};
  const rawStatement = raw.Statement;
  if (rawStatement === undefined) {
    findings.push({
      severity: 'error',
      code: 'statement',
      message: 'Statement is missing; a key policy needs at least one.',
    });
  } else if (Array.isArray(rawStatement) ? rawStatement.length === 0 : !isObject(rawStatement)) {
    findings.push({
      severity: 'error',
      code: 'statement',
      message: 'Statement must be a non-empty list of statement objects.',
      line: lineOf(0),
    });
  }
  const list = Array.isArray(rawStatement) ? rawStatement : isObject(rawStatement) ? [rawStatement] : [];
  const sids = new Map<string, number>();
  list.forEach((st, index) => {
    const line = lineOf(index);
    const at = (f: Omit<Finding, 'statementIndex' | 'line'>): Finding => {
      const sid = isObject(st) && typeof st.Sid === 'string' ? st.Sid : undefined;
      const own = PRINCIPAL_CODES.has(f.code) ? (principalLineOf(index, f.message) ?? line) : line;
      return {
        ...f,
        statementIndex: index,
        ...(sid === undefined ? {} : {sid}),
        ...(own === undefined ? {} : {line: own}),
      };
    };
    if (!isObject(st)) {
      findings.push(
        at({severity: 'error', code: 'statement', message: `Statement ${index + 1} is not an object.`}),
      );
      return;
    }
    if (typeof st.Sid === 'string') {
      const first = sids.get(st.Sid);
      if (first !== undefined) {
        findings.push(
          at({
            severity: 'error',
            code: 'duplicate-sid',
            message: `Sid "${st.Sid}" is used by statements ${first + 1} and ${index + 1}; Sids must be unique.`,
          }),
        );
      } else sids.set(st.Sid, index);
    }
    for (const f of checkStatement(st)) findings.push(at(f));
  });
  findings.push(...characterFindings(text, nodes, at));
  findings.push(...duplicateKeyFindings(root, at));
  return findings;
}

export function hasErrors(findings: Finding[]): boolean {
  return findings.some(f => f.severity === 'error');
}
