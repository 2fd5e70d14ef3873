import type { ChainableCommander } from 'ioredis';
import { ledgerCutoff, type LedgerBounds, type LedgerEvent } from '../signals/index.js';
import { encodeCarryHeader, encodeEventBatch } from './contact-record.js';
import type { RecordStore } from './contact-records.js';

/**
 * Each contact's signal ledger, kept inside its compact record (contact-record.ts). Adding an event twice stores
 * it once (identity: eventKey), arrival order does not matter (sorted by time), and the bounds of the ledger
 * policy (age, count, newest kept) apply as of every write, exactly as the zset store this replaced applied them:
 * an append is a tail batch stamped with its time, folded into the ledger in order on the next read or write.
 */
export function createLedgerStore(deps: { records: RecordStore; bounds: LedgerBounds }) {
  const { records, bounds } = deps;

  /** The tail batch of each contact with events recent enough to keep (none: nothing to record). */
  function batches(byContact: Map<string, LedgerEvent[]>, now: number): Map<string, Buffer> {
    const cutoff = ledgerCutoff(now, bounds.maxAgeDays);
    const out = new Map<string, Buffer>();
    for (const [contactId, events] of byContact) {
      const kept = events.filter((e) => e.at >= cutoff);
      if (kept.length) out.set(contactId, encodeEventBatch(kept, now));
    }
    return out;
  }

  /** Queues recording events of several contacts as one script; false (nothing queued) when none is recent enough. */
  function queueAppendMany(tx: ChainableCommander, portalId: number, byContact: Map<string, LedgerEvent[]>, now: number): boolean {
    const b = batches(byContact, now);
    records.queueAppend(tx, portalId, b);
    return b.size > 0;
  }

  return {
    queueAppendMany,

    /** Queues moving merged contacts' ledgers onto the survivor (the merged records are erased separately). */
    queueCarry(tx: ChainableCommander, portalId: number, survivorId: string, mergedIds: string[], now: number): void {
      records.queueCarry(tx, portalId, survivorId, mergedIds, encodeCarryHeader(now));
    },

    /** Records events of several contacts now (one script call; an overgrown record is compacted at once). */
    async append(portalId: number, byContact: Map<string, LedgerEvent[]>, now: number): Promise<void> {
      await records.append(portalId, batches(byContact, now));
    },

    /** Reads the ledgers of several contacts in one round trip, oldest event first. */
    async read(portalId: number, contactIds: string[]): Promise<Map<string, LedgerEvent[]>> {
      const recs = await records.read(portalId, contactIds);
      return new Map(contactIds.map((id) => [id, recs.get(id)?.ledger ?? []]));
    },
  };
}

export type LedgerStore = ReturnType<typeof createLedgerStore>;
