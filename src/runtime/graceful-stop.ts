import type { Server } from 'node:http';
import type { Worker } from 'bullmq';
import type { Logger } from '../logger.js';
import type { Drain } from '../queue/drain.js';

/**
 * The SIGTERM drain, bounded by `deadlineMs`:
 * 1. the drain starts: `/readyz` answers 503, processors stop at their next batch boundary and hand their job back;
 * 2. the web stops accepting connections and finishes its in-flight requests; the worker takes no new job;
 * 3. once both are done, or at the deadline, whatever is still held is given back (claimed contacts dirty again,
 *    jobs back in the queue) and the remaining connections are cut.
 * Returns whether everything finished before the deadline.
 */
export async function gracefulStop(parts: { server?: Server; worker?: Worker; drain: Drain; deadlineMs: number; logger: Logger }): Promise<boolean> {
  const { server, worker, drain, logger } = parts;
  drain.start();
  const web = server
    ? new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      })
    : Promise.resolve();
  const jobs = worker ? worker.pause(true).then(() => drain.idle()) : Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), parts.deadlineMs);
  });
  const finished = await Promise.race([Promise.all([web, jobs]).then(() => true as const), deadline]);
  clearTimeout(timer);
  if (!finished) {
    const released = await drain.releaseAll();
    logger.warn({ deadlineMs: parts.deadlineMs, released }, 'shutdown deadline passed: handed back what was still running');
    server?.closeAllConnections();
  }
  // Jobs are finished or handed back: do not wait for processors the deadline cut short.
  await worker?.close(true);
  return finished;
}
