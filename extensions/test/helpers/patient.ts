import type { WaitForOptions } from '@hubspot/ui-extensions/testing';

/**
 * The renderer's `waitFor` gives up after 1 s; on a busy 2-core CI machine a few chained fake requests can take
 * longer. Same checks, more patience (a failing check still fails, just later).
 */
export function patient<R extends { waitFor: (check: () => void, options?: WaitForOptions) => Promise<void> }>(renderer: R): R {
  return { ...renderer, waitFor: (check: () => void, options?: WaitForOptions) => renderer.waitFor(check, options ?? { timeoutInMs: 5000 }) };
}
