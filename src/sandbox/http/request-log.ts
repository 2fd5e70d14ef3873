import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Clock } from '../clock.js';

/**
 * Every API request a portal received (method, path, status, time), for tests and benchmarks to count calls,
 * 429s and errors. Requests with no valid token are kept under `unauthenticated`. Counters are exact; the list
 * keeps the most recent `capacity` requests.
 */
export type RequestRecord = { method: string; path: string; route: string; status: number; at: number; durationMs: number; correlationId: string };
export type RequestSummary = { total: number; byStatus: Record<string, number>; byRoute: Record<string, number>; requests: RequestRecord[] };

export const UNAUTHENTICATED = 'unauthenticated';

export class RequestLog {
  private readonly logs = new Map<string, RequestSummary>();
  constructor(private readonly capacity = 20_000) {}

  record(portalKey: string, r: RequestRecord): void {
    const log = this.logs.get(portalKey) ?? { total: 0, byStatus: {}, byRoute: {}, requests: [] };
    log.total++;
    log.byStatus[r.status] = (log.byStatus[r.status] ?? 0) + 1;
    const key = `${r.method} ${r.route}`;
    log.byRoute[key] = (log.byRoute[key] ?? 0) + 1;
    log.requests.push(r);
    if (log.requests.length > this.capacity) log.requests.splice(0, log.requests.length - this.capacity);
    this.logs.set(portalKey, log);
  }

  /** A copy of a portal's counters and its requests at or after `since` (epoch ms). */
  summary(portalKey: string, since = 0): RequestSummary {
    const log = this.logs.get(portalKey);
    if (!log) return { total: 0, byStatus: {}, byRoute: {}, requests: [] };
    return { total: log.total, byStatus: { ...log.byStatus }, byRoute: { ...log.byRoute }, requests: log.requests.filter((r) => r.at >= since) };
  }

  reset(portalKey: string): void { this.logs.delete(portalKey); }
}

/** Collapses ids and property names so counters group by endpoint (`/crm/v3/objects/contacts/{id}`). */
export function routeOf(path: string): string {
  return path
    .replace(/^(\/crm\/v3\/properties\/[^/]+\/groups)\/[^/]+$/, '$1/{groupName}')
    .replace(/^(\/crm\/v3\/properties\/[^/]+)\/(?!groups$)[^/]+$/, '$1/{propertyName}')
    .replace(/\/\d+(?=\/|$)/g, '/{id}');
}

/** Gives each request a correlation id (header and error bodies) and logs it when the response is sent. */
export function requestLogMiddleware(log: RequestLog, clock: Clock): RequestHandler {
  return (req, res, next) => {
    const correlationId = randomUUID();
    res.locals.correlationId = correlationId;
    res.setHeader('x-hubspot-correlation-id', correlationId);
    if (req.path.startsWith('/_sandbox')) return next();
    const at = clock.now();
    const started = performance.now();
    res.on('finish', () => {
      const portalId = res.locals.portalId as number | undefined;
      log.record(portalId === undefined ? UNAUTHENTICATED : String(portalId), {
        method: req.method, path: req.path, route: routeOf(req.path), status: res.statusCode, at,
        durationMs: Math.round((performance.now() - started) * 100) / 100, correlationId,
      });
    });
    next();
  };
}
