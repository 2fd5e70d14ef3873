import type { RedisClient } from './redis-client.js';
import { z } from 'zod';
import { ScoreResultSchema } from '../scoring/index.js';
import type { AppKeys } from './keys.js';
import { checkExec, luaScript } from './lua.js';

/**
 * Each contact's last score per model (what was last written to HubSpot, and the engine's full result for the
 * card), a bounded history of score changes, dated snapshots (one per model per day), and the decay schedule.
 */

export const StoredScoreSchema = z.object({
  modelId: z.string(),
  version: z.number().int().positive(),
  scoredAt: z.number(),
  /** The HubSpot property values last written for this model (cleared outputs are `""`). */
  outputs: z.record(z.string(), z.string()),
  /** The engine's result (breakdown included), as computed at `scoredAt`. */
  result: ScoreResultSchema,
});
export type StoredScore = z.infer<typeof StoredScoreSchema>;

export const HistoryEntrySchema = z.object({
  at: z.number(),
  modelId: z.string(),
  version: z.number().int(),
  /** null: out of scope. */
  total: z.number().nullable(),
  fit: z.number().nullable(),
  engagement: z.number().nullable(),
  grade: z.string().nullable(),
  stage: z.string().nullable(),
});
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;

/** One contact's new score for one model, as the worker stores it after writing HubSpot. */
export type ScoreWrite = { contactId: string; score: StoredScore; changed: boolean };

/** Snapshot fields are `YYYY-MM-DD|modelId`; past the cap the oldest days go first. */
const SNAPSHOT_MAX_FIELDS = 400;
const SNAPSHOT = luaScript(`
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
local excess = redis.call('HLEN', KEYS[1]) - tonumber(ARGV[3])
if excess > 0 then
  local fields = redis.call('HKEYS', KEYS[1])
  table.sort(fields)
  for i = 1, excess do redis.call('HDEL', KEYS[1], fields[i]) end
end
return 1`);

function summary(score: StoredScore): HistoryEntry {
  const r = score.result;
  const s = r.inScope ? r : null;
  return {
    at: score.scoredAt, modelId: score.modelId, version: score.version,
    total: s ? s.total : null, fit: s ? s.fit : null, engagement: s ? s.engagement : null,
    grade: s ? s.grade : null, stage: s ? s.stage : null,
  };
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function createScoreStore(deps: { redis: RedisClient; keys: AppKeys; historyMax: number }) {
  const { redis, keys } = deps;

  return {
    /** The last stored score of each contact, per model id. */
    async readLast(portalId: number, contactIds: string[]): Promise<Map<string, Map<string, StoredScore>>> {
      const p = keys.portal(portalId);
      const pipe = redis.pipeline();
      for (const id of contactIds) pipe.hgetall(p.contact(id).score);
      const results = checkExec(await pipe.exec()) as Record<string, string>[];
      const out = new Map<string, Map<string, StoredScore>>();
      contactIds.forEach((id, i) => {
        const byModel = new Map<string, StoredScore>();
        for (const [modelId, json] of Object.entries(results[i] ?? {})) {
          const parsed = StoredScoreSchema.safeParse(JSON.parse(json));
          if (parsed.success) byModel.set(modelId, parsed.data);
        }
        out.set(id, byModel);
      });
      return out;
    },

    /**
     * Stores a batch's scores in one transaction: the last score per model, a history entry when the output
     * changed (bounded to HISTORY_MAX_ENTRIES), today's snapshot, and when decay will next change the contact's
     * rounded score (`nextChangeAt` per contact; null removes it from the schedule).
     */
    async write(portalId: number, writes: ScoreWrite[], nextChangeAt: Map<string, number | null>): Promise<void> {
      if (!writes.length && !nextChangeAt.size) return;
      const p = keys.portal(portalId);
      const tx = redis.multi();
      for (const w of writes) {
        const c = p.contact(w.contactId);
        tx.hset(c.score, w.score.modelId, JSON.stringify(w.score));
        const entry = summary(w.score);
        if (w.changed) {
          tx.lpush(c.history, JSON.stringify(entry));
          tx.ltrim(c.history, 0, deps.historyMax - 1);
        }
        const { at: _at, modelId: _m, ...snap } = entry;
        SNAPSHOT.queue(tx, [c.snapshots], [`${day(w.score.scoredAt)}|${w.score.modelId}`, JSON.stringify(snap), SNAPSHOT_MAX_FIELDS]);
        tx.sadd(p.contacts, w.contactId);
      }
      for (const [id, at] of nextChangeAt) {
        if (at === null) tx.zrem(p.decay, id);
        else tx.zadd(p.decay, at, id);
      }
      checkExec(await tx.exec());
    },

    /** A contact's stored scores and history (newest first), for the card and the API. */
    async contact(portalId: number, contactId: string): Promise<{ scores: StoredScore[]; history: HistoryEntry[] }> {
      const c = keys.portal(portalId).contact(contactId);
      const [scores, history] = await Promise.all([redis.hgetall(c.score), redis.lrange(c.history, 0, -1)]);
      return {
        scores: Object.values(scores).flatMap((j) => {
          const r = StoredScoreSchema.safeParse(JSON.parse(j));
          return r.success ? [r.data] : [];
        }),
        history: history.flatMap((j) => {
          const r = HistoryEntrySchema.safeParse(JSON.parse(j));
          return r.success ? [r.data] : [];
        }),
      };
    },
  };
}

export type ScoreStore = ReturnType<typeof createScoreStore>;
