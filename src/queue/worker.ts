import { UnrecoverableError, Worker, type ConnectionOptions, type Job } from 'bullmq';
import { bulkRuns } from '../observability/metrics.js';
import type { PipelineContext } from './context.js';
import { handBack, returnToQueue } from './drain.js';
import { parseJob, QUEUE_NAME } from './jobs.js';
import { processListing } from './process-listing.js';
import { processScore } from './process-score.js';
import { processAnalysis } from './process-analysis.js';
import { processSweep } from './process-sweep.js';

/** The jobs that page through every contact of a portal (they run at BULK_PRIORITY and may not take fresh slots). */
const BULK_JOBS = new Set(['backfill', 'rescore']);

/**
 * The scoring worker: one BullMQ worker on the scoring queue, dispatching by job name. Stateless: any number of
 * processes on any number of machines may run it against the same Redis; the per-portal limiter, the atomic
 * claims and deterministic job ids keep their work from overlapping or exceeding HubSpot's limits.
 */
export function createScoringWorker(ctx: PipelineContext, opts: { connection: ConnectionOptions; prefix: string }) {
  const { config, logger } = ctx;

  /** Every job is held while it runs, so a shutdown that times out hands it back to the queue (see drain.ts). */
  async function run(job: Job, token?: string) {
    if (ctx.drain.draining) return handBack(job, token, ctx.clock());
    const bulk = BULK_JOBS.has(job.name);
    // A bulk job fetched into a slot kept for fresh work goes back, due again in a moment (another process, or
    // this one once a bulk job ends, takes it); checked and taken in one synchronous step.
    if (bulk && ctx.slots.bulkFull()) return handBack(job, token, ctx.clock());
    const free = ctx.slots.take(bulk ? 'bulk' : 'fresh');
    const letGo = ctx.drain.hold(() => returnToQueue(job, token, ctx.clock()), 1);
    try {
      return await dispatch(job, token);
    } finally {
      free();
      letGo();
    }
  }

  async function dispatch(job: Job, token?: string) {
    let parsed;
    try {
      parsed = parseJob(job.name, job.data);
    } catch (err) {
      throw new UnrecoverableError(`malformed ${job.name} job: ${err instanceof Error ? err.message : String(err)}`);
    }
    switch (parsed.name) {
      case 'score':
        return processScore(ctx, job, token, parsed.data);
      case 'backfill':
        return processListing(ctx, job, token, 'backfill', parsed.data);
      case 'rescore':
        return processListing(ctx, job, token, 'rescore', parsed.data);
      case 'sweep':
        return processSweep(ctx);
      case 'analysis':
        return processAnalysis(ctx, job, token, parsed.data);
    }
  }

  const worker = new Worker(QUEUE_NAME, run, {
    connection: opts.connection,
    prefix: opts.prefix,
    concurrency: ctx.slots.size,
    lockDuration: config.WORKER_LOCK_MS,
    stalledInterval: config.WORKER_LOCK_MS,
    // A job whose worker was killed is picked up again; a job that keeps killing workers is given up on.
    maxStalledCount: 3,
  });

  worker.on('failed', (job, err) => {
    const final = job && (err instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1));
    const portalId = (job?.data as { portalId?: number } | undefined)?.portalId;
    logger[final ? 'error' : 'warn']({ job: job?.name, jobId: job?.id, portalId, attempt: job?.attemptsMade, err: err.message }, final ? 'job failed' : 'job failed; will retry');
    if (final && portalId && (job.name === 'backfill' || job.name === 'rescore')) {
      void ctx.progress.finish(portalId, job.name, 'failed', err.message).catch(() => undefined);
      bulkRuns.inc({ kind: job.name, status: 'failed' });
    }
  });
  worker.on('error', (err) => logger.error({ err: err.message }, 'worker error (Redis connection?)'));
  return worker;
}
