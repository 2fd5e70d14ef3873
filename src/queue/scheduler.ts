import type { Queue } from 'bullmq';
import { jobIds, type JobData } from './jobs.js';

/** Jobs read per page when looking for one portal's jobs. */
const PAGE = 500;

/** How often the sweep runs (decay moments, orphaned work, erasure of uninstalled portals). */
export const SWEEP_EVERY_MS = 60_000;

/**
 * Enqueues the pipeline's jobs. BullMQ's attempts and exponential backoff are the one retry layer (STYLE.md §6);
 * finished jobs are removed so a deterministic id can be used again for a later window.
 */
export function createScheduler(deps: { queue: Queue; clock?: () => number; attempts?: number }) {
  const { queue } = deps;
  const clock = deps.clock ?? Date.now;
  const common = {
    attempts: deps.attempts ?? 8,
    backoff: { type: 'exponential', delay: 1_000 },
    removeOnComplete: true,
    removeOnFail: { age: 24 * 3600, count: 1000 },
  } as const;

  return {
    /** One score job per portal per settle window: it runs when the window ends. */
    async scheduleScore(portalId: number, dueAt: number): Promise<void> {
      const data: JobData<'score'> = { portalId };
      await queue.add('score', data, { ...common, jobId: jobIds.score(portalId, dueAt), delay: Math.max(0, dueAt - clock()) });
    },

    async enqueueBackfill(portalId: number, startedAt: number): Promise<void> {
      const data: JobData<'backfill'> = { portalId, startedAt };
      await queue.add('backfill', data, { ...common, jobId: jobIds.backfill(portalId, startedAt) });
    },

    async enqueueRescore(portalId: number, modelId: string, version: number, startedAt: number): Promise<void> {
      const data: JobData<'rescore'> = { portalId, modelId, version, startedAt };
      await queue.add('rescore', data, { ...common, jobId: jobIds.rescore(portalId, modelId, version) });
    },

    /** One learning run per request (the run's `requestedAt` names it); retried like the rest, then left failed. */
    async enqueueAnalysis(portalId: number, modelId: string, requestedAt: number): Promise<void> {
      const data: JobData<'analysis'> = { portalId, modelId, requestedAt };
      await queue.add('analysis', data, { ...common, attempts: 3, jobId: jobIds.analysis(portalId, modelId, requestedAt) });
    },

    /**
     * Removes every job of the portal that is not running (waiting, delayed, prioritized, failed or kept
     * completed), so no job data names the portal once its data is erased. Returns how many went and how many of
     * its jobs are running now (those end at their first installation check and are removed on completion).
     * Reads the queue page by page: erasure is rare, and BullMQ keeps no per-portal index.
     */
    async removePortalJobs(portalId: number): Promise<{ removed: number; running: number }> {
      let removed = 0;
      let running = 0;
      const ofPortal = (j: { data?: unknown } | undefined) => (j?.data as { portalId?: unknown } | undefined)?.portalId === portalId;
      for (const state of ['wait', 'delayed', 'prioritized', 'failed', 'completed', 'waiting-children'] as const) {
        for (let start = 0; ; start += PAGE) {
          const jobs = await queue.getJobs([state], start, start + PAGE - 1, true);
          const mine = jobs.filter(ofPortal);
          for (const job of mine) await job.remove().then(() => removed++, () => undefined);
          if (jobs.length < PAGE) break;
          // Removed jobs shift the following ones down a page.
          start -= mine.length;
        }
      }
      running = (await queue.getJobs(['active'])).filter(ofPortal).length;
      return { removed, running };
    },

    /** Installs the periodic sweep (idempotent: one scheduler however many processes start). */
    async ensureSweep(everyMs = SWEEP_EVERY_MS): Promise<void> {
      await queue.upsertJobScheduler('sweep', { every: everyMs }, { name: 'sweep', data: {}, opts: { removeOnComplete: true, removeOnFail: 100 } });
    },
  };
}

export type Scheduler = ReturnType<typeof createScheduler>;
