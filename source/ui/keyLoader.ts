// Fills the key list in the background: DescribeKey in batches and GetKeyPolicy with bounded
// concurrency, always serving the rows on screen first (the list tells us which through
// `prioritise`). Plain TypeScript, no React: the hook useKeys turns `onUpdate` into renders.
import {setMaxListeners} from 'node:events';
import type {KeyDetails, KeySummary, KmsGateway} from '../aws/types.js';
import type {KeyInfo} from '../policy/index.js';
import {keyInfoOf} from '../aws/types.js';
import {classifyPolicy, parsePolicy} from '../policy/index.js';
import {badgeTone} from './theme.js';
import type {Badge} from './keyRows.js';

/** Keys per describeKeys call: small enough that a scroll re-prioritises quickly. */
const DESCRIBE_BATCH = 25;
/**
 * GetKeyPolicy calls in flight, as many as the gateway's DescribeKey pool: at 20 ms a request it
 * takes 20 in flight to reach KMS's 1,000/s quota (6 managed 300/s). The gateway's adaptive
 * retry slows down when KMS throttles.
 */
const POLICY_CONCURRENCY = 24;
/** After a keystroke no new request starts for this long: answers parsed on the main thread would delay the next frame. */
const INPUT_QUIET_MS = 400;

export interface LoaderProgress {
  total: number;
  described: number;
  classified: number;
  /** While ListAliases is still paging: the aliases received so far (the total is unknown). */
  aliasesLoading?: number;
}

export function badgeFor(policyText: string, key: KeyInfo): Badge {
  const parsed = parsePolicy(policyText);
  if (!parsed.ok) return {label: 'invalid JSON', tone: 'unknown'};
  const c = classifyPolicy(parsed.document, key);
  return {label: c.label, tone: badgeTone(c)};
}

