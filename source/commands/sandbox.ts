// `keypol sandbox`: runs the local KMS-compatible server in the foreground until SIGINT/SIGTERM.
import {join} from 'node:path';
import {parseArgs} from 'node:util';
import {stateDir} from '../store/paths.js';
import {resetSandboxDir} from './sandbox-reset.js';
import {
  IAM_DENIED_CALLERS,
  SANDBOX_ACCOUNT,
  SANDBOX_CALLERS,
  SANDBOX_CREDENTIALS,
  startSandbox,
  type SandboxOptions,
} from '../sandbox/index.js';

const HELP = `keypol sandbox — a local KMS-compatible server with a seeded demo account

Usage: keypol sandbox [options]

  --host HOST            listen address (default 127.0.0.1; the sandbox has no real security)
  --port N               port (default: any free port)
  --state FILE           keep the state in FILE: loaded at start, rewritten after every change
  --reset                start from the demo account again: with --state, FILE is seeded afresh;
                         alone, the state of keypol --sandbox (and its backups) is reset, then it exits
  --seed demo|empty      demo account ${SANDBOX_ACCOUNT} (us-east-1, eu-west-1) or no keys (default demo)
  --keys N               add N generated keys in us-east-1 (alias/gen/NNNNN) for scale work
  --principals N         add N generated IAM roles and users (three roles to a user) for scale work
  --latency MS           delay every answer by MS milliseconds
  --throttle OP=RPS      answer ThrottlingException above RPS requests per second for operation OP
                         ('*' = each operation); repeatable, e.g. --throttle GetKeyPolicy=5
  --fail-rate F          answer a fraction F (0–1) of requests with KMSInternalException (HTTP 500)
  --reset-after OP=N     apply the first N requests of operation OP, then reset the connection
                         instead of answering (the change is made, the answer lost); repeatable
  --deny OP              answer AccessDeniedException to every call of operation OP, as an IAM
                         deny would; repeatable, e.g. --deny ListGrants
  --help                 this text

It speaks the KMS wire protocol (AWS JSON 1.1), STS GetCallerIdentity and IAM ListRoles, ListUsers,
GetRole and GetUser (AWS Query), so the AWS CLI and SDKs work against it with --endpoint-url. It does NOT verify SigV4 signatures: any secret key works.
The Region comes from the request's credential scope; the caller from its access key id:
${Object.entries(SANDBOX_CALLERS)
  .map(([key, arn]) => `  ${key}  ${arn}`)
  .join('\n')}
  (any other)           arn:aws:iam::${SANDBOX_ACCOUNT}:root
IAM requests from ${[...IAM_DENIED_CALLERS].join(', ')} are denied (AccessDenied), as for an
operator without iam:List* permissions. PutKeyPolicy and CreateKey refuse a policy naming a role
or user of account ${SANDBOX_ACCOUNT} that the sandbox does not have.
`;

class UsageError extends Error {}

function number(name: string, raw: string | undefined, min: number, max: number): number | undefined {
  return raw === undefined ? undefined : numberIn(name, raw, min, max);
}

