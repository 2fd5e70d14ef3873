import type { RedisClient } from './redis-client.js';
import type { AppKeys } from './keys.js';
import { luaScript } from './lua.js';

/**
 * Reads back the dated score snapshots the worker keeps (scores.ts `write`: one per contact, model and UTC day,
 * the day's last score, bounded per contact), for the analysis: forward-looking accuracy and capacity planning.
 */

/** One day's score of one contact under one model; `total` null when the contact was out of scope. */
export type SnapshotPoint = { day: string; version: number; total: number | null };

/**
 * KEYS: snapshot hashes. ARGV: `|modelId`. → per key, "day version total" for each of that model's snapshots,
 * comma-joined (total "null" when out of scope). Snapshot values are scores.ts's JSON
 * (`{"version":3,"total":58,…}`); only the two numbers the analysis needs cross the wire, which makes reading a
 * portal's history 2–3 times faster than HGETALL and JSON parsing in Node (measured: bench/analysis.bench.ts).
 */
const COMPACT = luaScript(`
local suffix = ARGV[1]
local n = string.len(suffix)
local out = {}
for i, key in ipairs(KEYS) do
  local flat = redis.call('HGETALL', key)
  local parts = {}
  for j = 1, #flat, 2 do
    local field = flat[j]
    if string.sub(field, -n) == suffix and string.len(field) == 10 + n then
      local v = flat[j + 1]
      local version = string.match(v, '"version":(%d+)')
      local total = string.match(v, '"total":(-?[%d.]+)') or 'null'
      if version then parts[#parts + 1] = string.sub(field, 1, 10) .. ' ' .. version .. ' ' .. total end
    end
  end
  out[i] = table.concat(parts, ',')
end
return out`);

/** Keys per script call: small enough that Redis is never busy with one for more than a few milliseconds. */
const CHUNK = 100;

export function createSnapshotReader(deps: { redis: RedisClient; keys: AppKeys }) {
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
        const rows = (await COMPACT.run(redis, chunk.map((id) => p.contact(id).snapshots), [`|${modelId}`])) as string[];
        chunk.forEach((id, k) => {
          const points = (rows[k] ?? '').split(',').flatMap(pointOf);
          if (points.length) out.set(id, points.sort((a, b) => a.day.localeCompare(b.day)));
        });
      }
      return out;
    },
  };
}

export type SnapshotReader = ReturnType<typeof createSnapshotReader>;

function pointOf(text: string): SnapshotPoint[] {
  const [day, version, total] = text.split(' ');
  if (!day || !/^\d{4}-\d{2}-\d{2}$/.test(day) || !version || total === undefined) return [];
  const t = total === 'null' ? null : Number(total);
  return t !== null && !Number.isFinite(t) ? [] : [{ day, version: Number(version), total: t }];
}

/** A snapshot day's score was given by the end of that UTC day: the moment the analysis treats it as known. */
export function snapshotTime(day: string): number {
  return Date.parse(`${day}T00:00:00.000Z`) + 86_400_000;
}
