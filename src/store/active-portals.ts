import type { AppKeys } from './keys.js';
import { luaScript } from './lua.js';
import type { RedisClient } from './redis-client.js';

/**
 * The active-portal index: an app-wide zset, portal id → the earliest moment the sweep must look at the portal
 * (its dirty contacts become overdue, a claim's lease expires, a contact's decay moment comes). The sweep reads
 * only the entries that are due (ZRANGEBYSCORE … LIMIT), so its cost follows the portals with work, not the
 * portals installed; uninstalled portals have their own schedule (`uninstalled`, portal-erasure.ts).
 *
 * Writers put an entry in BEFORE they write the portal's own keys (separate commands: the index is app-wide, in
 * its own hash slot, never in a script with a portal's keys). A crash between the two leaves an entry earlier than
 * needed, which costs one look; never a portal with work and no entry. Each write lowers the entry (never raises
 * it) and bumps the portal's revision. The sweep reads the revision before it reads the portal's keys and replaces
 * or drops the entry only if the revision is unchanged: an entry written meanwhile (whose work the sweep may not
 * have seen) is kept, and the portal is looked at again. An entry lost anyway (a failover losing the last writes
 * of the index's master, or data from before the index existed) is found by the sweep's audit, which re-checks a
 * few installed portals from their own keys on every run.
 */

/** How long dirty contacts may be overdue before their job counts as lost (the sweep then schedules another). */
export const ORPHAN_GRACE_MS = 30_000;

/** KEYS: active, rev. ARGV: at, ids… → lowers each id's entry to `at` (or adds it) and bumps its revision. */
const MARK = luaScript(`
for i = 2, #ARGV do
  redis.call('ZADD', KEYS[1], 'LT', ARGV[1], ARGV[i])
  redis.call('HINCRBY', KEYS[2], ARGV[i], 1)
end
return #ARGV - 1`);

/** KEYS: active, rev. ARGV: now, limit → [id, rev, id, rev, …] of the due entries, earliest first. */
const DUE = luaScript(`
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
local out = {}
for _, id in ipairs(ids) do
  out[#out + 1] = id
  out[#out + 1] = redis.call('HGET', KEYS[2], id) or ''
end
return out`);

/**
 * KEYS: active, rev. ARGV: id, seen revision ('' = none), next wake-up ('' = no work) → 1 when applied, 0 when the
 * entry was written since the revision was read (it stays as it is, so the portal is looked at again).
 */
const SETTLE = luaScript(`
if (redis.call('HGET', KEYS[2], ARGV[1]) or '') ~= ARGV[2] then return 0 end
if ARGV[3] == '' then
  redis.call('ZREM', KEYS[1], ARGV[1])
  redis.call('HDEL', KEYS[2], ARGV[1])
else
  redis.call('ZADD', KEYS[1], ARGV[3], ARGV[1])
end
return 1`);

/** A portal the sweep is to look at, with the revision of its entry when it was read. */
export type DuePortal = { portalId: number; rev: string };

const toPortalId = (raw: string): number | null => {
  const id = Number(raw);
  return Number.isInteger(id) && id > 0 ? id : null;
};

/** The index's store: the writers' `mark`/`dirtied`, the sweep's `due`/`auditBatch`/`settle` (see above). */
export function createActivePortals(deps: { redis: RedisClient; keys: AppKeys; settleMs: number }) {
  const { redis, keys } = deps;
  const index = [keys.active, keys.activeRev];

  /** The sweep must look at these portals at `at` or before (their own keys are written after this resolves). */
  async function mark(portalIds: number[], at: number): Promise<void> {
    if (portalIds.length) await MARK.run(redis, index, [Math.floor(at), ...portalIds]);
  }

  return {
    mark,

    /**
     * Contacts of the portal are about to be marked dirty at `now`: their window ends by now + settle, and the
     * sweep looks once the grace for a lost job has passed after that.
     */
    async dirtied(portalId: number, now: number): Promise<void> {
      await mark([portalId], now + deps.settleMs + ORPHAN_GRACE_MS);
    },

    /** Up to `limit` portals whose entry is due at `now`, earliest first, with their revisions. */
    async due(now: number, limit: number): Promise<DuePortal[]> {
      const flat = (await DUE.run(redis, index, [now, limit])) as string[];
      const out: DuePortal[] = [];
      for (let i = 0; i < flat.length; i += 2) {
        const portalId = toPortalId(flat[i]!);
        if (portalId !== null) out.push({ portalId, rev: flat[i + 1] ?? '' });
      }
      return out;
    },

    /**
     * About the next `count` installed portals (at most 1.5 × count), with their revisions, for the audit that
     * finds lost entries: an SSCAN from the cursor the previous run stored. Redis may return more than asked (a
     * compact set comes whole), so the cursor is stored with how many of that reply were taken, and the next run
     * repeats the reply and skips them. A portal installed or removed meanwhile may be missed or seen twice in one
     * pass; the next pass sees it.
     */
    async auditBatch(count: number): Promise<DuePortal[]> {
      const [cursor = '0', skipped = '0'] = ((await redis.get(keys.auditCursor)) ?? '0:0').split(':');
      const [next, raw] = await redis.sscan(keys.portals, cursor, 'COUNT', count);
      const skip = Number(skipped) || 0;
      // A reply a little longer than asked (SSCAN returns whole buckets) is taken whole, not left as a tiny batch.
      const end = raw.length - (skip + count) < count / 2 ? raw.length : skip + count;
      const taken = raw.slice(skip, end);
      await redis.set(keys.auditCursor, end < raw.length ? `${cursor}:${end}` : `${next}:0`);
      const ids = [...new Set(taken.map(toPortalId).filter((id): id is number => id !== null))];
      if (!ids.length) return [];
      const revs = await redis.hmget(keys.activeRev, ...ids.map(String));
      return ids.map((portalId, i) => ({ portalId, rev: revs[i] ?? '' }));
    },

    /**
     * After looking at a portal: its next wake-up (null: no pending work, the entry goes), applied only if its
     * entry was not written since `rev` was read. Returns whether it was applied.
     */
    async settle(portal: DuePortal, next: number | null): Promise<boolean> {
      const args = [portal.portalId, portal.rev, next === null ? '' : Math.floor(next)];
      return Number(await SETTLE.run(redis, index, args)) === 1;
    },

    /** The portal's entry, if any (tests, the CLI). */
    async wakeUpOf(portalId: number): Promise<number | null> {
      const score = await redis.zscore(keys.active, String(portalId));
      return score === null ? null : Number(score);
    },
  };
}

export type ActivePortals = ReturnType<typeof createActivePortals>;

/** Drops an erased portal from the index (its keys are gone, so it has nothing left to wake up for). */
export async function forgetActivePortal(redis: RedisClient, keys: AppKeys, portalId: number): Promise<void> {
  await redis.multi().zrem(keys.active, String(portalId)).hdel(keys.activeRev, String(portalId)).exec();
}
