import type { Queue } from 'bullmq';
import { jobIds, type JobData } from './jobs.js';

/** How often the sweep runs (decay moments, orphaned work). */
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

    /** Installs the periodic sweep (idempotent: one scheduler however many processes start). */
    async ensureSweep(everyMs = SWEEP_EVERY_MS): Promise<void> {
      await queue.upsertJobScheduler('sweep', { every: everyMs }, { name: 'sweep', data: {}, opts: { removeOnComplete: true, removeOnFail: 100 } });
    },
  };
}

export type Scheduler = ReturnType<typeof createScheduler>;
