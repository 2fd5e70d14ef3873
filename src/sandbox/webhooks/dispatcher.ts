import type { CrmChange } from '../crm/changes.js';
import type { AppRegistry } from '../oauth/apps.js';
import { postBatch, type AttemptResult } from './deliver.js';
import { matchingSubscriptions, toEvent, type WebhookEvent } from './events.js';

/**
 * Delivers webhook events as HubSpot does: per app, events collect for `batchDelayMs` (or until 100 are
 * waiting) and go out as JSON arrays of ≤ 100, at most `maxConcurrentRequests` at a time; a batch that fails
 * (non-2xx, network error, timeout) is sent again after an exponential backoff with `attemptNumber` raised,
 * up to `maxAttempts` attempts in all (HubSpot: 10 over about a day; tests shrink the delays).
 */
export type WebhookOptions = { batchSize: number; batchDelayMs: number; timeoutMs: number; maxAttempts: number; retryBaseMs: number; retryMaxMs: number };
export const DEFAULT_WEBHOOK_OPTIONS: WebhookOptions = { batchSize: 100, batchDelayMs: 100, timeoutMs: 5_000, maxAttempts: 10, retryBaseMs: 1_000, retryMaxMs: 3_600_000 };

export type DeliveryRecord = AttemptResult & { appId: number; url: string; attemptNumber: number; size: number; at: number; eventIds: number[] };
export type WebhookStats = { enqueued: number; delivered: number; dropped: number; failedAttempts: number; batches: number; pending: number };

type AppState = { buffer: WebhookEvent[]; ready: WebhookEvent[][]; inFlight: number; timer?: NodeJS.Timeout };

export class WebhookDispatcher {
  private readonly states = new Map<number, AppState>();
  private readonly retryTimers = new Set<NodeJS.Timeout>();
  private readonly waiters: (() => void)[] = [];
  private readonly log: DeliveryRecord[] = [];
  private readonly counts = { enqueued: 0, delivered: 0, dropped: 0, failedAttempts: 0, batches: 0 };
  private pendingEvents = 0;
  private nextEventId = 100;
  private closed = false;

  constructor(private readonly apps: AppRegistry, readonly options: WebhookOptions = DEFAULT_WEBHOOK_OPTIONS) {}

  /** Queues the events a change triggers for every app installed in its portal. */
  enqueue(change: CrmChange): void {
    if (this.closed) return;
    for (const app of this.apps.installedApps(change.portalId)) {
      if (!app.webhooks) continue;
      const subs = matchingSubscriptions(app, change);
      if (subs.length === 0) continue;
      const state = this.state(app.appId);
      for (const sub of subs) state.buffer.push(toEvent(change, app, sub, this.nextEventId++));
      this.pendingEvents += subs.length;
      this.counts.enqueued += subs.length;
      if (state.buffer.length >= this.options.batchSize) this.flush(app.appId);
      else state.timer ??= setTimeout(() => this.flush(app.appId), this.options.batchDelayMs);
    }
  }

  /** Sends everything queued now and resolves once nothing is queued, in flight or waiting for a retry. */
  async drain(timeoutMs = 30_000): Promise<void> {
    for (const appId of this.states.keys()) this.flush(appId);
    if (this.pendingEvents === 0) return;
    let timer: NodeJS.Timeout | undefined;
    const idle = new Promise<void>((resolve) => this.waiters.push(resolve));
    const limit = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`webhooks not drained after ${timeoutMs} ms (${this.pendingEvents} events pending)`)), timeoutMs);
    });
    try { await Promise.race([idle, limit]); } finally { clearTimeout(timer); }
  }

  stats(): WebhookStats { return { ...this.counts, pending: this.pendingEvents }; }

  /** The most recent delivery attempts (newest last). */
  deliveries(): DeliveryRecord[] { return [...this.log]; }

  close(): void {
    this.closed = true;
    for (const s of this.states.values()) clearTimeout(s.timer);
    for (const t of this.retryTimers) clearTimeout(t);
    this.retryTimers.clear();
    this.pendingEvents = 0;
    this.wake();
  }

  private state(appId: number): AppState {
    let s = this.states.get(appId);
    if (!s) { s = { buffer: [], ready: [], inFlight: 0 }; this.states.set(appId, s); }
    return s;
  }

  private flush(appId: number): void {
    const s = this.state(appId);
    clearTimeout(s.timer);
    s.timer = undefined;
    while (s.buffer.length) s.ready.push(s.buffer.splice(0, this.options.batchSize));
    this.pump(appId);
  }

  private pump(appId: number): void {
    const s = this.state(appId);
    const app = this.apps.byAppId(appId);
    const max = app?.webhooks?.maxConcurrentRequests ?? 1;
    while (!this.closed && s.ready.length && s.inFlight < max) void this.send(appId, s, s.ready.shift()!);
  }

  private async send(appId: number, s: AppState, batch: WebhookEvent[]): Promise<void> {
    const app = this.apps.byAppId(appId);
    if (!app?.webhooks) return this.settle(batch.length, 'dropped');
    s.inFlight++;
    this.counts.batches++;
    const url = app.webhooks.targetUrl;
    const result = await postBatch({ url, secret: app.clientSecret, events: batch, timeoutMs: this.options.timeoutMs });
    s.inFlight--;
    if (this.closed) return;
    this.record({ ...result, appId, url, attemptNumber: batch[0]!.attemptNumber, size: batch.length, at: Date.now(), eventIds: batch.map((e) => e.eventId) });
    if (result.ok) this.settle(batch.length, 'delivered');
    else this.retry(appId, s, batch);
    this.pump(appId);
  }

  private retry(appId: number, s: AppState, batch: WebhookEvent[]): void {
    this.counts.failedAttempts++;
    const attempt = batch[0]!.attemptNumber;
    if (this.closed || attempt + 1 >= this.options.maxAttempts) return this.settle(batch.length, 'dropped');
    const delay = Math.min(this.options.retryMaxMs, this.options.retryBaseMs * 2 ** attempt);
    const timer = setTimeout(() => {
      this.retryTimers.delete(timer);
      s.ready.push(batch.map((e) => ({ ...e, attemptNumber: attempt + 1 })));
      this.pump(appId);
    }, delay);
    this.retryTimers.add(timer);
  }

  private settle(n: number, outcome: 'delivered' | 'dropped'): void {
    this.counts[outcome] += n;
    this.pendingEvents -= n;
    if (this.pendingEvents <= 0) this.wake();
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  private record(r: DeliveryRecord): void {
    this.log.push(r);
    if (this.log.length > 1000) this.log.shift();
  }
}
