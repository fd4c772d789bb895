// The sandbox: a local KMS-compatible HTTP server with a seeded demo account. Used in-process by
// `keypol --sandbox` and the tests, and standalone by `keypol sandbox`.
import {appendFileSync} from 'node:fs';
import {createServer} from 'node:http';
import type {AddressInfo} from 'node:net';
import {FaultInjector, type SandboxFaults} from './faults.js';
import {seedDemoPrincipals, seedGeneratedPrincipals} from './iam/seed.js';
import {SANDBOX_ACCOUNT} from './identity.js';
import {loadState, saveState} from './persistence.js';
import {seedDemo} from './seed/demo.js';
import {seedGenerated} from './seed/generated.js';
import {createHandler, type RequestLogEntry} from './server.js';
import {SandboxState} from './state.js';

export type {SandboxFaults} from './faults.js';
export type {RequestLogEntry} from './server.js';
export {
  IAM_DENIED_CALLERS,
  MUTATING_OPERATIONS,
  SANDBOX_ACCOUNT,
  SANDBOX_CALLERS,
  SANDBOX_CREDENTIALS,
} from './identity.js';
export {DELETED_PRINCIPAL_IDS} from './iam/seed.js';

export interface SandboxOptions {
  /** Default 127.0.0.1: the sandbox is not meant to be reachable from other machines. */
  host?: string;
  /** Default 0: any free port. */
  port?: number;
  seed?: 'demo' | 'empty';
  /** Extra generated keys in us-east-1 (alias/gen/NNNNN). */
  extraKeys?: number;
  /** Extra generated IAM roles and users (scale work for the principal picker). */
  extraPrincipals?: number;
  /** Persist every change here; when the file exists, its state is loaded instead of seeding. */
  stateFile?: string;
  /** Seed afresh even when `stateFile` exists (`--reset`): the demo account as it was at first. */
  reset?: boolean;
  faults?: SandboxFaults;
  /** Append every request log entry to this file as a JSON line (for tests of a --sandbox run). */
  requestLogFile?: string;
}

export interface Sandbox {
  endpoint: string;
  accountId: string;
  /** Every request answered, in order (operation, key, caller, status, error name). */
  log: RequestLogEntry[];
  /** When the state was first changed since it was seeded (ISO), or undefined while it is fresh. */
  readonly changedAt: string | undefined;
  close(): Promise<void>;
}

function seededState(options: SandboxOptions): SandboxState {
  const state = new SandboxState(SANDBOX_ACCOUNT);
  const now = Date.now() / 1000;
  if ((options.seed ?? 'demo') === 'demo') seedDemo(state, now);
  if (options.extraKeys) seedGenerated(state, options.extraKeys, now);
  // Both seeds have the account's principals: "empty" means no keys, not no IAM.
  seedDemoPrincipals(state);
  if (options.extraPrincipals) seedGeneratedPrincipals(state, options.extraPrincipals);
  return state;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const {stateFile} = options;
  const loaded = stateFile === undefined || options.reset ? undefined : loadState(stateFile);
  const state = loaded ?? seededState(options);
  if (!loaded && stateFile !== undefined) saveState(stateFile, state);
  // Every change marks the state as no longer the seeded demo (the TUI's header says so).
  const persist = () => {
    state.changedAt ??= new Date().toISOString();
    if (stateFile !== undefined) saveState(stateFile, state);
  };
  const log: RequestLogEntry[] = [];
  const {requestLogFile} = options;
  const onLog =
    requestLogFile === undefined
      ? undefined
      : (entry: RequestLogEntry) => appendFileSync(requestLogFile, JSON.stringify(entry) + '\n');
  const server = createServer(
    createHandler({
      state,
      faults: new FaultInjector(options.faults),
      log,
      persist,
      ...(onLog ? {onLog} : {}),
    }),
  );
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const {port} = server.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    endpoint: `http://${shownHost}:${port}`,
    accountId: state.accountId,
    log,
    get changedAt() {
      return state.changedAt;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close(error => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
