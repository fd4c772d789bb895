// A sandbox on 127.0.0.1 and a real gateway pointed at it, with a private state dir for
// backups and the audit log. Shared by the aws, commands and ui tests.
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {createKmsGateway} from '../../source/aws/gateway.js';
import {
  startSandbox,
  SANDBOX_CREDENTIALS,
  type Sandbox,
  type SandboxFaults,
} from '../../source/sandbox/index.js';
import type {KmsGateway} from '../../source/aws/types.js';

export interface SandboxFixture {
  sandbox: Sandbox;
  gateway: KmsGateway;
  stateDir: string;
  /** Another gateway on the same sandbox (e.g. with readOnly) sharing the state dir. */
  makeGateway(options?: GatewayChoice): KmsGateway;
  cleanup(): Promise<void>;
}

/** `accessKeyId` picks the caller from the sandbox's map (e.g. AKIASANDBOXNOIAM0000: no IAM reads). */
export interface GatewayChoice {
  readOnly?: boolean;
  region?: string;
  accessKeyId?: string;
}

export interface FixtureOptions {
  seed?: 'demo' | 'empty';
  extraKeys?: number;
  faults?: SandboxFaults;
  readOnly?: boolean;
  region?: string;
  extraPrincipals?: number;
}

export async function withSandbox(options: FixtureOptions = {}): Promise<SandboxFixture> {
  const sandbox = await startSandbox({
    ...(options.seed ? {seed: options.seed} : {}),
    ...(options.extraKeys ? {extraKeys: options.extraKeys} : {}),
    ...(options.extraPrincipals ? {extraPrincipals: options.extraPrincipals} : {}),
    ...(options.faults ? {faults: options.faults} : {}),
  });
  const stateDir = await mkdtemp(join(tmpdir(), 'keypol-state-'));
  const gateways: KmsGateway[] = [];
  const makeGateway = (more: GatewayChoice = {}): KmsGateway => {
    const gateway = createKmsGateway({
      region: more.region ?? options.region ?? 'us-east-1',
      endpoint: sandbox.endpoint,
      credentials: {
        ...SANDBOX_CREDENTIALS,
        ...(more.accessKeyId ? {accessKeyId: more.accessKeyId} : {}),
      },
      readOnly: more.readOnly ?? options.readOnly ?? false,
      sandbox: true,
      stateDir,
      // The second verification's delay: long enough to exercise it, short for the suite.
      verifyDelayMs: 20,
    });
    gateways.push(gateway);
    return gateway;
  };
  const gateway = makeGateway();
  return {
    sandbox,
    gateway,
    stateDir,
    makeGateway,
    async cleanup() {
      for (const g of gateways) g.close();
      await sandbox.close();
      await rm(stateDir, {recursive: true, force: true});
    },
  };
}

/** The sandbox log's operations (optionally only those after `from`). */
export function operations(sandbox: Sandbox, from = 0): string[] {
  return sandbox.log.slice(from).map(entry => entry.operation);
}
