import type { ChainableCommander } from 'ioredis';
import type { RedisClient } from './redis-client.js';
import { decayMember } from './contact-records.js';
import { RECORD_BUCKETS, type AppKeys } from './keys.js';
import { luaScript } from './lua.js';

/**
 * Dirty contacts per portal, the settle window and in-flight leases (ARCHITECTURE.md "Coalesce and batch").
 *
 * A contact marked dirty waits in the portal's `dirty` zset until the end of the portal's settle window: the
 * first contact dirtied opens a window of SETTLE_WINDOW_MS and every contact dirtied while it is open shares its
 * end, so a burst collapses into as few batches as possible and one job per window suffices. A worker claims
 * due contacts atomically, moving them to `inflight` with a lease and its job as owner. A worker killed mid-batch
 * (SIGKILL) leaves its claim behind: BullMQ runs the stalled job again, and that run takes the claim back at once;
 * should the job never run again, the lease expires and any later claim puts the contacts back in play.
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

/**
 * KEYS: dirty, inflight, owners. ARGV: now, limit, leaseUntil, owner → claimed ids.
 * First puts back in play what a previous run of the same job (`owner`) left claimed (it crashed: BullMQ runs
 * one job once at a time) and every claim whose lease expired; then claims due contacts not held by a live run.
 */
const CLAIM_DUE = luaScript(`
local now = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
local function requeue(id)
  redis.call('ZREM', KEYS[2], id)
  redis.call('HDEL', KEYS[3], id)
  redis.call('ZADD', KEYS[1], 'LT', now, id)
end
local owned = redis.call('HGETALL', KEYS[3])
for i = 1, #owned, 2 do
  if owned[i + 1] == ARGV[4] then requeue(owned[i]) end
end
for _, id in ipairs(redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now)) do requeue(id) end
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
  redis.call('HSET', KEYS[3], id, ARGV[4])
end
return claimed`);

/**
 * KEYS: dirty, inflight, owners. ARGV: owner, requeueAt ('' = finished), ids…
 * Ends this run's claim on each id (only if it still holds it); with requeueAt, puts the id back as dirty.
 */
const END_LEASE = luaScript(`
local n = 0
for i = 3, #ARGV do
  local id = ARGV[i]
  if redis.call('HGET', KEYS[3], id) == ARGV[1] then
    redis.call('ZREM', KEYS[2], id)
    redis.call('HDEL', KEYS[3], id)
    if ARGV[2] ~= '' then redis.call('ZADD', KEYS[1], 'LT', ARGV[2], id) end
    n = n + 1
  end
end
return n`);

/**
 * KEYS: decay, dirty, due buckets. ARGV: now, limit, then each bucket's schedule member. In each bucket, contacts
 * whose decay moment (record bytes 2–7) came are made dirty (due now) and their moment cleared; the bucket is
 * then rescheduled at its earliest remaining moment (or leaves the schedule). → how many contacts moved.
 * The schedule is per bucket, not per contact: a zset member costs ~90 bytes, a quarter of a contact's budget.
 */
const PROMOTE_DECAY = luaScript(`
local now = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
local cleared = string.rep(string.char(0), 6)
local moved = 0
for i = 3, #KEYS do
  local flat = redis.call('HGETALL', KEYS[i])
  local min = nil
  for j = 1, #flat, 2 do
    local v = flat[j + 1]
    local t = 0
    for b = 2, 7 do t = t * 256 + string.byte(v, b) end
    if t > 0 then
      if t <= now and moved < limit then
        redis.call('ZADD', KEYS[2], 'LT', now, flat[j])
        redis.call('HSET', KEYS[i], flat[j], string.sub(v, 1, 1) .. cleared .. string.sub(v, 8))
        moved = moved + 1
      elseif not min or t < min then
        min = t
      end
    end
  end
  if min then redis.call('ZADD', KEYS[1], min, ARGV[i]) else redis.call('ZREM', KEYS[1], ARGV[i]) end
end
return moved`);

/** Due buckets per promotion script call (each is read whole inside Redis). */
const PROMOTE_BUCKETS = 32;

export type Claim = { ids: string[]; leaseUntil: number; owner: string };

