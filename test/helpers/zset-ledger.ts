import type { Redis } from 'ioredis';
import { eventKey, ledgerCutoff, parseEventKey, type LedgerBounds, type LedgerEvent } from '../../src/signals/index.js';

/**
 * The ledger store as it was before the compact records (one zset per contact: members are events' canonical
 * strings, scores their times), kept as the reference the packed ledger must agree with. Keys live under
 * `prefix`, which the test owns.
 */
export function zsetLedger(redis: Redis, prefix: string, bounds: LedgerBounds) {
  const key = (id: string) => `${prefix}:zl:${id}`;
  const trim = async (k: string, now: number) => {
    await redis.zremrangebyscore(k, '-inf', `(${ledgerCutoff(now, bounds.maxAgeDays)}`);
    await redis.zremrangebyrank(k, 0, -(bounds.maxEvents + 1));
  };
  return {
    async append(byContact: Map<string, LedgerEvent[]>, now: number): Promise<void> {
      const cutoff = ledgerCutoff(now, bounds.maxAgeDays);
      for (const [id, events] of byContact) {
        const kept = events.filter((e) => e.at >= cutoff);
        if (!kept.length) continue;
        await redis.zadd(key(id), ...kept.flatMap((e) => [String(e.at), eventKey(e)]));
        await trim(key(id), now);
      }
    },
    async carry(survivorId: string, mergedIds: string[], now: number): Promise<void> {
      const sources = [key(survivorId), ...mergedIds.map(key)];
      await redis.zunionstore(key(survivorId), sources.length, ...sources, 'AGGREGATE', 'MIN');
      await trim(key(survivorId), now);
      if (mergedIds.length) await redis.del(...mergedIds.map(key));
    },
    async read(id: string): Promise<LedgerEvent[]> {
      return (await redis.zrange(key(id), '0', '-1')).map((m) => parseEventKey(m)).filter((e): e is LedgerEvent => e !== null);
    },
  };
}
