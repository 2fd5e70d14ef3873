import type { Job } from 'bullmq';
import { syncProperties } from '../signals/index.js';
import { eraseContacts } from '../store/contact-erasure.js';
import type { PipelineContext } from './context.js';
import { handBack } from './drain.js';
import { handleJobFailure } from './handle-failure.js';
import type { JobData } from './jobs.js';
import { scoreAndWrite } from './score-and-write.js';

/** HubSpot's batch limit: one batch read and at most one batch update per 100 contacts. */
export const SCORE_BATCH_SIZE = 100;

/** Whether the portal may be called at all; an uninstalled portal's pending work is dropped. */
export async function portalIsActive(ctx: PipelineContext, portalId: number): Promise<boolean> {
  const inst = await ctx.gateway.installations.get(portalId);
  return inst?.status === 'active';
}

/**
 * The score job: claims the portal's due dirty contacts 100 at a time (atomically, with a lease), reads exactly
 * the properties the published models and the signal mapping need in one batch read, scores, writes what
 * changed in one batch update, and loops while more are due. Contacts HubSpot reports as not found are erased.
 * A re-run of a job whose worker was killed takes back what that worker had claimed. Afterwards it makes sure
 * a job exists for the portal's next pending work.
 */
export async function processScore(ctx: PipelineContext, job: Job, token: string | undefined, data: JobData<'score'>) {
  const { portalId } = data;
  if (!(await portalIsActive(ctx, portalId))) {
    await ctx.dirty.clearPortal(portalId);
    return { skipped: 'not-installed' as const };
  }
  const models = await ctx.modelCache.published(portalId);
  const properties = syncProperties(models.map((m) => m.model));
  const gw = ctx.gateway.forPortal(portalId);
  const totals = { batches: 0, contacts: 0, written: 0, erased: 0 };

  for (;;) {
    // Shutting down: stop between batches; the job goes back to the queue for the portal's remaining contacts.
    if (ctx.drain.draining) return handBack(job, token, ctx.clock());
    const claim = await ctx.dirty.claimDue(portalId, ctx.clock(), SCORE_BATCH_SIZE, `job:${job.id}`);
    if (!claim.ids.length) break;
    const letGo = ctx.drain.hold(() => ctx.dirty.release(portalId, claim, ctx.clock()));
    try {
      if (models.length) {
        const read = await gw.batchReadContacts(claim.ids, properties);
        const gone = read.errors.filter((e) => e.category === 'OBJECT_NOT_FOUND').flatMap((e) => e.ids);
        await eraseContacts(ctx.redis, ctx.keys, portalId, gone);
        const stats = await scoreAndWrite(ctx, gw, portalId, read.results, models, new Map(), { live: true });
        totals.written += stats.written;
        totals.erased += gone.length;
      } else {
        // Nothing to score with, but the events webhooks appended are folded into the records (bounded).
        await ctx.records.update(portalId, claim.ids, (_id, rec) => rec);
      }
      await ctx.dirty.finish(portalId, claim);
      totals.batches++;
      totals.contacts += claim.ids.length;
    } catch (err) {
      return handleJobFailure(err, job, token, ctx.logger, async (decision, retryAt) => {
        if (decision === 'uninstalled') return ctx.dirty.clearPortal(portalId);
        if (decision === 'drop') return ctx.dirty.finish(portalId, claim);
        return ctx.dirty.release(portalId, claim, retryAt ?? ctx.clock());
      });
    } finally {
      letGo();
    }
  }

  // Contacts dirtied again while this run held them are due in a later window: make sure its job exists.
  // (Contacts another live run holds are that run's to finish; the sweep catches leases that expire.)
  const { dirtyDue } = await ctx.dirty.nextWakeUp(portalId);
  if (dirtyDue !== null && dirtyDue > ctx.clock()) await ctx.scheduler.scheduleScore(portalId, dirtyDue);
  if (totals.batches) ctx.logger.debug({ portalId, ...totals }, 'scored dirty contacts');
  return totals;
}
