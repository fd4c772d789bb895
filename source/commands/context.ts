// What every subcommand receives: the gateway, the three standard streams and the global flags.
import type {ParseArgsOptionsConfig} from 'node:util';
import type {KmsGateway} from '../aws/types.js';

export interface OutputStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
  /** Present on real streams: their 'error' event reports EPIPE when the reader has gone. */
  on?(event: 'error', listener: (error: NodeJS.ErrnoException) => void): unknown;
}

export interface InputStream extends NodeJS.ReadableStream {
  isTTY?: boolean;
}

export interface CommandContext {
  gateway: KmsGateway;
  stdout: OutputStream;
  stderr: OutputStream;
  stdin: InputStream;
  json: boolean;
  yes: boolean;
  /** Colour only for a TTY, and never with NO_COLOR or --no-color. */
  color: boolean;
  cwd: string;
}

export type ArgValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

export interface CommandArgs {
  values: ArgValues;
  positionals: string[];
}

export interface CommandModule {
  /** The command's own flags (parseArgs config); the global flags are added by main. */
  options: ParseArgsOptionsConfig;
  usage: string;
  run(ctx: CommandContext, args: CommandArgs): Promise<number>;
}
