import type { PipelineContext } from './context.js';
import { erasePortalKeys, portalsDueForErasure, unscheduleErasure } from '../store/portal-erasure.js';

const DAY_MS = 24 * 3600_000;

type ErasureContext = Pick<PipelineContext, 'redis' | 'keys' | 'scheduler' | 'logger'>;

/**
 * Erases a portal now: its queued jobs first (so none starts on half-erased data), then every key under its hash
 * tag. A job of the portal running at this moment ends at its installation check, but may still write a key as it
 * ends (progress, dirty set): the portal then stays scheduled, due at once, and the next sweep erases it again.
 */
export async function erasePortal(ctx: ErasureContext, portalId: number): Promise<{ keys: number; jobs: number }> {
  const jobs = await ctx.scheduler.removePortalJobs(portalId);
  const keys = await erasePortalKeys(ctx.redis, ctx.keys, portalId);
  if (jobs.running > 0) await ctx.redis.zadd(ctx.keys.uninstalled, 0, String(portalId));
  else await unscheduleErasure(ctx.redis, ctx.keys, portalId);
  ctx.logger.info({ portalId, keys, jobs: jobs.removed, running: jobs.running }, 'portal data erased');
  return { keys, jobs: jobs.removed };
}

/**
 * The sweep's part: erases every portal uninstalled at least UNINSTALL_GRACE_DAYS ago and not installed since.
 * Returns how many portals were erased.
 */
export async function eraseExpiredPortals(ctx: ErasureContext & Pick<PipelineContext, 'config' | 'gateway'>, now: number): Promise<number> {
  const cutoff = now - ctx.config.UNINSTALL_GRACE_DAYS * DAY_MS;
  let erased = 0;
  for (const portalId of await portalsDueForErasure(ctx.redis, ctx.keys, cutoff)) {
    if (await ctx.gateway.installations.isActive(portalId)) {
      await unscheduleErasure(ctx.redis, ctx.keys, portalId);
      continue;
    }
    await erasePortal(ctx, portalId);
    erased++;
  }
  return erased;
}
