import type { RequestHandler } from 'express';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { HubSpotHttpError } from './hubspot-error.js';
import { rateLimitError } from './rate-limit.js';

/**
 * Faults forced on a portal's next N API requests, for tests of retries and pauses: 429s in HubSpot's shape
 * (whatever the real window says), 5xx, or added latency. Faults queue up and are used in order.
 */
export const FaultSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('rateLimit'), count: z.number().int().positive() }),
  z.object({ kind: z.literal('serverError'), count: z.number().int().positive(), status: z.union([z.literal(500), z.literal(502), z.literal(503), z.literal(504)]).default(502) }),
  z.object({ kind: z.literal('latency'), count: z.number().int().positive(), ms: z.number().int().min(0).max(60_000) }),
]);
export type Fault = z.input<typeof FaultSchema>;
type ParsedFault = z.output<typeof FaultSchema>;

export class FaultInjector {
  private readonly queues = new Map<number, ParsedFault[]>();

  inject(portalId: number, fault: Fault): void {
    const list = this.queues.get(portalId) ?? [];
    list.push(FaultSchema.parse(fault));
    this.queues.set(portalId, list);
  }

  clear(portalId: number): void { this.queues.delete(portalId); }

  /** How many forced responses are still queued for the portal. */
  pending(portalId: number): number {
    return (this.queues.get(portalId) ?? []).reduce((n, f) => n + f.count, 0);
  }

  /** Uses up one request's worth of the first queued fault. */
  take(portalId: number): ParsedFault | undefined {
    const list = this.queues.get(portalId);
    const head = list?.[0];
    if (!list || !head) return undefined;
    head.count -= 1;
    if (head.count === 0) list.shift();
    return head;
  }
}

export function faultMiddleware(faults: FaultInjector, limitHeaders: () => Record<string, string>): RequestHandler {
  return async (_req, res, next) => {
    const fault = faults.take(res.locals.portalId as number);
    if (!fault) return next();
    if (fault.kind === 'latency') { await sleep(fault.ms); return next(); }
    if (fault.kind === 'rateLimit') return next(rateLimitError('TEN_SECONDLY_ROLLING', { ...limitHeaders(), 'X-HubSpot-RateLimit-Remaining': '0' }));
    next(new HubSpotHttpError(fault.status, { status: 'error', message: 'internal error', category: 'INTERNAL_ERROR' }));
  };
}
