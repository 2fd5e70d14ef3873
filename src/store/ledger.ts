import type { ChainableCommander, Redis } from 'ioredis';
import { eventKey, ledgerCutoff, parseEventKey, type LedgerBounds, type LedgerEvent } from '../signals/index.js';
import type { AppKeys } from './keys.js';
import { checkExec } from './lua.js';

/**
 * Each contact's signal ledger: a zset whose members are events' canonical strings and whose scores are their
 * times. Adding an event twice stores it once (idempotent redelivery), arrival order does not matter (sorted by
 * time), and the bounds of the ledger policy (age, count, newest kept) apply after every write.
 */
export function createLedgerStore(deps: { redis: Redis; keys: AppKeys; bounds: LedgerBounds }) {
  const { redis, keys, bounds } = deps;

  /** Trims a ledger to the policy's bounds (inside the same transaction as the write). */
  function queueTrim(tx: ChainableCommander, key: string, now: number): void {
    tx.zremrangebyscore(key, '-inf', `(${ledgerCutoff(now, bounds.maxAgeDays)}`);
    tx.zremrangebyrank(key, 0, -(bounds.maxEvents + 1));
  }

  /** Queues recording events in a contact's ledger; false (nothing queued) when none is recent enough. */
  function queueAppend(tx: ChainableCommander, portalId: number, contactId: string, events: LedgerEvent[], now: number): boolean {
    const cutoff = ledgerCutoff(now, bounds.maxAgeDays);
    const kept = events.filter((e) => e.at >= cutoff);
    if (!kept.length) return false;
    const p = keys.portal(portalId);
    const key = p.contact(contactId).ledger;
    tx.zadd(key, ...kept.flatMap((e) => [e.at, eventKey(e)]));
    queueTrim(tx, key, now);
    tx.sadd(p.contacts, contactId);
    return true;
  }

  return {
    queueAppend,

    /** Queues moving merged contacts' ledgers onto the survivor (the merged ledgers are erased separately). */
    queueCarry(tx: ChainableCommander, portalId: number, survivorId: string, mergedIds: string[], now: number): void {
      const p = keys.portal(portalId);
      const dest = p.contact(survivorId).ledger;
      const sources = [dest, ...mergedIds.map((id) => p.contact(id).ledger)];
      tx.zunionstore(dest, sources.length, ...sources, 'AGGREGATE', 'MIN');
      queueTrim(tx, dest, now);
      tx.sadd(p.contacts, survivorId);
    },

    /** Records events of several contacts now, in one transaction. */
    async append(portalId: number, byContact: Map<string, LedgerEvent[]>, now: number): Promise<void> {
      const tx = redis.multi();
      let queued = false;
      for (const [id, events] of byContact) queued = queueAppend(tx, portalId, id, events, now) || queued;
      // An unsent MULTI costs nothing: ioredis buffers it until exec().
      if (queued) checkExec(await tx.exec());
    },

    /** Reads the ledgers of several contacts in one round trip, oldest event first. */
    async read(portalId: number, contactIds: string[]): Promise<Map<string, LedgerEvent[]>> {
      const p = keys.portal(portalId);
      const pipe = redis.pipeline();
      for (const id of contactIds) pipe.zrange(p.contact(id).ledger, '0', '-1');
      const results = (await pipe.exec()) ?? [];
      const out = new Map<string, LedgerEvent[]>();
      contactIds.forEach((id, i) => {
        const [err, members] = results[i] ?? [null, []];
        if (err) throw err;
        out.set(id, (members as string[]).map(parseEventKey).filter((e): e is LedgerEvent => e !== null));
      });
      return out;
    },
  };
}

export type LedgerStore = ReturnType<typeof createLedgerStore>;
