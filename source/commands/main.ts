// keypol's command line: global flags, the subcommand table, connection set-up and error
// reporting. Every subcommand, the AWS SDK, the sandbox and the TUI are imported lazily, so
// `keypol list --json` never loads Ink or React and `keypol --help` loads nothing at all.
import {join} from 'node:path';
import {resetSandboxDir} from './sandbox-reset.js';
import {parseArgs, type ParseArgsOptionsConfig} from 'node:util';
import {configDir, stateDir} from '../store/paths.js';
import {resolveConnection, resolveReadOnly, resolveTimeout} from './connection.js';
import {regionProblem} from '../policy/regions.js';
import {EXIT, RefusedError, UsageError} from './exit.js';
import {USAGE, versionText} from './usage.js';
import {writeOptions} from './write-options.js';
import type {KmsGateway} from '../aws/types.js';
import type {CommandContext, CommandModule, InputStream, OutputStream} from './context.js';

export interface Io {
  env: Record<string, string | undefined>;
  stdin: InputStream;
  stdout: OutputStream;
  stderr: OutputStream;
  cwd: string;
}

const GLOBAL_OPTIONS = {
  profile: {type: 'string'},
  region: {type: 'string'},
  'endpoint-url': {type: 'string'},
  timeout: {type: 'string'},
  sandbox: {type: 'boolean'},
  reset: {type: 'boolean'},
  keys: {type: 'string'},
  principals: {type: 'string'},
  'read-only': {type: 'boolean'},
  'no-color': {type: 'boolean'},
  json: {type: 'boolean'},
  yes: {type: 'boolean', short: 'y'},
  help: {type: 'boolean', short: 'h'},
  version: {type: 'boolean', short: 'V'},
} satisfies ParseArgsOptionsConfig;

const COMMANDS: Record<string, () => Promise<CommandModule>> = {
  list: () => import('./list.js'),
  show: () => import('./show.js'),
  get: () => import('./get.js'),
  diff: () => import('./diff.js'),
  put: () => import('./put.js'),
  upgrade: () => import('./upgrade.js'),
  'grant-access': () => import('./grant-access.js'),
  deletion: () => import('./deletion.js'),
  history: () => import('./history.js'),
  restore: () => import('./restore.js'),
  whoami: () => import('./whoami.js'),
  grants: () => import('./grants.js'),
  'revoke-grant': () => import('./revoke-grant.js'),
  'cancel-deletion': () => import('./cancel-deletion.js'),
  rotation: () => import('./rotation.js'),
  principals: () => import('./principals.js'),
};

