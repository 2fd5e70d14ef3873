import type { ChainableCommander, Redis } from 'ioredis';
import type { AppKeys } from './keys.js';
import { luaScript } from './lua.js';

/**
 * Dirty contacts per portal, the settle window and in-flight leases (ARCHITECTURE.md "Coalesce and batch").
 *
 * A contact marked dirty waits in the portal's `dirty` zset until the end of the portal's settle window: the
 * first contact dirtied opens a window of SETTLE_WINDOW_MS and every contact dirtied while it is open shares its
 * end, so a burst collapses into as few batches as possible and one job per window suffices. A worker claims
 * due contacts atomically, moving them to `inflight` with a lease; a worker that dies (SIGKILL) leaves its lease
 * to expire, after which the next claim puts those contacts back in play.
 */

/** KEYS: dirty, window. ARGV: now, settleMs, ids…  → the due time the ids (newly dirty ones) got. */
const MARK_DIRTY = luaScript(`
local now = tonumber(ARGV[1])
local settle = tonumber(ARGV[2])
local due = tonumber(redis.call('GET', KEYS[2]) or '0')
if due <= now then
  due = now + settle
  if settle > 0 then redis.call('SET', KEYS[2], due, 'PX', settle) end
end
for i = 3, #ARGV do redis.call('ZADD', KEYS[1], 'NX', due, ARGV[i]) end
return due`);

/** KEYS: dirty, inflight. ARGV: now, limit, leaseUntil → claimed ids. */
const CLAIM_DUE = luaScript(`
local now = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
local expired = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now)
for _, id in ipairs(expired) do
  redis.call('ZREM', KEYS[2], id)
  redis.call('ZADD', KEYS[1], 'LT', now, id)
end
local claimed = {}
local offset = 0
while #claimed < limit do
  local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', offset, limit)
  if #due == 0 then break end
  offset = offset + #due
  for _, id in ipairs(due) do
    if #claimed < limit and not redis.call('ZSCORE', KEYS[2], id) then
      claimed[#claimed + 1] = id
    end
  end
end
for _, id in ipairs(claimed) do
  redis.call('ZREM', KEYS[1], id)
  redis.call('ZADD', KEYS[2], ARGV[3], id)
end
return claimed`);

/**
 * KEYS: dirty, inflight. ARGV: leaseUntil, requeueAt ('' = finished), ids…
 * Ends this worker's lease on each id (only if it still holds it); with requeueAt, puts the id back as dirty.
 */
const END_LEASE = luaScript(`
local n = 0
for i = 3, #ARGV do
  local id = ARGV[i]
  if tonumber(redis.call('ZSCORE', KEYS[2], id) or '-1') == tonumber(ARGV[1]) then
    redis.call('ZREM', KEYS[2], id)
    if ARGV[2] ~= '' then redis.call('ZADD', KEYS[1], 'LT', ARGV[2], id) end
    n = n + 1
  end
end
return n`);

/** KEYS: decay, dirty. ARGV: now, limit → how many contacts whose decay moment came were made dirty (due now). */
const PROMOTE_DECAY = luaScript(`
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
for _, id in ipairs(due) do
  redis.call('ZREM', KEYS[1], id)
  redis.call('ZADD', KEYS[2], 'LT', ARGV[1], id)
end
return #due`);

export type Claim = { ids: string[]; leaseUntil: number };

export function createDirtyStore(deps: { redis: Redis; keys: AppKeys; settleMs: number; leaseMs: number }) {
  const { redis, keys } = deps;
  const k = (portalId: number) => keys.portal(portalId);

  return {
    /** Queues "mark these contacts dirty" in a transaction; its result is the due time (epoch ms). */
    queueMarkDirty(tx: ChainableCommander, portalId: number, ids: string[], now: number): ChainableCommander {
      return MARK_DIRTY.queue(tx, [k(portalId).dirty, k(portalId).settleWindow], [now, deps.settleMs, ...ids]);
    },

    /** Marks contacts dirty now (decay, merges done by the worker). Returns the due time. */
    async markDirty(portalId: number, ids: string[], now: number): Promise<number> {
      return Number(await MARK_DIRTY.run(redis, [k(portalId).dirty, k(portalId).settleWindow], [now, deps.settleMs, ...ids]));
    },

    /** Claims up to `limit` due contacts for this worker, leasing them until now + leaseMs. */
    async claimDue(portalId: number, now: number, limit: number): Promise<Claim> {
      const leaseUntil = now + deps.leaseMs;
      const ids = (await CLAIM_DUE.run(redis, [k(portalId).dirty, k(portalId).inflight], [now, limit, leaseUntil])) as string[];
      return { ids, leaseUntil };
    },

    /** The claimed contacts are done (scored, written, or found gone). */
    async finish(portalId: number, claim: Claim, ids: string[] = claim.ids): Promise<void> {
      if (ids.length) await END_LEASE.run(redis, [k(portalId).dirty, k(portalId).inflight], [claim.leaseUntil, '', ...ids]);
    },

    /** Gives claimed contacts back, due at `dueAt` (after a rate limit or a failed attempt). */
    async release(portalId: number, claim: Claim, dueAt: number, ids: string[] = claim.ids): Promise<void> {
      if (ids.length) await END_LEASE.run(redis, [k(portalId).dirty, k(portalId).inflight], [claim.leaseUntil, dueAt, ...ids]);
    },

    /** Moves contacts whose decay moment has come into `dirty`, due now. Returns how many moved. */
    async promoteDecay(portalId: number, now: number, limit: number): Promise<number> {
      return Number(await PROMOTE_DECAY.run(redis, [k(portalId).decay, k(portalId).dirty], [now, limit]));
    },

    /** When the portal next has work: its earliest dirty due time and earliest in-flight lease expiry. */
    async nextWakeUp(portalId: number): Promise<{ dirtyDue: number | null; leaseExpiry: number | null }> {
      const [dirty, inflight] = await Promise.all([
        redis.zrange(k(portalId).dirty, '0', '0', 'WITHSCORES'),
        redis.zrange(k(portalId).inflight, '0', '0', 'WITHSCORES'),
      ]);
      return {
        dirtyDue: dirty[1] === undefined ? null : Number(dirty[1]),
        leaseExpiry: inflight[1] === undefined ? null : Number(inflight[1]),
      };
    },

    /** How many contacts wait (dirty) or are being scored (in flight). */
    async pending(portalId: number): Promise<{ dirty: number; inflight: number }> {
      const [dirty, inflight] = await Promise.all([redis.zcard(k(portalId).dirty), redis.zcard(k(portalId).inflight)]);
      return { dirty, inflight };
    },

    /** Drops every pending contact of a portal (after an uninstall: nothing may be sent for it). */
    async clearPortal(portalId: number): Promise<void> {
      await redis.del(k(portalId).dirty, k(portalId).inflight, k(portalId).settleWindow, k(portalId).decay);
    },
  };
}

export type DirtyStore = ReturnType<typeof createDirtyStore>;
