import { DelayedError, WaitingError, type Job } from 'bullmq';

/**
 * A worker process's shutdown state. On SIGTERM the worker stops taking jobs and `start()` is called: every
 * processor stops at its next batch boundary and hands its job back to the queue. Whatever a processor holds
 * while it works (claimed contacts, the job itself) is registered with `hold`, so that if the shutdown deadline
 * passes first, `releaseAll` gives it back (contacts dirty again, job waiting again) before the process exits:
 * no contact stays claimed by a process that is gone, and no job waits for its lock to expire.
 */
export type Drain = ReturnType<typeof createDrain>;

type Held = { order: number; release: () => Promise<unknown> };

export function createDrain() {
  let draining = false;
  const held = new Set<Held>();
  let onEmpty: (() => void) | undefined;

  return {
    /** True once the shutdown began: processors finish their current batch and hand their job back. */
    get draining(): boolean {
      return draining;
    },
    start(): void {
      draining = true;
      if (!held.size) onEmpty?.();
    },
    /**
     * Registers what to give back if the deadline passes while it is held (lower `order` first: contacts before
     * the job that claimed them). Returns the function to call once it is no longer held.
     */
    hold(release: () => Promise<unknown>, order = 0): () => void {
      const h = { order, release };
      held.add(h);
      return () => {
        held.delete(h);
        if (!held.size) onEmpty?.();
      };
    },
    /** Resolves when nothing is held any more (every processor finished or handed its job back). */
    idle(): Promise<void> {
      if (!held.size) return Promise.resolve();
      return new Promise((resolve) => {
        onEmpty = resolve;
      });
    },
    /** Gives back everything still held (the deadline passed); returns how many things were released. */
    async releaseAll(): Promise<number> {
      const all = [...held].sort((a, b) => a.order - b.order);
      held.clear();
      for (const h of all) await h.release().catch(() => undefined);
      return all.length;
    },
  };
}

/**
 * How long a handed-back job waits before another worker may take it. Were it due at once, the stopping worker's
 * own fetch (already blocked in Redis when the drain began) could take it back in the instant before the worker
 * closes, leaving it active in a process that is exiting, until its lock expires.
 */
export const HAND_BACK_DELAY_MS = 1_000;

/**
 * Returns a running job to the queue without counting an attempt (BullMQ's documented way to delay a job from
 * inside its processor: moveToDelayed, then throw DelayedError). Another worker resumes it; a listing job resumes
 * at its saved cursor.
 */
export async function handBack(job: Job, token: string | undefined, now: number): Promise<never> {
  await returnToQueue(job, token, now);
  throw new DelayedError();
}

/** Moves a job this worker holds back to the queue, due after HAND_BACK_DELAY_MS (also at the shutdown deadline). */
export async function returnToQueue(job: Job, token: string | undefined, now: number): Promise<void> {
  await job.moveToDelayed(now + HAND_BACK_DELAY_MS, token);
}

/**
 * Gives a running bulk job's slot to fresher work: the job goes back to BullMQ's prioritized set at its own
 * priority (moveToWait, then WaitingError: not a failed attempt), so the plain jobs ahead of it are fetched
 * first and it resumes at its saved cursor when a slot is free.
 */
export async function yieldSlot(job: Job, token: string | undefined): Promise<never> {
  await job.moveToWait(token);
  throw new WaitingError();
}
