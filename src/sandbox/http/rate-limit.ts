import type { RequestHandler } from 'express';
import type { Clock } from '../clock.js';
import { HubSpotHttpError } from './hubspot-error.js';

/**
 * HubSpot's per-account limits for an installed marketplace app: 110 requests in any rolling 10 s (headers
 * `X-HubSpot-RateLimit-Max|Remaining|Interval-Milliseconds` on every response), and CRM search on its own
 * budget of 5 requests/s, exempt from the 10 s one (the spec collection marks search
 * `x-hubspot-rate-limit-exemptions: ["ten-secondly"]`) and answered without rate-limit headers.
 * Rejected requests do not use up the window.
 */
export type Limit = { max: number; intervalMs: number };

export class SlidingWindow {
  private readonly hits = new Map<number, number[]>();
  constructor(public limit: Limit) {}

  /** Counts one request for the portal when there is room; `remaining` is what is left after it. */
  take(portalId: number, now: number): { allowed: boolean; remaining: number } {
    const list = this.hits.get(portalId) ?? [];
    while (list.length && list[0]! <= now - this.limit.intervalMs) list.shift();
    if (list.length >= this.limit.max) { this.hits.set(portalId, list); return { allowed: false, remaining: 0 }; }
    list.push(now);
    this.hits.set(portalId, list);
    return { allowed: true, remaining: this.limit.max - list.length };
  }

  reset(portalId?: number): void {
    if (portalId === undefined) this.hits.clear(); else this.hits.delete(portalId);
  }
}

const isSearch = (method: string, path: string): boolean => method === 'POST' && /^\/crm\/v3\/objects\/[^/]+\/search$/.test(path);

/** A HubSpot 429 for the given policy, with the headers the ten-secondly policy carries. */
export function rateLimitError(policyName: 'TEN_SECONDLY_ROLLING' | 'SECONDLY', headers: Record<string, string> = {}): HubSpotHttpError {
  const message = policyName === 'SECONDLY' ? 'You have reached your secondly limit.' : 'You have reached your ten_secondly_rolling limit.';
  return new HubSpotHttpError(429, { status: 'error', message, errorType: 'RATE_LIMIT', policyName }, headers);
}

/** Applies the limits to authenticated requests (runs after the auth middleware has set `portalId`). */
export function rateLimitMiddleware(tenSecondly: SlidingWindow, search: SlidingWindow, clock: Clock): RequestHandler {
  return (req, res, next) => {
    const portalId = res.locals.portalId as number;
    const now = clock.now();
    if (isSearch(req.method, req.path)) {
      return search.take(portalId, now).allowed ? next() : next(rateLimitError('SECONDLY'));
    }
    const { allowed, remaining } = tenSecondly.take(portalId, now);
    const headers = {
      'X-HubSpot-RateLimit-Max': String(tenSecondly.limit.max),
      'X-HubSpot-RateLimit-Remaining': String(remaining),
      'X-HubSpot-RateLimit-Interval-Milliseconds': String(tenSecondly.limit.intervalMs),
    };
    if (!allowed) return next(rateLimitError('TEN_SECONDLY_ROLLING', headers));
    res.set(headers);
    next();
  };
}
