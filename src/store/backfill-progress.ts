import type { RedisClient } from './redis-client.js';
import { z } from 'zod';
import type { AppKeys } from './keys.js';
import { checkExec } from './lua.js';

/**
 * Progress of a portal's backfill (after install) or rescore (after a publish): where the listing got to
 * (`cursor`, HubSpot's `paging.next.after`) and what was done, updated after each page in one transaction, so a
 * crashed job resumes at the next page and anyone (CLI, settings page, demo) can read how far it got.
 */
export type ProgressKind = 'backfill' | 'rescore';

export const ProgressSchema = z.object({
  kind: z.enum(['backfill', 'rescore']),
  status: z.enum(['running', 'done', 'failed']),
  /** For a rescore: the model and version being applied. */
  modelId: z.string().optional(),
  version: z.coerce.number().int().optional(),
  /** Where the next page starts; absent on the first page. */
  cursor: z.string().optional(),
  pages: z.coerce.number().int(),
  /** Contacts listed, scored (in scope for at least one model), and written (output changed). */
  seen: z.coerce.number().int(),
  scored: z.coerce.number().int(),
  written: z.coerce.number().int(),
  startedAt: z.coerce.number(),
  updatedAt: z.coerce.number(),
  finishedAt: z.coerce.number().optional(),
  error: z.string().optional(),
  /**
   * What the run read: `history` (the engagement properties' history, recorded in the ledgers) or `current`
   * (current values only, through CRM search: the published models needed no history). Absent: history (runs
   * recorded before there was a choice). Decided on the first page and kept, so a resumed run reads alike.
   */
  reads: z.enum(['history', 'current']).optional(),
});
export type Progress = z.infer<typeof ProgressSchema>;

export type PageDone = { cursor: string | null; seen: number; scored: number; written: number };

export function createProgressStore(deps: { redis: RedisClient; keys: AppKeys; clock?: () => number }) {
  const { redis, keys } = deps;
  const clock = deps.clock ?? Date.now;
  const key = (portalId: number, kind: ProgressKind) => keys.portal(portalId)[kind];

  return {
    async get(portalId: number, kind: ProgressKind): Promise<Progress | null> {
      const raw = await redis.hgetall(key(portalId, kind));
      return Object.keys(raw).length ? ProgressSchema.parse(raw) : null;
    },

    /** Starts over (a new install, a new version published). */
    async start(portalId: number, kind: ProgressKind, meta: { modelId?: string; version?: number } = {}): Promise<Progress> {
      const now = clock();
      const p: Progress = { kind, status: 'running', pages: 0, seen: 0, scored: 0, written: 0, startedAt: now, updatedAt: now, ...meta };
      const fields = Object.fromEntries(Object.entries(p).map(([k, v]) => [k, String(v)]));
      checkExec(await redis.multi().del(key(portalId, kind)).hset(key(portalId, kind), fields).exec());
      return p;
    },

    /** Records a finished page: counts grow, the cursor moves (or is removed after the last page). */
    async pageDone(portalId: number, kind: ProgressKind, page: PageDone): Promise<void> {
      const k = key(portalId, kind);
      const tx = redis.multi()
        .hincrby(k, 'pages', 1).hincrby(k, 'seen', page.seen).hincrby(k, 'scored', page.scored)
        .hincrby(k, 'written', page.written).hset(k, 'updatedAt', String(clock()));
      if (page.cursor === null) tx.hdel(k, 'cursor');
      else tx.hset(k, 'cursor', page.cursor);
      checkExec(await tx.exec());
    },

    /** Records what the run reads (see `reads`); a no-op when the record is gone (superseded by a new start). */
    async setReads(portalId: number, kind: ProgressKind, reads: 'history' | 'current'): Promise<void> {
      const k = key(portalId, kind);
      if (await redis.exists(k)) await redis.hset(k, 'reads', reads);
    },

    async finish(portalId: number, kind: ProgressKind, status: 'done' | 'failed', error?: string): Promise<void> {
      const now = clock();
      const fields: Record<string, string> = { status, finishedAt: String(now), updatedAt: String(now) };
      if (error) fields.error = error;
      await redis.hset(key(portalId, kind), fields);
    },
  };
}

export type ProgressStore = ReturnType<typeof createProgressStore>;
