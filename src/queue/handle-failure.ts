import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import { dispositionOf, RateLimitedError } from '../hubspot/errors.js';
import type { Logger } from '../logger.js';

/**
 * The one place a job's HubSpot failure becomes a queue decision (ARCHITECTURE.md "Error model"):
 * - rate limited → the job waits in BullMQ's delayed set until the portal's pause ends (not a failed attempt);
 * - uninstalled → UnrecoverableError: no retry, no further HubSpot call;
 * - give-up (a 4xx other than 401/429, an unusable answer) → UnrecoverableError;
 * - anything else → rethrown, and BullMQ's attempts with exponential backoff retry it.
 * `cleanup` runs first with the decision, so claimed contacts can be put back or dropped accordingly.
 */
export async function handleJobFailure(
  err: unknown,
  job: Job,
  token: string | undefined,
  logger: Logger,
  cleanup: (decision: 'delay' | 'drop' | 'uninstalled' | 'retry', retryAt?: number) => Promise<void>,
): Promise<never> {
  if (err instanceof RateLimitedError) {
    await cleanup('delay', err.retryAt);
    await job.moveToDelayed(err.retryAt, token);
    throw new DelayedError();
  }
  const disposition = dispositionOf(err);
  const message = err instanceof Error ? err.message : String(err);
  if (disposition === 'uninstalled') {
    await cleanup('uninstalled');
    throw new UnrecoverableError(message);
  }
  if (disposition === 'give-up') {
    await cleanup('drop');
    logger.error({ job: job.name, jobId: job.id, code: (err as { code?: string }).code, err: message }, 'job gave up: HubSpot refused the request (not retried)');
    throw new UnrecoverableError(message);
  }
  await cleanup('retry');
  throw err;
}
