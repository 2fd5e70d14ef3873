import { forgetActivePortal } from './active-portals.js';
import type { AppKeys } from './keys.js';
import { scanKeys, unlinkKeys, type RedisClient } from './redis-client.js';

/**
 * Erasing everything the app holds about a portal: every key under the portal's hash tag (`prefix:{p:ID}:…`:
 * installation, models, ledgers, scores, snapshots, progress, analysis, limiter and lock state) and its entries in
 * the app-wide sets. Every per-portal key lives under that tag (keys.ts), so one SCAN over the tag is the whole
 * list and no new kind of key can be forgotten. The queue's jobs of the portal are the scheduler's to remove.
 */
export async function erasePortalKeys(redis: RedisClient, keys: AppKeys, portalId: number): Promise<number> {
  const pattern = `${keys.portal(portalId).base}:*`;
  let erased = 0;
  // On a cluster the tag's keys live on one master; scanKeys walks every master, so none is missed.
  for await (const found of scanKeys(redis, pattern)) erased += await unlinkKeys(redis, found);
  await redis.srem(keys.portals, String(portalId));
  await forgetActivePortal(redis, keys, portalId);
  return erased;
}

/** Portals uninstalled at or before `cutoff` (their grace period is over), oldest first, at most `limit`. */
export async function portalsDueForErasure(redis: RedisClient, keys: AppKeys, cutoff: number, limit = 100): Promise<number[]> {
  const ids = await redis.zrangebyscore(keys.uninstalled, '-inf', cutoff, 'LIMIT', 0, limit);
  return ids.map(Number).filter((id) => Number.isInteger(id) && id > 0);
}

/** Takes a portal off the erasure schedule (its data is gone, or it was installed again). */
export async function unscheduleErasure(redis: RedisClient, keys: AppKeys, portalId: number): Promise<void> {
  await redis.zrem(keys.uninstalled, String(portalId));
}