function numberIn(name: string, raw: string, min: number, max: number): number {
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value < min || value > max) {
    throw new UsageError(`--${name} must be a number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

function integer(name: string, raw: string | undefined, min: number, max: number): number | undefined {
  const value = number(name, raw, min, max);
  if (value !== undefined && !Number.isInteger(value))
    throw new UsageError(`--${name} must be a whole number`);
  return value;
}

/** OP=VALUE flags (--throttle, --reset-after) as an operation → number map. */
function perOperation(
  name: string,
  specs: string[],
  value: (text: string) => number,
): Record<string, number> | undefined {
  if (specs.length === 0) return undefined;
  const result: Record<string, number> = {};
  for (const spec of specs) {
    const [operation, text, ...rest] = spec.split('=');
    if (!operation || !/^(\*|[A-Za-z]+)$/.test(operation) || text === undefined || rest.length > 0) {
      throw new UsageError(`--${name} expects OPERATION=${name === 'throttle' ? 'RPS' : 'N'}, got "${spec}"`);
    }
    result[operation] = value(text);
  }
  return result;
}

export function sandboxOptions(args: string[]): SandboxOptions | 'help' {
  const {values} = parseArgs({
    args,
    strict: true,
    allowPositionals: false,
    options: {
      host: {type: 'string'},
      port: {type: 'string'},
      state: {type: 'string'},
      reset: {type: 'boolean'},
      seed: {type: 'string'},
      keys: {type: 'string'},
      principals: {type: 'string'},
      latency: {type: 'string'},
      throttle: {type: 'string', multiple: true},
      'fail-rate': {type: 'string'},
      'reset-after': {type: 'string', multiple: true},
      deny: {type: 'string', multiple: true},
      help: {type: 'boolean', short: 'h'},
    },
  });
  if (values.help) return 'help';
  if (values.seed !== undefined && values.seed !== 'demo' && values.seed !== 'empty') {
    throw new UsageError(`--seed must be demo or empty, got "${values.seed}"`);
  }
  const port = integer('port', values.port, 0, 65535);
  const extraKeys = integer('keys', values.keys, 0, 1_000_000);
  const extraPrincipals = integer('principals', values.principals, 0, 1_000_000);
  const latencyMs = number('latency', values.latency, 0, 600_000);
  const failRate = number('fail-rate', values['fail-rate'], 0, 1);
  const throttle = perOperation('throttle', values.throttle ?? [], rate =>
    numberIn('throttle', rate, 0.001, 1e6),
  );
  const resetAfterApply = perOperation(
    'reset-after',
    values['reset-after'] ?? [],
    count => integer('reset-after', count, 0, 1e9) ?? 0,
  );
  const deny = values.deny ?? [];
  const badDeny = deny.find(op => !/^[A-Za-z]+$/.test(op));
  if (badDeny !== undefined) throw new UsageError(`--deny expects an operation name, got "${badDeny}"`);
  const faults = {
    ...(latencyMs === undefined ? {} : {latencyMs}),
    ...(throttle === undefined ? {} : {throttle}),
    ...(failRate === undefined ? {} : {failRate}),
    ...(resetAfterApply === undefined ? {} : {resetAfterApply}),
    ...(deny.length ? {deny} : {}),
  };
  return {
    ...(values.host === undefined ? {} : {host: values.host}),
    ...(port === undefined ? {} : {port}),
    ...(values.state === undefined ? {} : {stateFile: values.state}),
    ...(values.reset ? {reset: true} : {}),
    ...(values.seed === undefined ? {} : {seed: values.seed}),
    ...(extraKeys === undefined ? {} : {extraKeys}),
    ...(extraPrincipals === undefined ? {} : {extraPrincipals}),
    faults,
  };
}

function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise(resolve => {
    const stop = (signal: NodeJS.Signals): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

export async function runSandboxCommand(args: string[]): Promise<number> {
  let options: SandboxOptions | 'help';
  try {
    options = sandboxOptions(args);
  } catch (error) {
    process.stderr.write(`keypol sandbox: ${error instanceof Error ? error.message : String(error)}\n`);
    process.stderr.write('Run keypol sandbox --help for the options.\n');
    return 2;
  }
  if (options === 'help') {
    process.stdout.write(HELP);
    return 0;
  }
  if (options.reset && options.stateFile === undefined) {
    // Nothing of an in-memory server to reset: the reset is for the sandbox `keypol --sandbox` keeps.
    const dir = join(stateDir(process.env), 'sandbox');
    resetSandboxDir(dir);
    process.stdout.write(`The demo account of keypol --sandbox is fresh again (${dir} was cleared).\n`);
    return 0;
  }
  const signal = untilSignal();
  const sandbox = await startSandbox(options);
  const {accessKeyId, secretAccessKey} = SANDBOX_CREDENTIALS;
  process.stdout.write(
    `endpoint: ${sandbox.endpoint}\n` +
      `try: AWS_ACCESS_KEY_ID=${accessKeyId} AWS_SECRET_ACCESS_KEY=${secretAccessKey} ` +
      `aws kms list-keys --endpoint-url ${sandbox.endpoint} --region us-east-1\n` +
      `account ${sandbox.accountId}; state ${options.stateFile ?? 'in memory'}; ` +
      'SigV4 signatures are not verified. Stop with Ctrl-C.\n',
  );
  const received = await signal;
  await sandbox.close();
  process.stderr.write(`keypol sandbox: stopped (${received})\n`);
  return 0;
}
