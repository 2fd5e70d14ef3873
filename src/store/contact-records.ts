import type { ChainableCommander } from 'ioredis';
import type { LedgerBounds } from '../signals/index.js';
import { decodeRecord, emptyRecord, encodeRecord, type ContactRecord } from './contact-record.js';
import type { Dictionary } from './dictionary.js';
import { RECORD_BUCKETS, recordBucket, type AppKeys } from './keys.js';
import { checkExec, luaScript } from './lua.js';
import type { RedisClient } from './redis-client.js';

/**
 * The contact records of every portal (contact-record.ts), one field per contact in the portal's bucket hashes.
 * Writers never read-modify-write blindly: a batch is read, transformed in Node and written back by a script that
 * replaces exactly the bytes that were read, keeping whatever another process appended since (a webhook's events
 * land in the tail); a record changed some other way is read and transformed again. Appends and carries are
 * byte concatenations in Lua, so the web process stays one script call per webhook batch.
 */

const VARINT_LUA = `
local function varint(n)
  local s = ''
  while n >= 128 do
    s = s .. string.char(n % 128 + 128)
    n = math.floor(n / 128)
  end
  return s .. string.char(n)
end`;

/** KEYS: buckets. ARGV: empty record, then per item: key index, field, bytes → each record's new length. */
const APPEND = luaScript(`
local out = {}
for i = 2, #ARGV, 3 do
  local key = KEYS[tonumber(ARGV[i])]
  local cur = redis.call('HGET', key, ARGV[i + 1]) or ARGV[1]
  local v = cur .. ARGV[i + 2]
  redis.call('HSET', key, ARGV[i + 1], v)
  out[#out + 1] = #v
end
return out`);

/**
 * KEYS: buckets (the survivor's first). ARGV: empty record, carry header, survivor id, then per merged contact:
 * key index, id. Appends the merged contacts' records to the survivor's tail (the fold unions their ledgers).
 */
const CARRY = luaScript(`${VARINT_LUA}
local parts = {}
for i = 4, #ARGV, 2 do
  local v = redis.call('HGET', KEYS[tonumber(ARGV[i])], ARGV[i + 1])
  if v then parts[#parts + 1] = varint(#v) .. v end
end
local cur = redis.call('HGET', KEYS[1], ARGV[3])
if not cur and #parts == 0 then return 0 end
redis.call('HSET', KEYS[1], ARGV[3], (cur or ARGV[1]) .. ARGV[2] .. varint(#parts) .. table.concat(parts))
return 1`);

/**
 * KEYS: decay schedule, then buckets. ARGV per item: key index, field, the value read ('' none), the new record,
 * decay member → per item 1 written, 0 changed meanwhile (read again), 2 erased meanwhile (dropped: an erased
 * contact is not brought back). A written record's decay moment (bytes 2–7) moves its bucket's schedule earlier.
 */
const WRITE = luaScript(`
local out = {}
for i = 1, #ARGV, 5 do
  local key = KEYS[tonumber(ARGV[i])]
  local old = ARGV[i + 2]
  local cur = redis.call('HGET', key, ARGV[i + 1])
  local r = 0
  local v = nil
  if not cur then
    if old == '' then v = ARGV[i + 3] else r = 2 end
  elseif old ~= '' and string.sub(cur, 1, #old) == old then
    v = ARGV[i + 3] .. string.sub(cur, #old + 1)
  end
  if v then
    redis.call('HSET', key, ARGV[i + 1], v)
    local t = 0
    for b = 2, 7 do t = t * 256 + string.byte(v, b) end
    if t > 0 then redis.call('ZADD', KEYS[1], 'LT', t, ARGV[i + 4]) end
    r = 1
  end
  out[#out + 1] = r
end
return out`);

class MissingCode extends Error {
  constructor(readonly code: number) {
    super(`dictionary code ${code} not cached`);
  }
}

/** A record whose value grew past this (an unfolded tail) is compacted right after an append outside a webhook. */
const COMPACT_OVER_BYTES = 4096;
const MAX_ATTEMPTS = 20;
const EMPTY = encodeRecord(emptyRecord(), () => 0);

/** The decay schedule's member for a bucket (not a bare number, which could read as a contact id). */
export const decayMember = (bucket: number) => `b${bucket}`;

