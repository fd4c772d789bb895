// Findings (validation and lint) as sanitised text lines and as the --json shape.
import {sanitizeText, type Finding} from '../policy/index.js';

export function findingLines(findings: Finding[]): string[] {
  return findings.map(f => {
    // Most messages already quote their statement; name it only when the message does not.
    const named = f.sid !== undefined && f.message.includes(`"${f.sid}"`);
    const where = [f.sid && !named ? `Sid "${f.sid}"` : '', f.line ? `line ${f.line}` : '']
      .filter(Boolean)
      .join(', ');
    return sanitizeText(`  ${f.severity.padEnd(7)}  ${f.code}: ${f.message}${where ? ` (${where})` : ''}`);
  });
}

export function findingsJson(
  findings: Finding[],
): {severity: string; code: string; message: string; sid: string | null; line: number | null}[] {
  return findings.map(f => ({
    severity: f.severity,
    code: f.code,
    message: f.message,
    sid: f.sid ?? null,
    line: f.line ?? null,
  }));
}
