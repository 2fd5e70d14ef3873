/**
 * The worker process's job slots (its BullMQ concurrency), counted so a long bulk job can tell whether a fresh
 * score job could start in this process without it making room (see `shouldYield` in process-listing.ts).
 */
export type Slots = ReturnType<typeof createSlots>;

export function createSlots(capacity: number) {
  let running = 0;
  return {
    /** Marks a slot taken; returns the function that frees it. */
    take(): () => void {
      running++;
      let freed = false;
      return () => {
        if (!freed) running--;
        freed = true;
      };
    },
    /** True when every slot of this process runs a job. */
    full(): boolean {
      return running >= capacity;
    },
  };
}
