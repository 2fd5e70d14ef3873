import type { ChainableCommander } from 'ioredis';
import type { RedisClient } from './redis-client.js';
import { eventKey, ledgerCutoff, parseEventKey, type LedgerBounds, type LedgerEvent } from '../signals/index.js';
import type { AppKeys } from './keys.js';
import { checkExec, luaScript } from './lua.js';

/**
 * KEYS: contacts set, then one ledger per contact. ARGV: cutoff, maxEvents, then per ledger: contact id, pair
 * count n, n × (time, event). Adds each contact's events, trims its ledger to the bounds and lists the contact:
 * one command for a whole batch instead of four per contact (a webhook batch of 100 events was ~400 commands).
 */
const APPEND_MANY = luaScript(`
local cutoff = ARGV[1]
local keep = tonumber(ARGV[2])
local a = 3
for i = 2, #KEYS do
  local id = ARGV[a]
  local n = tonumber(ARGV[a + 1])
  a = a + 2
  for from = 0, n - 1, 500 do
    local args = {}
    for j = from, math.min(n, from + 500) - 1 do
      args[#args + 1] = ARGV[a + 2 * j]
      args[#args + 1] = ARGV[a + 2 * j + 1]
    end
    redis.call('ZADD', KEYS[i], unpack(args))
  end
  a = a + 2 * n
  redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', '(' .. cutoff)
  redis.call('ZREMRANGEBYRANK', KEYS[i], 0, -(keep + 1))
  redis.call('SADD', KEYS[1], id)
end
return #KEYS - 1`);

/**
 * Each contact's signal ledger: a zset whose members are events' canonical strings and whose scores are their
 * times. Adding an event twice stores it once (idempotent redelivery), arrival order does not matter (sorted by
 * time), and the bounds of the ledger policy (age, count, newest kept) apply after every write.
 */
export function createLedgerStore(deps: { redis: RedisClient; keys: AppKeys; bounds: LedgerBounds }) {
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

  /** Queues recording events of several contacts as one script; false (nothing queued) when none is recent enough. */
  function queueAppendMany(tx: ChainableCommander, portalId: number, byContact: Map<string, LedgerEvent[]>, now: number): boolean {
    const cutoff = ledgerCutoff(now, bounds.maxAgeDays);
    const p = keys.portal(portalId);
    const ledgers: string[] = [];
    const args: (string | number)[] = [cutoff, bounds.maxEvents];
    for (const [contactId, events] of byContact) {
      const kept = events.filter((e) => e.at >= cutoff);
      if (!kept.length) continue;
      ledgers.push(p.contact(contactId).ledger);
      args.push(contactId, kept.length, ...kept.flatMap((e) => [e.at, eventKey(e)]));
    }
    if (!ledgers.length) return false;
    APPEND_MANY.queue(tx, [p.contacts, ...ledgers], args);
    return true;
  }

  return {
    queueAppend,
    queueAppendMany,

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
      // An unsent MULTI costs nothing: ioredis buffers it until exec().
      if (queueAppendMany(tx, portalId, byContact, now)) checkExec(await tx.exec());
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
