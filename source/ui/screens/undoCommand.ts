// The undo hint's command line. It repeats the connection in use (sandbox, profile, Region,
// endpoint), so pasting it talks to the same place the change went to, and quotes every value
// for a POSIX shell: profile names and endpoints come from the operator, key names from the API.
import type {ConnectionInfo} from '../../aws/types.js';

/** `value` as one shell word: bare when it is only safe characters, else single-quoted. */
export function shellQuote(value: string): string {
  if (/^[\w@%+=:,./-]+$/.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** The words of `keypol … restore KEY BACKUP` for this connection. */
export function restoreWords(info: ConnectionInfo, keyRef: string, backupId: string): string[] {
  return [
    'keypol',
    ...(info.sandbox ? ['--sandbox'] : []),
    ...(info.profile ? ['--profile', shellQuote(info.profile)] : []),
    '--region',
    shellQuote(info.region),
    // The sandbox's endpoint is its own, chosen when it starts: --sandbox finds it again.
    ...(info.endpoint && !info.sandbox ? ['--endpoint-url', shellQuote(info.endpoint)] : []),
    'restore',
    shellQuote(keyRef),
    shellQuote(backupId),
  ];
}

/**
 * The command as screen lines of at most `width` cells where the words allow, indented by two;
 * a line that goes on ends with a shell continuation (` \`), so the whole block pastes as one.
 */
export function restoreCommandLines(
  info: ConnectionInfo,
  keyRef: string,
  backupId: string,
  width: number,
): string[] {
  const words = restoreWords(info, keyRef, backupId);
  const lines: string[] = [];
  let line = '  ';
  for (const word of words) {
    const joined = line.trim() === '' ? line + word : `${line} ${word}`;
    // Room for the " \" a continued line ends with.
    if (line.trim() !== '' && joined.length + 2 > width) {
      lines.push(`${line} \\`);
      line = `    ${word}`;
    } else line = joined;
  }
  lines.push(line);
  return lines;
}
