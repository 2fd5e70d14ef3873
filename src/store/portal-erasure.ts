import type { Redis } from 'ioredis';
import type { AppKeys } from './keys.js';

/**
 * Erasing everything the app holds about a portal: every key under the portal's hash tag (`prefix:{p:ID}:…`:
 * installation, models, ledgers, scores, snapshots, progress, analysis, limiter and lock state) and its entries in
 * the app-wide sets. Every per-portal key lives under that tag (keys.ts), so one SCAN over the tag is the whole
 * list and no new kind of key can be forgotten. The queue's jobs of the portal are the scheduler's to remove.
 */
export async function erasePortalKeys(redis: Redis, keys: AppKeys, portalId: number): Promise<number> {
  const pattern = `${keys.portal(portalId).base}:*`;
  let cursor = '0';
  let erased = 0;
  do {
    const [next, found] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    cursor = next;
    if (found.length) erased += await redis.unlink(...found);
  } while (cursor !== '0');
  await redis.srem(keys.portals, String(portalId));
  return erased;
}

/** Portals uninstalled at or before `cutoff` (their grace period is over), oldest first, at most `limit`. */
export async function portalsDueForErasure(redis: Redis, keys: AppKeys, cutoff: number, limit = 100): Promise<number[]> {
  const ids = await redis.zrangebyscore(keys.uninstalled, '-inf', cutoff, 'LIMIT', 0, limit);
  return ids.map(Number).filter((id) => Number.isInteger(id) && id > 0);
}

/** Takes a portal off the erasure schedule (its data is gone, or it was installed again). */
export async function unscheduleErasure(redis: Redis, keys: AppKeys, portalId: number): Promise<void> {
  await redis.zrem(keys.uninstalled, String(portalId));
}