export async function main(argv: string[], io: Io): Promise<number> {
  const major = Number(process.versions.node.split('.')[0]);
  if (major < 22) {
    // Ink 8, conf 16 and the AWS SDK from January 2027 need Node 22 (README "Install" says why not
    // 20); say so rather than half-work, and name the way out that needs no Node at all.
    io.stderr.write(
      `keypol: needs Node.js 22 or newer; this is ${process.version}.\n` +
        'Without a newer Node, use the single executable keypol-linux-x64 (or -arm64), which carries\n' +
        'its own Node.js: see "Install" in the README. In a clone, npm start and npx keypol use the\n' +
        "project's Node 24.\n",
    );
    return EXIT.error;
  }
  const say = (stream: OutputStream, text: string) => stream.write(text.endsWith('\n') ? text : text + '\n');
  const index = commandIndex(argv);
  const name = index === -1 ? undefined : argv[index];
  if (name === 'sandbox') {
    const {runSandboxCommand} = await import('./sandbox.js');
    return runSandboxCommand(argv.slice(index + 1));
  }
  const rest = index === -1 ? argv : [...argv.slice(0, index), ...argv.slice(index + 1)];
  const load = name === undefined ? undefined : COMMANDS[name];
  if (name !== undefined && !load) {
    say(io.stderr, `keypol: unknown command ${JSON.stringify(name)}\nRun "keypol --help" for the commands.`);
    return EXIT.usage;
  }
  const command = load ? await load() : undefined;
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      options: {...GLOBAL_OPTIONS, ...command?.options},
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    // Node's parseArgs text ("Unknown option '--x'. To specify a positional…") is not for operators.
    const unknown = /^Unknown option '([^']*)'/.exec((error as Error).message)?.[1];
    const what = unknown ? `unknown option ${unknown}` : (error as Error).message;
    say(io.stderr, `keypol: ${what}\nRun "keypol ${name ? `${name} ` : ''}--help" for usage.`);
    return EXIT.usage;
  }
  const {values, positionals} = parsed;
  if (values.version) return (say(io.stdout, versionText()), EXIT.ok);
  if (values.help) return (say(io.stdout, command?.usage ?? USAGE), EXIT.ok);
  if (!command && positionals.length) {
    say(io.stderr, `keypol: unexpected ${JSON.stringify(positionals[0])}\nRun "keypol --help" for usage.`);
    return EXIT.usage;
  }
  const noColor = values['no-color'] === true || Boolean(io.env.NO_COLOR);
  if (!command && !io.stdin.isTTY) {
    say(
      io.stderr,
      'keypol: the TUI needs a terminal on stdin; in scripts use the subcommands (keypol --help lists them).',
    );
    return EXIT.usage;
  }

  // The UI chunk (Ink, React) loads while the connection is set up: start-up time is felt.
  const ui = command ? undefined : import('../ui/run.js');
  ui?.catch(() => undefined); // awaited below; this only keeps a failed connect from leaving it unhandled
  let session: Session | undefined;
  try {
    // A key ARN or alias ARN names its Region: `keypol show arn:aws:kms:eu-west-1:…` goes there
    // whatever the profile's Region is (the AWS CLI would look in the wrong Region and say "not found").
    const arnRegion = command ? regionOfKmsArn(positionals[0]) : undefined;
    session = await connect(arnRegion ? {...values, region: arnRegion} : values, io);
    if (!command) {
      const {runTui} = await (ui as NonNullable<typeof ui>);
      return await runTui({gateway: session.gateway, noColor, reconnect: session.reconnect});
    }
    const ctx: CommandContext = {
      gateway: session.gateway,
      stdout: io.stdout,
      stderr: io.stderr,
      stdin: io.stdin,
      json: values.json === true,
      yes: values.yes === true,
      color: !noColor && io.stdout.isTTY === true,
      cwd: io.cwd,
    };
    return await command.run(ctx, {values, positionals});
  } catch (error) {
    const {sanitizeText} = await import('../policy/index.js');
    const message = sanitizeText(error instanceof Error ? error.message : String(error));
    // --json: a changing command already printed the error as its JSON outcome on stdout.
    const reported = error instanceof Error && Symbol.for('keypol.reportedAsJson') in error;
    if (reported)
      return error instanceof UsageError
        ? EXIT.usage
        : error instanceof RefusedError
          ? EXIT.refused
          : EXIT.error;
    if (error instanceof UsageError) {
      say(io.stderr, `keypol: ${message}\nRun "keypol ${name ? `${name} ` : ''}--help" for usage.`);
      return EXIT.usage;
    }
    say(io.stderr, `keypol: ${message}`);
    return error instanceof RefusedError ? EXIT.refused : EXIT.error;
  } finally {
    await session?.close();
  }
}

interface Session {
  gateway: KmsGateway;
  /** Another gateway on the same account source, for the TUI's `:` Region/profile switch. */
  reconnect(region: string, profile: string | undefined): Promise<KmsGateway>;
  close(): Promise<void>;
}

