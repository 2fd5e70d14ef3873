import type { Redis } from 'ioredis';
import type { AppKeys } from './keys.js';
import { checkExec } from './lua.js';
import { HistoryEntrySchema } from './scores.js';

/**
 * Reads back the dated score snapshots the worker keeps (scores.ts `write`: one per contact, model and UTC day,
 * the day's last score, bounded per contact), for the analysis: forward-looking accuracy and capacity planning.
 */

/** What a snapshot holds (scores.ts stores the history entry without its time and model, keyed `YYYY-MM-DD|modelId`). */
const SnapshotSchema = HistoryEntrySchema.omit({ at: true, modelId: true });

/** One day's score of one contact under one model; `total` null when the contact was out of scope. */
export type SnapshotPoint = { day: string; version: number; total: number | null };

const CHUNK = 500;
const DAY_FIELD = /^(\d{4}-\d{2}-\d{2})\|(.+)$/;

export function createSnapshotReader(deps: { redis: Redis; keys: AppKeys }) {
  const { redis, keys } = deps;

  return {
    /** Up to `max` ids of the portal's contacts with stored state, and whether there were more. */
    async contactIds(portalId: number, max: number): Promise<{ ids: string[]; truncated: boolean }> {
      const ids = new Set<string>();
      let cursor = '0';
      do {
        const [next, batch] = await redis.sscan(keys.portal(portalId).contacts, cursor, 'COUNT', 1000);
        for (const id of batch) ids.add(id);
        cursor = next;
      } while (cursor !== '0' && ids.size < max);
      const all = [...ids];
      return { ids: all.slice(0, max), truncated: all.length > max || cursor !== '0' };
    },

    /** Each contact's snapshots under `modelId`, oldest day first (contacts without any are left out). */
    async read(portalId: number, modelId: string, contactIds: readonly string[]): Promise<Map<string, SnapshotPoint[]>> {
      const p = keys.portal(portalId);
      const out = new Map<string, SnapshotPoint[]>();
      for (let i = 0; i < contactIds.length; i += CHUNK) {
        const chunk = contactIds.slice(i, i + CHUNK);
        const pipe = redis.pipeline();
        for (const id of chunk) pipe.hgetall(p.contact(id).snapshots);
        const results = checkExec(await pipe.exec()) as Record<string, string>[];
        chunk.forEach((id, k) => {
          const points: SnapshotPoint[] = [];
          for (const [field, json] of Object.entries(results[k] ?? {})) {
            const m = DAY_FIELD.exec(field);
            if (!m || m[2] !== modelId) continue;
            const snap = SnapshotSchema.safeParse(JSON.parse(json));
            if (snap.success) points.push({ day: m[1]!, version: snap.data.version, total: snap.data.total });
          }
          if (points.length) out.set(id, points.sort((a, b) => a.day.localeCompare(b.day)));
        });
      }
      return out;
    },
  };
}

export type SnapshotReader = ReturnType<typeof createSnapshotReader>;

/** A snapshot day's score was given by the end of that UTC day: the moment the analysis treats it as known. */
export function snapshotTime(day: string): number {
  return Date.parse(`${day}T00:00:00.000Z`) + 86_400_000;
}
