import type { Queue } from 'bullmq';
import { jobIds, type JobData } from './jobs.js';

/** Jobs read per page when looking for one portal's jobs. */
const PAGE = 500;

/**
 * The BullMQ priority of backfill and rescore jobs. BullMQ takes a plain job (no priority: the `wait` list) before
 * any prioritized one, and prioritized ones by lowest number first (1 is the highest of them); so score, sweep and
 * analysis jobs, which stay plain, are always fetched before waiting bulk work, whatever its portal.
 */
export const BULK_PRIORITY = 10;

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
      await queue.add('backfill', data, { ...common, priority: BULK_PRIORITY, jobId: jobIds.backfill(portalId, startedAt) });
    },

    async enqueueRescore(portalId: number, modelId: string, version: number, startedAt: number): Promise<void> {
      const data: JobData<'rescore'> = { portalId, modelId, version, startedAt };
      await queue.add('rescore', data, { ...common, priority: BULK_PRIORITY, jobId: jobIds.rescore(portalId, modelId, version) });
    },

    /** One learning run per request (the run's `requestedAt` names it); retried like the rest, then left failed. */
    async enqueueAnalysis(portalId: number, modelId: string, requestedAt: number): Promise<void> {
      const data: JobData<'analysis'> = { portalId, modelId, requestedAt };
      await queue.add('analysis', data, { ...common, attempts: 3, jobId: jobIds.analysis(portalId, modelId, requestedAt) });
    },

    /**
     * True when a plain job (score, sweep or analysis) is ready to run: one in the `wait` list, or the earliest
     * delayed job when it is plain and due (a settle window's score job stays in the delayed set until some
     * worker fetches, which a process whose every slot is busy does not do). A bulk job asks only when its
     * process has no free slot. The due time is the job's `timestamp + delay`; for a job moved back to the
     * delayed set (rate limited, handed back) that is earlier than its real due time, so such a job can make a
     * bulk job give way once more than needed, which costs one fetch.
     */
    async freshWorkDue(now: number): Promise<boolean> {
      const [waiting, [next]] = await Promise.all([queue.getWaitingCount(), queue.getDelayed(0, 0)]);
      if (waiting > 0) return true;
      return !!next && !next.opts.priority && next.timestamp + (next.delay ?? 0) <= now;
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