/** Builds the gateway: against the in-process sandbox with --sandbox, else as the AWS CLI would. */
async function connect(values: Record<string, unknown>, io: Io): Promise<Session> {
  const str = (key: string) => (typeof values[key] === 'string' ? (values[key] as string) : undefined);
  const readOnlyFlag = values['read-only'] === true;
  const timeout = await resolveTimeout(str('timeout'), io.env);
  if (str('keys') !== undefined && !values.sandbox) throw new UsageError('--keys works only with --sandbox');
  if (values.reset && !values.sandbox)
    throw new UsageError('--reset works only with --sandbox (it restores the demo account)');
  if (str('principals') !== undefined && !values.sandbox) {
    throw new UsageError('--principals works only with --sandbox');
  }
  // Both chunks are read at once: start-up waits for the slower, not for the sum.
  const [{createKmsGateway}, sandboxModule] = await Promise.all([
    import('../aws/gateway.js'),
    values.sandbox ? import('../sandbox/index.js') : undefined,
  ]);
  if (sandboxModule) {
    const {startSandbox, SANDBOX_CREDENTIALS} = sandboxModule;
    // The sandbox keeps its state (and keypol its backups) apart from real accounts, and
    // persists it so that a change, its history and its restore make sense across runs.
    const dir = join(stateDir(io.env), 'sandbox');
    const extraKeys = str('keys') === undefined ? 0 : Number(str('keys'));
    if (!Number.isInteger(extraKeys) || extraKeys < 0) throw new UsageError('--keys takes a whole number');
    if (str('profile') !== undefined) {
      io.stderr.write(
        `keypol: --profile ${str('profile')} is ignored with --sandbox: the sandbox is its own demo account.\n`,
      );
    }
    // A mistyped Region is a usage error here too, not an empty sandbox Region ("no keys").
    const problem = regionProblem(str('region') ?? 'us-east-1');
    if (problem) throw new UsageError(problem);
    if (values.reset) resetSandboxDir(dir);
    const extraPrincipals = str('principals') === undefined ? 0 : Number(str('principals'));
    if (!Number.isInteger(extraPrincipals) || extraPrincipals < 0) {
      throw new UsageError('--principals takes a whole number');
    }
    // Generated keys and principals are for scale work: they are not persisted with the training state.
    const readOnly = await resolveReadOnly(readOnlyFlag, io.env);
    const scale = extraKeys > 0 || extraPrincipals > 0;
    const sandbox = await startSandbox({
      ...(scale
        ? {...(extraKeys > 0 ? {extraKeys} : {}), ...(extraPrincipals > 0 ? {extraPrincipals} : {})}
        : {stateFile: join(dir, 'state.json')}),
      ...(io.env.KEYPOL_SANDBOX_REQUEST_LOG ? {requestLogFile: io.env.KEYPOL_SANDBOX_REQUEST_LOG} : {}),
    });
    const open = (region: string) =>
      createKmsGateway({
        region,
        endpoint: sandbox.endpoint,
        credentials: SANDBOX_CREDENTIALS,
        ...readOnly,
        sandbox: true,
        ...(sandbox.changedAt ? {sandboxChangedAt: sandbox.changedAt} : {}),
        stateDir: dir,
        ...timeout,
        ...writeOptions(io.env),
      });
    const gateway = open(str('region') ?? 'us-east-1');
    return {
      gateway,
      reconnect: async region => open(region),
      close: async () => {
        gateway.close();
        await sandbox.close();
      },
    };
  }
  const open = async (region: string | undefined, profile: string | undefined) => {
    const connection = await resolveConnection(
      {
        ...(profile ? {profile} : {}),
        ...(region ? {region} : {}),
        ...(str('endpoint-url') ? {endpointUrl: str('endpoint-url')} : {}),
        readOnly: readOnlyFlag,
      },
      io.env,
    );
    return createKmsGateway({...connection, ...timeout, stateDir: stateDir(io.env), ...writeOptions(io.env)});
  };
  const gateway = await open(str('region'), str('profile'));
  // A Region or profile chosen with `:` is remembered in keypol's settings: the next start opens
  // there (flags and AWS_* variables still win, as documented).
  const reconnect = async (region: string, profile: string | undefined) => {
    const next = await open(region, profile);
    const {openSettings} = await import('../store/settings.js');
    const settings = await openSettings({cwd: configDir(io.env)});
    settings.set('region', region);
    settings.set('profile', profile || undefined);
    return next;
  };
  return {gateway, reconnect, close: async () => gateway.close()};
}

/** The Region of a KMS key or alias ARN, if `ref` is one. */
export function regionOfKmsArn(ref: string | undefined): string | undefined {
  return /^arn:aws[a-z-]*:kms:([a-z0-9-]+):\d{12}:(?:key|alias)\//.exec(ref ?? '')?.[1];
}

/** Position of the subcommand: the first argument that is neither a flag nor a flag's value. */
function commandIndex(argv: string[]): number {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') return i + 1 < argv.length ? i + 1 : -1;
    if (!arg.startsWith('-')) return i;
    if (['--profile', '--region', '--endpoint-url', '--timeout', '--keys', '--principals'].includes(arg)) i++;
  }
  return -1;
}