/**
 * Groups ids by bucket key: `keys` lists the distinct keys (after `lead`), `index` each id's 1-based position in
 * KEYS.
 */
function byBucket(keys: AppKeys, portalId: number, ids: readonly string[], lead: string[] = []) {
  const p = keys.portal(portalId);
  const bucketKeys: string[] = [...lead];
  const pos = new Map<string, number>();
  const index = new Map<string, number>();
  for (const id of ids) {
    const key = p.records(recordBucket(id));
    if (!pos.has(key)) pos.set(key, bucketKeys.push(key));
    index.set(id, pos.get(key)!);
  }
  return { bucketKeys, index };
}

export function createRecordStore(deps: { redis: RedisClient; keys: AppKeys; dict: Dictionary; bounds: LedgerBounds }) {
  const { redis, keys, dict, bounds } = deps;

  /** The stored values of `ids` (null: none), read together with the dictionary's generation. */
  async function readRaw(portalId: number, ids: readonly string[]): Promise<Map<string, Buffer | null>> {
    const groups = new Map<string, string[]>();
    for (const id of ids) {
      const key = keys.portal(portalId).records(recordBucket(id));
      groups.set(key, [...(groups.get(key) ?? []), id]);
    }
    const pipe = redis.pipeline();
    pipe.hget(dict.generationKey(portalId), '#g');
    for (const [key, fields] of groups) pipe.hmgetBuffer(key, ...fields);
    const results = checkExec(await pipe.exec());
    dict.checkGeneration(portalId, results[0] as string | null);
    const out = new Map<string, Buffer | null>();
    [...groups.values()].forEach((fields, g) => {
      const values = results[g + 1] as (Buffer | null)[];
      fields.forEach((id, i) => out.set(id, values[i] ?? null));
    });
    return out;
  }

  /**
   * Decodes values, reading the dictionary codes this process has not cached yet: a record meeting an unknown
   * code stops there (what follows may depend on it: an event's shape says how many values follow), the codes
   * met are read in one HMGET, and those records are decoded again.
   */
  async function decodeMany(portalId: number, raws: Map<string, Buffer | null>): Promise<Map<string, ContactRecord | null>> {
    const out = new Map<string, ContactRecord | null>();
    let pending = [...raws.keys()];
    while (pending.length) {
      const missing = new Set<number>();
      const again: string[] = [];
      for (const id of pending) {
        const raw = raws.get(id);
        if (!raw) {
          out.set(id, null);
          continue;
        }
        try {
          out.set(id, decodeRecord(raw, (code) => {
            const s = dict.cachedString(portalId, code);
            if (s === undefined) throw new MissingCode(code);
            return s;
          }, bounds));
        } catch (err) {
          if (!(err instanceof MissingCode)) throw err;
          missing.add(err.code);
          again.push(id);
        }
      }
      if (missing.size) await dict.resolve(portalId, missing);
      pending = again;
    }
    return out;
  }

  /** Encodes records, first giving codes to the strings this process has no code for yet (one script call). */
  async function encodeMany(portalId: number, recs: Map<string, ContactRecord>): Promise<Map<string, Buffer>> {
    const missing = new Set<string>();
    for (const rec of recs.values()) {
      encodeRecord(rec, (s) => {
        const code = dict.cachedCode(portalId, s);
        if (code === undefined) missing.add(s);
        return code ?? 0;
      });
    }
    if (missing.size) await dict.intern(portalId, missing);
    return new Map([...recs].map(([id, rec]) => [id, encodeRecord(rec, (s) => dict.cachedCode(portalId, s) ?? 0)]));
  }

  /**
   * Rewrites the records of `ids` through `change` (null: leave it as it is), folding their tails. Atomic per
   * record: a record another process rewrote between the read and the write is read and changed again.
   */
  async function update(portalId: number, ids: readonly string[], change: (id: string, rec: ContactRecord | null) => ContactRecord | null): Promise<void> {
    let pending = [...new Set(ids)];
    for (let attempt = 0; pending.length; attempt++) {
      if (attempt >= MAX_ATTEMPTS) throw new Error(`portal ${portalId}: ${pending.length} records kept changing during a write`);
      const raws = await readRaw(portalId, pending);
      const recs = await decodeMany(portalId, raws);
      const changed = new Map<string, ContactRecord>();
      for (const id of pending) {
        const next = change(id, recs.get(id) ?? null);
        if (next) changed.set(id, next);
      }
      if (!changed.size) return;
      const encoded = await encodeMany(portalId, changed);
      const order = [...encoded.keys()];
      const { bucketKeys, index } = byBucket(keys, portalId, order, [keys.portal(portalId).decay]);
      const args = order.flatMap((id) => [index.get(id)!, id, raws.get(id) ?? '', encoded.get(id)!, decayMember(recordBucket(id))]);
      const results = (await WRITE.run(redis, bucketKeys, args)) as number[];
      pending = order.filter((_, i) => results[i] === 0);
    }
  }

  return {
    update,

    /** The records of `ids` (null: nothing stored), tails folded. */
    async read(portalId: number, ids: readonly string[]): Promise<Map<string, ContactRecord | null>> {
      if (!ids.length) return new Map();
      return decodeMany(portalId, await readRaw(portalId, ids));
    },

    /** Queues appending encoded tail batches (contact-record.ts `encodeEventBatch`) as one script. */
    queueAppend(tx: ChainableCommander, portalId: number, batches: Map<string, Buffer>): void {
      if (!batches.size) return;
      const { bucketKeys, index } = byBucket(keys, portalId, [...batches.keys()]);
      APPEND.queue(tx, bucketKeys, [EMPTY, ...[...batches].flatMap(([id, b]) => [index.get(id)!, id, b])]);
    },

    /** Appends tail batches now; records grown past COMPACT_OVER_BYTES are compacted at once. */
    async append(portalId: number, batches: Map<string, Buffer>): Promise<void> {
      if (!batches.size) return;
      const order = [...batches.keys()];
      const { bucketKeys, index } = byBucket(keys, portalId, order);
      const lengths = (await APPEND.run(redis, bucketKeys, [EMPTY, ...order.flatMap((id) => [index.get(id)!, id, batches.get(id)!])])) as number[];
      const big = order.filter((_, i) => (lengths[i] ?? 0) > COMPACT_OVER_BYTES);
      if (big.length) await update(portalId, big, (_id, rec) => rec);
    },

    /** Queues carrying the merged contacts' records into the survivor's tail (they are erased separately). */
    queueCarry(tx: ChainableCommander, portalId: number, survivorId: string, mergedIds: string[], header: Buffer): void {
      const { bucketKeys, index } = byBucket(keys, portalId, [survivorId, ...mergedIds]);
      CARRY.queue(tx, bucketKeys, [EMPTY, header, survivorId, ...mergedIds.flatMap((id) => [index.get(id)!, id])]);
    },

    /** Queues deleting the records of `ids`. */
    queueErase(tx: ChainableCommander, portalId: number, ids: readonly string[]): void {
      const groups = new Map<string, string[]>();
      for (const id of ids) {
        const key = keys.portal(portalId).records(recordBucket(id));
        groups.set(key, [...(groups.get(key) ?? []), id]);
      }
      for (const [key, fields] of groups) tx.hdel(key, ...fields);
    },

    /** Up to `max` ids of the portal's contacts with a record, and whether there were more. */
    async ids(portalId: number, max: number): Promise<{ ids: string[]; truncated: boolean }> {
      const out: string[] = [];
      for (let b = 0; b < RECORD_BUCKETS; b += 128) {
        const pipe = redis.pipeline();
        for (let i = b; i < Math.min(RECORD_BUCKETS, b + 128); i++) pipe.hkeys(keys.portal(portalId).records(i));
        for (const fields of checkExec(await pipe.exec()) as string[][]) out.push(...fields);
        if (out.length > max) return { ids: out.slice(0, max), truncated: true };
      }
      return { ids: out, truncated: false };
    },

    /** How many contacts of the portal have a record. */
    async count(portalId: number): Promise<number> {
      const pipe = redis.pipeline();
      for (let i = 0; i < RECORD_BUCKETS; i++) pipe.hlen(keys.portal(portalId).records(i));
      return (checkExec(await pipe.exec()) as number[]).reduce((a, b) => a + b, 0);
    },
  };
}

export type RecordStore = ReturnType<typeof createRecordStore>;
