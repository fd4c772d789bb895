// Reading a policy file named on the command line (or "-" for stdin). A key policy is at most
// 32,768 bytes, so anything larger is refused by its size before it is read or parsed, and the
// read itself is capped: /dev/zero, a 15 MB file or an endless pipe cannot take time or memory.
// Only regular files and stdin are read; a FIFO, a device or a directory is refused at once
// (the open is non-blocking, so a FIFO with no writer cannot hang it).
import {constants} from 'node:fs';
import {open} from 'node:fs/promises';
import {resolve} from 'node:path';
import {POLICY_MAX_BYTES, formatCount} from '../policy/index.js';
import {RefusedError, UsageError} from './exit.js';
import {complain} from './output.js';
import type {CommandContext, InputStream} from './context.js';

const bytes = (n: number) => `${formatCount(n)} bytes`;

function tooLarge(file: string, size: string): RefusedError {
  return new RefusedError(
    `${file} is ${size}; a key policy is at most ${bytes(POLICY_MAX_BYTES)}, so keypol does not read it.`,
  );
}

function kindOf(stat: {
  isFIFO(): boolean;
  isDirectory(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
  isSocket(): boolean;
}): string {
  if (stat.isFIFO()) return 'a FIFO (named pipe)';
  if (stat.isDirectory()) return 'a directory';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  if (stat.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** Up to one byte more than a policy may have: enough to know it is too large. */
async function readCapped(stdin: InputStream): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of stdin) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    chunks.push(buffer);
    length += buffer.length;
    if (length > POLICY_MAX_BYTES) return undefined;
  }
  return Buffer.concat(chunks);
}

async function readRegularFile(path: string, file: string): Promise<Buffer> {
  let handle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      code === 'ENOENT'
        ? `${file} does not exist`
        : `cannot read ${file}: ${code ?? (error as Error).message}`,
    );
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) {
      throw new UsageError(`${file} is ${kindOf(stat)}; give a policy file, or "-" to read stdin.`);
    }
    if (stat.size > POLICY_MAX_BYTES) throw tooLarge(file, bytes(stat.size));
    // The file may grow between stat and read: read one byte past the limit to notice.
    const buffer = Buffer.alloc(POLICY_MAX_BYTES + 1);
    let length = 0;
    for (;;) {
      const {bytesRead} = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > POLICY_MAX_BYTES) throw tooLarge(file, `more than ${bytes(POLICY_MAX_BYTES)}`);
    }
    return buffer.subarray(0, length);
  } finally {
    await handle.close();
  }
}

const BOM = '\ufeff';

export async function readPolicyFile(ctx: CommandContext, file: string): Promise<string> {
  let buffer: Buffer;
  if (file === '-') {
    const read = await readCapped(ctx.stdin);
    if (read === undefined) throw tooLarge('stdin', `more than ${bytes(POLICY_MAX_BYTES)}`);
    buffer = read;
  } else buffer = await readRegularFile(resolve(ctx.cwd, file), file);
  const text = buffer.toString('utf8');
  if (text.startsWith(BOM)) {
    // Editors on Windows write one; KMS accepts no U+FEFF anywhere in a policy (kms-facts §4.1).
    complain(
      ctx,
      `${file} starts with a UTF-8 byte order mark; keypol leaves it out (KMS does not accept it).`,
    );
    return text.slice(1);
  }
  return text;
}
