import type { PipelineContext } from './context.js';
import { eraseExpiredPortals } from './erase-portal.js';

/** Contacts promoted from the decay schedule per portal per sweep (the rest wait for the next sweep). */
const DECAY_PER_SWEEP = 10_000;
/** A portal whose dirty contacts are overdue by this much has lost its job (e.g. Redis failed after a commit). */
const ORPHAN_GRACE_MS = 30_000;

/**
 * The periodic sweep over installed portals: contacts whose decay moment has come become dirty (so decay is
 * honoured without rescoring everyone), a portal with overdue dirty contacts or expired claims (a worker
 * died and its job was given up) gets a score job again, and portals uninstalled longer than the grace period
 * are erased.
 */
export async function processSweep(ctx: PipelineContext) {
  const portals = (await ctx.redis.smembers(ctx.keys.portals)).map(Number).filter((p) => Number.isInteger(p) && p > 0);
  let decayed = 0;
  let restarted = 0;
  for (const portalId of portals) {
    const now = ctx.clock();
    const moved = await ctx.dirty.promoteDecay(portalId, now, DECAY_PER_SWEEP);
    decayed += moved;
    const { dirtyDue, leaseExpiry } = await ctx.dirty.nextWakeUp(portalId);
    const orphaned = (dirtyDue !== null && dirtyDue <= now - ORPHAN_GRACE_MS) || (leaseExpiry !== null && leaseExpiry <= now);
    if (moved > 0 || orphaned) {
      await ctx.scheduler.scheduleScore(portalId, now);
      restarted++;
    }
  }
  const erased = await eraseExpiredPortals(ctx, ctx.clock());
  return { portals: portals.length, decayed, restarted, erased };
}
