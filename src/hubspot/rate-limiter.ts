import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { RedisClient } from '../store/redis-client.js';
import type { AppKeys } from '../store/keys.js';
import { luaScript } from '../store/lua.js';
import { RateLimitedError } from './errors.js';

/**
 * The per-portal request budget shared by every process (ARCHITECTURE.md "One budget per portal"): a sliding
 * window log per portal in a sorted set, checked and appended in one Lua script, timed by Redis's own clock
 * (TIME) so processes on different machines agree. A search request counts against the search budget only
 * (searches spaced evenly), everything else against the 10-second one. Scores are integer microseconds: exact in a double, unlike ms fractions (and
 * formatted with %.0f before Redis sees them: Lua's default number-to-string keeps only 14 digits).
 */

// KEYS: paused-until, then the windows the request counts in (the general one, or the search one)
// ARGV: member, then per window: limit, window µs
// Returns {1, now µs} when granted, {0, wait µs, now µs} otherwise.
const ACQUIRE = luaScript(`
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local paused = tonumber(redis.call('GET', KEYS[1]) or '0') * 1000
if paused > now then return {0, paused - now, now} end
local wait = 0
for i = 2, #KEYS do
  local limit = tonumber(ARGV[2 * i - 2])
  local window = tonumber(ARGV[2 * i - 1])
  redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', string.format('%.0f', now - window))
  local count = redis.call('ZCARD', KEYS[i])
  if count >= limit then
    -- the slot frees when the entry that keeps the count at the limit leaves the window
    local e = redis.call('ZRANGE', KEYS[i], count - limit, count - limit, 'WITHSCORES')
    wait = math.max(wait, tonumber(e[2]) + window - now + 1)
  end
end
if wait > 0 then return {0, wait, now} end
for i = 2, #KEYS do
  redis.call('ZADD', KEYS[i], string.format('%.0f', now), ARGV[1])
  redis.call('PEXPIRE', KEYS[i], math.ceil(tonumber(ARGV[2 * i - 1]) / 1000) + 1000)
end
return {1, now}`);

// KEYS: paused-until. ARGV: pause ms. Keeps the later of the current and the new end; returns it (epoch ms).
const PAUSE = luaScript(`
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local untilMs = now + tonumber(ARGV[1])
local cur = tonumber(redis.call('GET', KEYS[1]) or '0')
if untilMs > cur then
  redis.call('SET', KEYS[1], string.format('%.0f', untilMs), 'PX', tonumber(ARGV[1]))
  return untilMs
end
return cur`);

export type RequestKind = 'default' | 'search';

export interface RateLimiterOptions {
  redis: RedisClient;
  keys: AppKeys;
  /** Requests per window per portal (config.budgetPer10s). */
  budgetPer10s: number;
  /** Search requests per search window per portal (config.searchBudgetPerS; may be fractional), spaced evenly. */
  searchBudgetPerS: number;
  /** Window lengths; HubSpot's are 10 s and 1 s. Shorter ones only make tests fast. */
  windowMs?: number;
  searchWindowMs?: number;
}

/** Creates a limiter; any number of instances (in any process) on one Redis share each portal's budget. */
export function createRateLimiter(opts: RateLimiterOptions) {
  const { redis, keys } = opts;
  const windowUs = (opts.windowMs ?? 10_000) * 1000;
  /**
   * Searches are spaced evenly rather than counted per window: `searchBudgetPerS` may be fractional (0.9 × 5 =
   * 4.5/s), and at 1 s / 4.5 = 222 ms apart any one second holds at most 5 searches even when a request reaches
   * HubSpot up to 111 ms later than its grant: HubSpot's own 5/s is never exceeded, and no burst of 5 has to
   * arrive in order at the very edge of HubSpot's window.
   */
  const searchSpacingUs = Math.ceil(((opts.searchWindowMs ?? 1_000) * 1000) / opts.searchBudgetPerS);

  /**
   * Waits until the portal may send one request of `kind`, and takes the slot. Each wait is the delay the
   * script computed (a slot leaving the window, or the pause ending). If the wait would exceed `maxWaitMs`,
   * throws {@link RateLimitedError} at once instead, so a worker can delay the job rather than hold it.
   * Returns the grant time (epoch ms, Redis clock).
   */
  async function acquire(portalId: number, kind: RequestKind = 'default', o: { maxWaitMs?: number } = {}): Promise<{ grantedAt: number }> {
    const k = keys.portal(portalId);
    // Search has its own budget and is exempt from the 10-second one (HubSpot's spec collection marks the search
    // endpoints `x-hubspot-rate-limit-exemptions: ["ten-secondly"]`): a search takes a search slot only, one
    // at a time, `searchSpacingUs` after the previous one.
    const scriptKeys = kind === 'search' ? [k.pausedUntil, k.searchRateLimit] : [k.pausedUntil, k.rateLimit];
    const args: (string | number)[] = kind === 'search'
      ? [randomUUID(), 1, searchSpacingUs]
      : [randomUUID(), opts.budgetPer10s, windowUs];
    const maxWaitMs = o.maxWaitMs ?? Infinity;
    let waited = 0;
    for (;;) {
      const [granted, a, b] = (await ACQUIRE.run(redis, scriptKeys, args)) as [number, number, number?];
      if (granted === 1) return { grantedAt: a / 1000 };
      const waitMs = Math.ceil(a / 1000);
      if (waited + waitMs > maxWaitMs) throw new RateLimitedError(Math.ceil(((b ?? 0) + a) / 1000), { portalId });
      waited += waitMs;
      await sleep(waitMs);
    }
  }

  /** Stops every request for the portal for `durationMs` (after a 429). Returns when it resumes (epoch ms). */
  async function pause(portalId: number, durationMs: number): Promise<number> {
    return Number(await PAUSE.run(redis, [keys.portal(portalId).pausedUntil], [Math.max(1, Math.ceil(durationMs))]));
  }

  /** When the portal's pause ends (epoch ms), or null when it is not paused. */
  async function pausedUntil(portalId: number): Promise<number | null> {
    const v = await redis.get(keys.portal(portalId).pausedUntil);
    return v === null ? null : Number(v);
  }

  return { acquire, pause, pausedUntil };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;