export function createDirtyStore(deps: { redis: RedisClient; keys: AppKeys; settleMs: number; leaseMs: number }) {
  const { redis, keys } = deps;
  const k = (portalId: number) => keys.portal(portalId);
  const lease = (portalId: number) => [k(portalId).dirty, k(portalId).inflight, k(portalId).inflightOwner];

  return {
    /** Queues "mark these contacts dirty" in a transaction; its result is the due time (epoch ms). */
    queueMarkDirty(tx: ChainableCommander, portalId: number, ids: string[], now: number): ChainableCommander {
      return MARK_DIRTY.queue(tx, [k(portalId).dirty, k(portalId).settleWindow], [now, deps.settleMs, ...ids]);
    },

    /** Marks contacts dirty now (decay, merges done by the worker). Returns the due time. */
    async markDirty(portalId: number, ids: string[], now: number): Promise<number> {
      return Number(await MARK_DIRTY.run(redis, [k(portalId).dirty, k(portalId).settleWindow], [now, deps.settleMs, ...ids]));
    },

    /**
     * Claims up to `limit` due contacts for `owner` (the job's id), leasing them until now + leaseMs. What an
     * earlier, crashed run of the same job had claimed comes back into play first.
     */
    async claimDue(portalId: number, now: number, limit: number, owner: string): Promise<Claim> {
      const leaseUntil = now + deps.leaseMs;
      const ids = (await CLAIM_DUE.run(redis, lease(portalId), [now, limit, leaseUntil, owner])) as string[];
      return { ids, leaseUntil, owner };
    },

    /** The claimed contacts are done (scored, written, or found gone). */
    async finish(portalId: number, claim: Claim, ids: string[] = claim.ids): Promise<void> {
      if (ids.length) await END_LEASE.run(redis, lease(portalId), [claim.owner, '', ...ids]);
    },

    /** Gives claimed contacts back, due at `dueAt` (after a rate limit or a failed attempt). */
    async release(portalId: number, claim: Claim, dueAt: number, ids: string[] = claim.ids): Promise<void> {
      if (ids.length) await END_LEASE.run(redis, lease(portalId), [claim.owner, dueAt, ...ids]);
    },

    /** Moves contacts whose decay moment has come into `dirty`, due now. Returns how many moved. */
    async promoteDecay(portalId: number, now: number, limit: number): Promise<number> {
      let moved = 0;
      while (moved < limit) {
        const due = await redis.zrangebyscore(k(portalId).decay, '-inf', now, 'LIMIT', 0, PROMOTE_BUCKETS);
        const buckets = due.map((m) => Number(m.slice(1))).filter((b) => Number.isInteger(b) && b >= 0 && b < RECORD_BUCKETS);
        if (buckets.length < due.length) await redis.zrem(k(portalId).decay, ...due.filter((m) => !buckets.includes(Number(m.slice(1)))));
        if (!buckets.length) break;
        const bucketKeys = buckets.map((b) => k(portalId).records(b));
        const n = Number(await PROMOTE_DECAY.run(redis, [k(portalId).decay, k(portalId).dirty, ...bucketKeys], [now, limit - moved, ...buckets.map(decayMember)]));
        moved += n;
        // Every bucket read was rescheduled past `now` unless the limit stopped it: nothing more is due.
        if (moved >= limit || due.length < PROMOTE_BUCKETS) break;
      }
      return moved;
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

    /** When the portal's next decay moment comes (null: no contact is scheduled), for the active-portal index. */
    async nextDecayAt(portalId: number): Promise<number | null> {
      const [, at] = await redis.zrange(k(portalId).decay, '0', '0', 'WITHSCORES');
      return at === undefined ? null : Number(at);
    },

    /** How many contacts wait (dirty) or are being scored (in flight). */
    async pending(portalId: number): Promise<{ dirty: number; inflight: number }> {
      const [dirty, inflight] = await Promise.all([redis.zcard(k(portalId).dirty), redis.zcard(k(portalId).inflight)]);
      return { dirty, inflight };
    },

    /** Drops every pending contact of a portal (after an uninstall: nothing may be sent for it). */
    async clearPortal(portalId: number): Promise<void> {
      await redis.del(k(portalId).dirty, k(portalId).inflight, k(portalId).inflightOwner, k(portalId).settleWindow, k(portalId).decay);
    },
  };
}

export type DirtyStore = ReturnType<typeof createDirtyStore>;
