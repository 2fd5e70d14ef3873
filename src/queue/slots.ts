/**
 * The worker process's job slots (its BullMQ concurrency), counted so a long bulk job can tell whether a fresh
 * score job could start in this process without it making room (see `shouldYield` in process-listing.ts), and so
 * bulk jobs never take the slots kept for fresh work.
 *
 * A process runs `bulkCapacity` (WORKER_CONCURRENCY) jobs of any kind plus `freshReserve` (WORKER_FRESH_SLOTS)
 * slots only plain jobs (score, sweep, analysis) may use. A bulk job holds its slot while it waits on its portal's
 * HubSpot budget (seconds at a time: the 10-second window); were every slot held so, a fresh webhook's score job
 * would wait that long. The reserve keeps a slot for it; giving way at page boundaries covers the rest.
 */
export type Slots = ReturnType<typeof createSlots>;

export function createSlots(bulkCapacity: number, freshReserve = 0) {
  let running = 0;
  let bulk = 0;
  return {
    /** Every slot of the process: its BullMQ concurrency. */
    size: bulkCapacity + freshReserve,
    /** Marks a slot taken (by a bulk job or not); returns the function that frees it. */
    take(kind: 'bulk' | 'fresh' = 'fresh'): () => void {
      running++;
      if (kind === 'bulk') bulk++;
      let freed = false;
      return () => {
        if (!freed) {
          running--;
          if (kind === 'bulk') bulk--;
        }
        freed = true;
      };
    },
    /** True when every slot of this process runs a job. */
    full(): boolean {
      return running >= bulkCapacity + freshReserve;
    },
    /** True when bulk jobs hold every slot they may use (another would take a slot kept for fresh work). */
    bulkFull(): boolean {
      return bulk >= bulkCapacity;
    },
  };
}