const sameList = (a: readonly string[], b: readonly string[]) =>
  a === b || (a.length === b.length && a.every((item, i) => item === b[i]));

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export class KeyLoader {
  readonly details = new Map<string, KeyDetails>();
  readonly badges = new Map<string, Badge>();
  /** Keys whose DescribeKey failed, with the gateway's sentence. */
  readonly failures = new Map<string, string>();
  private readonly abort = new AbortController();
  private readonly ids: string[];
  private priority: string[] = [];
  private describeCursor = 0;
  private policyQueue: string[] = [];
  private policyCursor = 0;
  private readonly policyQueued = new Set<string>();
  private wake: (() => void) | undefined;
  private quietUntil = 0;

  constructor(
    private readonly gateway: KmsGateway,
    ids: readonly string[],
    private readonly onUpdate: () => void,
  ) {
    this.ids = [...ids];
    // Every request in flight listens on this one signal; Node would warn (onto the operator's
    // screen) past 10 listeners.
    setMaxListeners(256, this.abort.signal);
  }

  start(): void {
    void this.describeLoop();
    for (let i = 0; i < POLICY_CONCURRENCY; i++) void this.policyWorker();
  }

  stop(): void {
    this.abort.abort();
    this.wakeWorkers();
  }

  get progress(): LoaderProgress {
    // A key whose DescribeKey failed never gets a badge; count it as done for both.
    const failed = this.failures.size;
    return {
      total: this.ids.length,
      described: this.details.size + failed,
      classified: this.badges.size + failed,
    };
  }

  /** The ids on screen now; they jump every queue. */
  prioritise(ids: readonly string[]): void {
    this.priority = [...ids];
    this.wakeWorkers();
  }

  /** The operator is typing: hold back new requests for a moment so frames come first. */
  yieldToInput(): void {
    this.quietUntil = Date.now() + INPUT_QUIET_MS;
  }

  private async quiet(): Promise<void> {
    for (let wait = this.quietUntil - Date.now(); wait > 0; wait = this.quietUntil - Date.now()) {
      await new Promise(resolve => setTimeout(resolve, wait));
    }
  }

  /**
   * The key's details with the list's aliases. The list's are authoritative: DescribeKey may have
   * answered before ListAliases reached the key's page. The corrected object replaces the stored
   * one, so it stays the same object (and the row cached) until something changes again.
   */
  detailsFor(summary: KeySummary): KeyDetails | undefined {
    const details = this.details.get(summary.keyId);
    if (!details || sameList(details.aliases, summary.aliases)) return details;
    const aligned = {...details, aliases: summary.aliases};
    this.details.set(summary.keyId, aligned);
    return aligned;
  }

  /** After a change from the detail screen: take new details and classify the policy again. */
  refresh(keyId: string, details?: KeyDetails): void {
    if (details) this.details.set(keyId, details);
    this.badges.delete(keyId);
    this.enqueuePolicy(keyId);
    this.onUpdate();
  }

  private nextToDescribe(): string[] {
    const batch = this.priority.filter(id => !this.details.has(id) && !this.failures.has(id));
    while (batch.length < DESCRIBE_BATCH && this.describeCursor < this.ids.length) {
      const id = this.ids[this.describeCursor++]!;
      if (!this.details.has(id) && !this.failures.has(id) && !batch.includes(id)) batch.push(id);
    }
    return batch.slice(0, DESCRIBE_BATCH);
  }

  private async describeLoop(): Promise<void> {
    const {signal} = this.abort;
    while (!signal.aborted) {
      // Pick the batch after the pause: the rows on screen may have changed meanwhile.
      await this.quiet();
      const batch = this.nextToDescribe();
      if (batch.length === 0 || signal.aborted) return;
      let error: string | undefined;
      try {
        await this.gateway.describeKeys(batch, details => this.takeDetails(details), {
          signal,
          onError: (keyId, e) => this.failures.set(keyId, e.message),
        });
      } catch (e) {
        error = messageOf(e);
      }
      if (signal.aborted) return;
      // A key the gateway skipped or failed on is recorded, so the loop never spins on it.
      for (const id of batch) {
        if (!this.details.has(id))
          this.failures.set(id, error ?? 'DescribeKey returned nothing for this key.');
      }
      this.onUpdate();
    }
  }

  private takeDetails(details: KeyDetails): void {
    if (this.abort.signal.aborted) return;
    this.details.set(details.keyId, details);
    if (details.keyManager === 'AWS') {
      // AWS managed keys are read-only and their policy is AWS's: no need to fetch it for a badge.
      this.badges.set(details.keyId, {label: 'AWS managed', tone: 'awsManaged'});
    } else {
      this.enqueuePolicy(details.keyId);
    }
    this.onUpdate();
  }

  private enqueuePolicy(keyId: string): void {
    if (this.policyQueued.has(keyId)) return;
    this.policyQueued.add(keyId);
    this.policyQueue.push(keyId);
    this.wakeWorkers();
  }

  private nextPolicy(): string | undefined {
    const visible = this.priority.find(id => this.policyQueued.has(id));
    if (visible !== undefined) {
      this.policyQueued.delete(visible);
      return visible;
    }
    while (this.policyCursor < this.policyQueue.length) {
      const id = this.policyQueue[this.policyCursor++]!;
      if (this.policyQueued.delete(id)) return id;
    }
    // Compact once the queue is drained, so a long session does not keep every id twice.
    this.policyQueue = [];
    this.policyCursor = 0;
    return undefined;
  }

  private wakeWorkers(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  private async policyWorker(): Promise<void> {
    const {signal} = this.abort;
    while (!signal.aborted) {
      const keyId = this.nextPolicy();
      if (keyId === undefined) {
        // Idle until details arrive, the visible rows change, refresh() or stop().
        await new Promise<void>(resolve => {
          const previous = this.wake;
          this.wake = () => {
            previous?.();
            resolve();
          };
        });
        continue;
      }
      const details = this.details.get(keyId);
      if (!details) continue;
      await this.quiet();
      try {
        const snapshot = await this.gateway.getPolicy(keyId, {signal});
        if (signal.aborted) return;
        this.badges.set(keyId, badgeFor(snapshot.text, keyInfoOf(details)));
      } catch (e) {
        if (signal.aborted) return;
        this.badges.set(keyId, {label: 'unreadable', tone: 'unknown', error: messageOf(e)});
      }
      this.onUpdate();
    }
  }
}
