import { afterAll, describe, expect, it } from 'vitest';
import { RateLimitedError } from '../../src/hubspot/errors.js';
import { createRateLimiter } from '../../src/hubspot/rate-limiter.js';
import { connect, redisSpace } from '../helpers/redis.js';

/** The largest number of grants inside any half-open window [t, t + windowMs) that starts at a grant. */
function maxInAnyWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let max = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (j < sorted.length && sorted[j]! < sorted[i]! + windowMs) j++;
    max = Math.max(max, j - i);
  }
  return max;
}

describe('the per-portal rate limiter', () => {
  const space = redisSpace('rl');
  const other = connect();
  afterAll(async () => {
    await other.quit();
    await space.cleanup();
  });
  const opts = { keys: space.keys, budgetPer10s: 5, searchBudgetPerS: 2, windowMs: 400, searchWindowMs: 400 };
  const a = createRateLimiter({ ...opts, redis: space.redis });
  const b = createRateLimiter({ ...opts, redis: other });

  it('never grants more than the budget in any window to two instances on separate connections', async () => {
    const grants = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).acquire(1, 'default')));
    const times = grants.map((g) => g.grantedAt);
    expect(maxInAnyWindow(times, 400)).toBe(5);
    // 20 grants at 5 per 400 ms need at least three full windows after the first grant.
    expect(Math.max(...times) - Math.min(...times)).toBeGreaterThanOrEqual(1200);
  });

  it('keeps portals apart', async () => {
    const grants = await Promise.all(Array.from({ length: 5 }, () => a.acquire(2)));
    const others = await Promise.all(Array.from({ length: 5 }, () => b.acquire(3)));
    const all = [...grants, ...others].map((g) => g.grantedAt);
    expect(Math.max(...all) - Math.min(...all)).toBeLessThan(400);
  });

  it('counts a search against the search budget only, as HubSpot exempts search from the 10-second limit', async () => {
    const grants = await Promise.all(Array.from({ length: 4 }, () => a.acquire(4, 'search')));
    expect(maxInAnyWindow(grants.map((g) => g.grantedAt), 400)).toBe(2);
    expect(await space.redis.zcard(space.keys.portal(4).rateLimit)).toBe(0);
    // The general budget is untouched: all 5 general requests are granted at once.
    const general = await Promise.all(Array.from({ length: 5 }, () => b.acquire(4)));
    expect(maxInAnyWindow(general.map((g) => g.grantedAt), 400)).toBe(5);
  });

  it('spaces searches evenly at a fractional budget (0.9 × 5/s): never more than 5 in any second', async () => {
    const spaced = { ...opts, searchBudgetPerS: 4.5, searchWindowMs: 1_000 };
    const x = createRateLimiter({ ...spaced, redis: space.redis });
    const y = createRateLimiter({ ...spaced, redis: other });
    const grants = (await Promise.all(Array.from({ length: 7 }, (_, i) => (i % 2 ? x : y).acquire(8, 'search')))).map((g) => g.grantedAt).sort((p, q) => p - q);
    const gaps = grants.slice(1).map((t, i) => t - grants[i]!);
    // 1 s / 4.5 = 222.2 ms apart (grant times are whole ms here: allow the rounding).
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(222);
    expect(maxInAnyWindow(grants, 1_000)).toBe(5);
    // Even a first request reaching HubSpot 100 ms late leaves the sixth outside its second.
    expect(grants[5]! - grants[0]!).toBeGreaterThan(1_100);
  });

  it('holds every request while the portal is paused, in every instance', async () => {
    const resumesAt = await a.pause(5, 300);
    expect(await b.pausedUntil(5)).toBe(resumesAt);
    const { grantedAt } = await b.acquire(5);
    expect(grantedAt).toBeGreaterThanOrEqual(resumesAt);
  });

  it('keeps the later end when paused twice', async () => {
    const long = await a.pause(6, 5_000);
    expect(await b.pause(6, 100)).toBe(long);
  });

  it('throws RateLimitedError with the resume time instead of waiting longer than allowed', async () => {
    const resumesAt = await a.pause(7, 5_000);
    const err = await b.acquire(7, 'default', { maxWaitMs: 100 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RateLimitedError);
    expect((err as RateLimitedError).retryAt).toBeGreaterThanOrEqual(resumesAt - 1);
    expect((err as RateLimitedError).disposition).toBe('rate-limited');
  });
});
