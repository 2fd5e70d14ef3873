import { Job, type Queue } from 'bullmq';
import { JobSchemas } from '../queue/jobs.js';
import { setQueueSource, type QueueSnapshot } from './metrics.js';

const NAMES = Object.keys(JobSchemas);

/** BullMQ job states reported, and the lists/sets each one sums. */
const STATES = { waiting: ['wait', 'prioritized'], delayed: ['delayed'], active: ['active'] } as const;

/**
 * The job's name from its id: ids are deterministic and start with the name (src/queue/jobs.ts `jobIds`); the
 * sweep's ids come from BullMQ's job scheduler. Reading ids only (no job hashes) keeps a scrape cheap.
 */
export function jobNameOf(id: string): string {
  const name = NAMES.find((n) => id.startsWith(`${n}-`));
  if (name) return name;
  return id.includes('sweep') ? 'sweep' : 'other';
}

/** Counts the queue's jobs by name and state, and the age of the oldest ready job of each name. */
export async function readQueueSnapshot(queue: Queue, now: number): Promise<QueueSnapshot> {
  const jobs: QueueSnapshot['jobs'] = [];
  const oldestIds = new Map<string, string>();
  for (const [state, types] of Object.entries(STATES)) {
    // Ascending: the wait list's oldest job first.
    const ids = await queue.getRanges([...types], 0, -1, true);
    const counts = new Map<string, number>();
    for (const id of ids) {
      const name = jobNameOf(id);
      counts.set(name, (counts.get(name) ?? 0) + 1);
      if (state === 'waiting' && !oldestIds.has(name)) oldestIds.set(name, id);
    }
    for (const [name, count] of counts) jobs.push({ name, state, count });
  }
  const oldestWaitingSeconds: QueueSnapshot['oldestWaitingSeconds'] = [];
  for (const [name, id] of oldestIds) {
    const job = await Job.fromId(queue, id);
    if (!job) continue;
    const dueAt = job.timestamp + (job.delay ?? 0);
    oldestWaitingSeconds.push({ name, seconds: Math.max(0, now - dueAt) / 1000 });
  }
  return { jobs, oldestWaitingSeconds };
}

/** Makes `/metrics` report this queue; returns the function that stops it (at shutdown). */
export function observeQueue(queue: Queue, clock: () => number = Date.now): () => void {
  return setQueueSource(() => readQueueSnapshot(queue, clock()));
}
