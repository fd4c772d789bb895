// Fault injection for training and resilience tests: a delay on every answer, per-operation
// request quotas like KMS's (token buckets, per Region), a fraction of internal errors,
// connections cut after a request was applied (the answer lost on the way back), and
// operations denied outright.
import {accessDenied, KmsError} from './errors.js';

export interface SandboxFaults {
  latencyMs?: number;
  /** Operation name (or '*' for every operation) → requests per second. */
  throttle?: Record<string, number>;
  /** Fraction (0–1) of requests answered with KMSInternalException (HTTP 500). */
  failRate?: number;
  /**
   * Operation name (or '*') → how many of its requests are applied and then answered by
   * resetting the connection: the client sees ECONNRESET although the change was made.
   */
  resetAfterApply?: Record<string, number>;
  /** Operations answered with AccessDeniedException, as if an IAM policy denied them to every caller. */
  deny?: string[];
}

interface Bucket {
  tokens: number;
  last: number;
}

export class FaultInjector {
  private readonly buckets = new Map<string, Bucket>();
  private readonly resetsLeft: Map<string, number>;

  constructor(
    private readonly faults: SandboxFaults = {},
    private readonly random: () => number = Math.random,
  ) {
    this.resetsLeft = new Map(Object.entries(faults.resetAfterApply ?? {}));
  }

  /** True when this applied request's answer must be lost (the connection reset instead). */
  resetAfterApply(operation: string): boolean {
    const name = this.resetsLeft.has(operation) ? operation : '*';
    const left = this.resetsLeft.get(name) ?? 0;
    if (left <= 0) return false;
    this.resetsLeft.set(name, left - 1);
    return true;
  }

  async delay(): Promise<void> {
    const ms = this.faults.latencyMs ?? 0;
    if (ms > 0) await new Promise(resolve => setTimeout(resolve, ms));
  }

  /** Throws the error KMS would answer with, or returns when the request may proceed. */
  check(operation: string, region: string, caller = 'the caller', resource = '*'): void {
    if (this.faults.deny?.includes(operation)) throw accessDenied(caller, operation, resource);
    const rate = this.faults.throttle?.[operation] ?? this.faults.throttle?.['*'];
    if (rate !== undefined && !this.take(`${region}:${operation}`, rate)) {
      throw new KmsError('ThrottlingException', 'Rate exceeded');
    }
    const failRate = this.faults.failRate ?? 0;
    if (failRate > 0 && this.random() < failRate) {
      throw new KmsError(
        'KMSInternalException',
        'The request processing has failed because of an unknown error, exception or failure. (sandbox --fail-rate)',
      );
    }
  }

  private take(id: string, rate: number): boolean {
    const now = performance.now();
    const capacity = Math.max(1, rate);
    const bucket = this.buckets.get(id) ?? {tokens: capacity, last: now};
    bucket.tokens = Math.min(capacity, bucket.tokens + ((now - bucket.last) / 1000) * rate);
    bucket.last = now;
    this.buckets.set(id, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }
}
