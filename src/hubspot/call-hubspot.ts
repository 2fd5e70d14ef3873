import type { Client } from '@hubspot/api-client';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { hubspotCalls } from '../observability/metrics.js';
import { classifyFailure } from './classify.js';
import { createHubSpotClient, observeResponses, type ObservedResponse, type SdkCallOptions } from './client-factory.js';
import { HubSpotRejectedError, HubSpotUnavailableError, RateLimitedError } from './errors.js';
import type { RateLimiter, RequestKind } from './rate-limiter.js';
import type { TokenManager } from './token-manager.js';

/** One HubSpot HTTP call as seen by the `onCall` hook (the pipeline's tests and metrics count these). */
export interface HubSpotCallEvent {
  portalId: number;
  operation: string;
  kind: RequestKind;
  /** 'ok', or the failure's classification. */
  outcome: 'ok' | 'retry' | 'rate-limited' | 'refresh-token' | 'give-up' | 'uninstalled';
  status?: number;
  durationMs: number;
}

export interface CallerDeps {
  config: Config;
  logger: Logger;
  limiter: RateLimiter;
  tokens: TokenManager;
  clock: () => number;
  /** Longest the limiter may make a call wait before it throws RateLimitedError instead. */
  maxWaitMs: number;
  onCall?: (e: HubSpotCallEvent) => void;
}

/** `fn` makes exactly one SDK call and passes `opts` as that call's last (options) argument. */
export type CallHubSpot = <T>(
  portalId: number,
  operation: string,
  kind: RequestKind,
  fn: (client: Client, opts: SdkCallOptions) => Promise<T>,
) => Promise<T>;

/** The metric's outcome label: a closed set (ok, 429, 4xx, 5xx, network), whatever HubSpot answers. */
function outcomeLabel(e: Pick<HubSpotCallEvent, 'outcome' | 'status'>): string {
  if (e.outcome === 'ok') return 'ok';
  if (e.status === 429) return '429';
  if (e.status !== undefined && e.status >= 400 && e.status < 500) return '4xx';
  if (e.status !== undefined && e.status >= 500) return '5xx';
  return 'network';
}

/** Counts the call (operations are the gateway's fixed names: a bounded label) and tells the hook. */
function reportCall(deps: Pick<CallerDeps, 'onCall'>, e: HubSpotCallEvent): void {
  hubspotCalls.inc({ call: e.operation, outcome: outcomeLabel(e) });
  deps.onCall?.(e);
}

/** Rejects after `ms`; the SDK has no timeout of its own. The late result, if any, is dropped. */
function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new HubSpotUnavailableError(`${what} timed out after ${ms} ms`, { operation: what })), ms);
  });
  p.catch(() => undefined);
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/**
 * The path of every CRM call: take a slot from the portal's budget → get a valid token → call the SDK →
 * classify a failure. A 401 refreshes the token and retries once; a 429 pauses the portal and throws
 * RateLimitedError(retryAt); anything else becomes a coded error. There is no retry loop here: BullMQ's
 * attempts are the one retry layer (STYLE.md §6).
 */
export function createCaller(deps: CallerDeps): CallHubSpot {
  const { config, logger, limiter, tokens, clock } = deps;
  return async function call<T>(
    portalId: number,
    operation: string,
    kind: RequestKind,
    fn: (client: Client, opts: SdkCallOptions) => Promise<T>,
  ): Promise<T> {
    let rejected: string | undefined;
    for (let attempt = 0; ; attempt++) {
      // The token first, then the budget slot: the request leaves right after its grant (a search spaced 222 ms
      // from the previous one must also reach HubSpot about 222 ms after it). Tokens are refreshed minutes
      // before they expire, far longer than the longest budget wait.
      const token = await tokens.getAccessToken(portalId, rejected === undefined ? {} : { rejected });
      await limiter.acquire(portalId, kind, { maxWaitMs: deps.maxWaitMs });
      const started = clock();
      let response: ObservedResponse | undefined;
      try {
        const opts = observeResponses((r) => (response = r));
        const result = await withTimeout(fn(createHubSpotClient(config, token), opts), config.HUBSPOT_REQUEST_TIMEOUT_MS, operation);
        reportCall(deps, { portalId, operation, kind, outcome: 'ok', durationMs: clock() - started });
        return result;
      } catch (err) {
        const c = classifyFailure(err, { now: clock(), search: kind === 'search', response });
        reportCall(deps, { portalId, operation, kind, outcome: c.kind, status: c.status, durationMs: clock() - started });
        const details = { portalId, operation, status: c.status, correlationId: c.correlationId };
        if (c.kind === 'refresh-token' && attempt === 0) {
          rejected = token;
          continue;
        }
        if (c.kind === 'rate-limited') {
          const retryAt = await limiter.pause(portalId, c.retryAfterMs);
          logger.warn({ ...details, retryAt }, 'HubSpot answered 429: portal paused');
          throw new RateLimitedError(retryAt, details, { cause: err });
        }
        if (c.kind === 'retry') {
          logger.warn({ ...details, reason: c.reason }, 'HubSpot call failed (transient)');
          throw new HubSpotUnavailableError(`${operation} failed: ${c.reason}`, details, { cause: err });
        }
        if (c.kind === 'uninstalled') throw err;
        const why = c.kind === 'refresh-token' ? 'still 401 with a freshly refreshed token (scopes revoked?)' : c.reason;
        logger.error({ ...details, category: c.category }, `HubSpot refused ${operation}: ${why}`);
        throw new HubSpotRejectedError(`${operation} refused by HubSpot: ${why}`, { ...details, category: c.category }, { cause: err });
      }
    }
  };
}
