import { ORPHAN_GRACE_MS, type DuePortal } from '../store/active-portals.js';
import type { PipelineContext } from './context.js';
import { eraseExpiredPortals } from './erase-portal.js';

/** Contacts promoted from the decay schedule per portal per sweep (the rest wait for the next sweep). */
const DECAY_PER_SWEEP = 10_000;
/** Due index entries read per round trip. */
const DUE_PAGE = 500;
/** Portals looked at per sweep at most (the rest stay due for the next one). */
const MAX_VISITS = 20_000;

/** What one sweep did: portals looked at (due in the index, or audited), contacts decayed, jobs restarted, portals erased. */
export type SweepStats = { due: number; audited: number; decayed: number; restarted: number; erased: number };

/**
 * The periodic sweep over the portals with work due (the active-portal index, active-portals.ts), not over every
 * installed portal: contacts whose decay moment has come become dirty (so decay is honoured without rescoring
 * everyone), a portal with overdue dirty contacts or expired claims (a worker died and its job was given up) gets
 * a score job again, and portals uninstalled longer than the grace period are erased (their own schedule). Then
 * the audit: a few installed portals (SWEEP_AUDIT_COUNT, the next ones of a cursor over the installed set) are
 * looked at the same way, so an index entry lost in a failover costs a delay, not the portal's decay or work.
 */
export async function processSweep(ctx: PipelineContext): Promise<SweepStats> {
  const now = ctx.clock();
  const stats: SweepStats = { due: 0, audited: 0, decayed: 0, restarted: 0, erased: 0 };
  const visited = new Set<number>();
  while (visited.size < MAX_VISITS) {
    const page = await ctx.active.due(now, DUE_PAGE);
    const fresh = page.filter((p) => !visited.has(p.portalId));
    for (const portal of fresh) {
      visited.add(portal.portalId);
      stats.due++;
      await visitPortal(ctx, portal, now, stats);
    }
    // Entries written while being looked at stay due: they are for the next sweep, not another page of this one.
    if (!fresh.length || page.length < DUE_PAGE) break;
  }
  for (const portal of await ctx.active.auditBatch(ctx.config.SWEEP_AUDIT_COUNT)) {
    if (visited.has(portal.portalId)) continue;
    visited.add(portal.portalId);
    stats.audited++;
    await visitPortal(ctx, portal, now, stats);
  }
  stats.erased = await eraseExpiredPortals(ctx, ctx.clock());
  return stats;
}

/** Looks at one portal from its own keys: promotes due decay, restarts lost work, and files its next wake-up. */
async function visitPortal(ctx: PipelineContext, portal: DuePortal, now: number, stats: SweepStats): Promise<void> {
  const { portalId } = portal;
  // An uninstalled portal's pending work is dropped (its score job clears it); erasure has its own schedule.
  if (!(await ctx.gateway.installations.isActive(portalId))) {
    await ctx.active.settle(portal, null);
    return;
  }
  const moved = await ctx.dirty.promoteDecay(portalId, now, DECAY_PER_SWEEP);
  stats.decayed += moved;
  const [{ dirtyDue, leaseExpiry }, decayAt] = await Promise.all([ctx.dirty.nextWakeUp(portalId), ctx.dirty.nextDecayAt(portalId)]);
  const orphaned = (dirtyDue !== null && dirtyDue <= now - ORPHAN_GRACE_MS) || (leaseExpiry !== null && leaseExpiry <= now);
  if (moved > 0 || orphaned) {
    await ctx.scheduler.scheduleScore(portalId, now);
    stats.restarted++;
  }
  await ctx.active.settle(portal, nextWakeUp({ dirtyDue, leaseExpiry, decayAt }, now));
}

/**
 * When the sweep must look at a portal again: once its dirty contacts would be overdue, its earliest claim
 * expires, or its next decay moment comes; work that is overdue now (a job was just scheduled for it) is looked
 * at again after the grace. Null: nothing pending.
 */
export function nextWakeUp(s: { dirtyDue: number | null; leaseExpiry: number | null; decayAt: number | null }, now: number): number | null {
  const times: number[] = [];
  if (s.dirtyDue !== null) times.push(s.dirtyDue + ORPHAN_GRACE_MS > now ? s.dirtyDue + ORPHAN_GRACE_MS : now + ORPHAN_GRACE_MS);
  if (s.leaseExpiry !== null) times.push(s.leaseExpiry > now ? s.leaseExpiry : now + ORPHAN_GRACE_MS);
  if (s.decayAt !== null) times.push(s.decayAt);
  return times.length ? Math.min(...times) : null;
}
