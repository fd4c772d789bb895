// The HTTP side: one node:http handler answers KMS (AWS JSON 1.1, `X-Amz-Target: TrentService.*`),
// STS GetCallerIdentity (awsQuery form POST, or JSON 1.0) and IAM (awsQuery form POST told apart
// from STS by the SigV4 service name "iam" or the form's Version=2010-05-08), applies fault
// injection, and records every request in the log.
import type {IncomingMessage, ServerResponse} from 'node:http';
import {randomUUID} from 'node:crypto';
import {KmsError} from './errors.js';
import type {FaultInjector} from './faults.js';
import {runIam} from './iam/operations.js';
import {IAM_VERSION, iamError, iamResponse, iamStatus} from './iam/xml.js';
import {callContext, IAM_DENIED_CALLERS, MUTATING_OPERATIONS} from './identity.js';
import type {OperationContext, Params} from './operations/context.js';
import {OPERATIONS} from './router.js';
import {keyArn, type SandboxState} from './state.js';
import {queryError, queryResponse, stsOperation} from './sts.js';

export interface RequestLogEntry {
  time: string;
  operation: string;
  keyId?: string;
  region: string;
  caller: string;
  status: number;
  error?: string;
  /** Applied, then answered by resetting the connection (fault injection). */
  reset?: boolean;
}

export interface ServerDeps {
  state: SandboxState;
  faults: FaultInjector;
  log: RequestLogEntry[];
  /** Called after every successful state change (`--state FILE`). */
  persist?: () => void;
  /** Called with every log entry as it is recorded (`requestLogFile`). */
  onLog?: (entry: RequestLogEntry) => void;
}

type Protocol = 'kms' | 'sts-query' | 'sts-json' | 'iam';

const KMS_PREFIX = 'TrentService.';
const STS_PREFIX = 'AWSSecurityTokenServiceV20110615.';
const MAX_BODY = 1 << 20;
const MAX_LOG = 100_000;
const CONTENT_TYPE: Record<Protocol, string> = {
  kms: 'application/x-amz-json-1.1',
  'sts-json': 'application/x-amz-json-1.0',
  'sts-query': 'text/xml',
  iam: 'text/xml',
};

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY) chunks.push(chunk);
    });
    req.on('end', () =>
      size > MAX_BODY
        ? reject(new KmsError('ValidationException', 'Request body is larger than 1 MiB'))
        : resolve(Buffer.concat(chunks).toString('utf8')),
    );
    req.on('error', reject);
  });
}

function classify(req: IncomingMessage): {protocol: Protocol; operation: string} {
  const target = String(req.headers['x-amz-target'] ?? '');
  if (target.startsWith(STS_PREFIX))
    return {protocol: 'sts-json', operation: target.slice(STS_PREFIX.length)};
  if (!target && String(req.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded')) {
    return {protocol: 'sts-query', operation: ''}; // the operation is the form's Action
  }
  return {
    protocol: 'kms',
    operation: target.startsWith(KMS_PREFIX) ? target.slice(KMS_PREFIX.length) : target,
  };
}

function parseJson(body: string): Params {
  if (body.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    throw new KmsError('SerializationException', 'Start of structure or map found where not expected.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new KmsError('SerializationException', 'Request body must be a JSON object');
  }
  return value as Params;
}

export function createHandler(deps: ServerDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    void handle(deps, req, res);
  };
}

/** Runs a KMS operation; `seen.keyId` names the key the request concerned, even when it fails. */
function runKms(
  deps: ServerDeps,
  call: {operation: string; raw: string; region: string; caller: string},
  seen: {keyId?: string},
): string {
  // An own-property lookup: "constructor" or "toString" in X-Amz-Target is not an operation.
  const handler = Object.hasOwn(OPERATIONS, call.operation) ? OPERATIONS[call.operation] : undefined;
  if (!handler) throw new KmsError('UnknownOperationException', `Unknown operation ${call.operation}`);
  const params = parseJson(call.raw);
  if (typeof params.KeyId === 'string') seen.keyId = params.KeyId;
  const resource =
    seen.keyId === undefined || seen.keyId.startsWith('arn:')
      ? (seen.keyId ?? '*')
      : keyArn(call.region, deps.state.accountId, seen.keyId);
  deps.faults.check(call.operation, call.region, call.caller, resource);
  const ctx: OperationContext = {
    state: deps.state,
    regionName: call.region,
    region: deps.state.region(call.region),
    accountId: deps.state.accountId,
    caller: call.caller,
    now: Date.now() / 1000,
  };
  let result: Record<string, unknown> | undefined;
  try {
    result = handler(ctx, params);
  } finally {
    if (ctx.keyId !== undefined) seen.keyId = ctx.keyId;
  }
  if (MUTATING_OPERATIONS.has(call.operation)) deps.persist?.();
  return result === undefined ? '' : JSON.stringify(result);
}

async function handle(deps: ServerDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const requestId = randomUUID();
  const {region, caller, service} = callContext(req.headers.authorization);
  const classified = classify(req);
  let {protocol, operation} = classified;
  const seen: {keyId?: string} = {};
  let status = 200;
  let body: string;
  let errorName: string | undefined;
  let reset = false;
  try {
    // Read (drain) the body first, whatever the method: an unread body left on a kept-alive
    // connection would be parsed as the next request and the client would see it hang up.
    const raw = await readBody(req);
    if (req.method !== 'POST') {
      throw new KmsError('UnknownOperationException', 'The sandbox answers POST requests to / only');
    }
    await deps.faults.delay();
    const form = protocol === 'sts-query' ? new URLSearchParams(raw) : undefined;
    if (form) {
      operation = form.get('Action') ?? '';
      if (service === 'iam' || form.get('Version') === IAM_VERSION) protocol = 'iam';
    }
    if (protocol === 'kms') {
      body = runKms(deps, {operation, raw, region, caller}, seen);
      reset = deps.faults.resetAfterApply(operation);
    } else if (protocol === 'iam' && form) {
      deps.faults.check(operation, region);
      const result = runIam(operation, {state: deps.state, caller, params: form}, IAM_DENIED_CALLERS);
      body = iamResponse(operation, result, requestId);
    } else {
      deps.faults.check(operation, region);
      const result = stsOperation(operation, caller);
      body = protocol === 'sts-query' ? queryResponse(operation, result, requestId) : JSON.stringify(result);
    }
  } catch (caught) {
    const error =
      caught instanceof KmsError
        ? caught
        : new KmsError('KMSInternalException', caught instanceof Error ? caught.message : String(caught));
    status = protocol === 'iam' ? iamStatus(error) : error.status;
    errorName = error.type;
    body =
      protocol === 'iam'
        ? iamError(error, requestId)
        : protocol === 'sts-query'
          ? queryError(error, requestId)
          : JSON.stringify({__type: error.type, message: error.message});
  }
  const entry: RequestLogEntry = {
    time: new Date().toISOString(),
    operation,
    ...(seen.keyId === undefined ? {} : {keyId: seen.keyId}),
    region,
    caller,
    status,
    ...(errorName === undefined ? {} : {error: errorName}),
    ...(reset ? {reset: true} : {}),
  };
  deps.log.push(entry);
  if (deps.log.length > MAX_LOG) deps.log.splice(0, deps.log.length - MAX_LOG);
  deps.onLog?.(entry);
  if (reset) {
    req.socket.destroy();
    return;
  }
  res.writeHead(status, {
    'content-type': CONTENT_TYPE[protocol],
    'content-length': Buffer.byteLength(body),
    'x-amzn-RequestId': requestId,
  });
  res.end(body);
}
