import type { RedisClient } from './redis-client.js';
import type { LedgerEvent } from '../signals/index.js';
import { queueEraseContacts } from './contact-erasure.js';
import type { DirtyStore } from './dirty.js';
import type { AppKeys } from './keys.js';
import type { LedgerStore } from './ledger.js';
import { checkExec } from './lua.js';

/**
 * Everything one webhook batch changes for one portal, applied in a single MULTI so nothing half-applies: the
 * request answers 2xx only after `commit` resolved, and a failed commit changed nothing (HubSpot retries the
 * batch, and every step is idempotent, so a retry after a partial multi-portal failure is harmless too).
 */
export type SignalBatch = {
  /** Records events in the contact's ledger and marks it dirty. */
  record(contactId: string, events: LedgerEvent[]): void;
  /** Marks the contact dirty (its properties or associations changed). */
  touch(contactId: string): void;
  /** Erases everything stored about the contact. */
  erase(contactId: string): void;
  /** Carries the merged contacts' ledgers to the survivor, erases them, marks the survivor dirty. */
  merge(survivorId: string, mergedIds: string[]): void;
  /** Whether committing will mark any contact dirty (so the portal must be in the active-portal index first). */
  marksDirty(): boolean;
  /** Applies the batch. `due`: when the dirty contacts' settle window ends (null when none was marked). */
  commit(): Promise<{ due: number | null; dirty: number; erased: number }>;
};

export function createSignalBatch(
  deps: { redis: RedisClient; keys: AppKeys; ledger: LedgerStore; dirty: DirtyStore },
  portalId: number,
  now: number,
): SignalBatch {
  const ops: ((tx: ReturnType<RedisClient['multi']>) => void)[] = [];
  /** Events to record, per contact: queued first, as one script (erasures and merges queued after still win). */
  const recorded = new Map<string, LedgerEvent[]>();
  const dirty = new Set<string>();
  const erased = new Set<string>();

  const erase = (ids: string[]) => {
    if (!ids.length) return;
    ops.push((tx) => queueEraseContacts(tx, deps.keys, portalId, ids));
    for (const id of ids) {
      dirty.delete(id);
      erased.add(id);
    }
  };

  return {
    // Deletion wins within a batch: a later event about an erased contact must not recreate it.
    record(contactId, events) {
      if (erased.has(contactId)) return;
      recorded.set(contactId, [...(recorded.get(contactId) ?? []), ...events]);
      dirty.add(contactId);
    },
    touch(contactId) {
      if (!erased.has(contactId)) dirty.add(contactId);
    },
    erase(contactId) {
      erase([contactId]);
    },
    merge(survivorId, mergedIds) {
      const losers = mergedIds.filter((id) => id !== survivorId);
      if (losers.length) {
        ops.push((tx) => deps.ledger.queueCarry(tx, portalId, survivorId, losers, now));
        erase(losers);
      }
      dirty.add(survivorId);
    },
    marksDirty() {
      return dirty.size > 0;
    },
    async commit() {
      if (!ops.length && !dirty.size) return { due: null, dirty: 0, erased: 0 };
      const tx = deps.redis.multi();
      deps.ledger.queueAppendMany(tx, portalId, recorded, now);
      for (const op of ops) op(tx);
      if (dirty.size) deps.dirty.queueMarkDirty(tx, portalId, [...dirty], now);
      const results = checkExec(await tx.exec());
      return { due: dirty.size ? Number(results[results.length - 1]) : null, dirty: dirty.size, erased: erased.size };
    },
  };
}
