import type { Redis } from 'ioredis';
import { emptyRecord, encodeRecord, type ContactRecord } from '../../src/store/contact-record.js';
import { createRecordStore } from '../../src/store/contact-records.js';
import { createDictionary } from '../../src/store/dictionary.js';
import { appKeys } from '../../src/store/keys.js';
import { scanKeys } from '../../src/store/redis-client.js';
import type { LedgerBounds } from '../../src/signals/index.js';

/** Redis's `used_memory` (bytes) from INFO memory. */
async function usedMemoryNow(redis: Redis): Promise<{ used: number; dataset: number }> {
  const info = await redis.info('memory');
  const field = (name: string) => Number(new RegExp(`^${name}:(\\d+)`, 'm').exec(info)?.[1] ?? NaN);
  return { used: field('used_memory'), dataset: field('used_memory_dataset') };
}

/**
 * The baseline `used_memory` once the app's processes are up and Redis has settled. Their start allocates about
 * 0.9 MB that no key holds (measured with 9 keys of 6.4 KB: `used_memory_dataset` 0.90 MB) and that appears a
 * moment after they answer /healthz: a baseline read before it counted that fixed cost into the per-contact figure
 * on some runs and not on others (364 vs 514 bytes per scored contact for the same final state). So the baseline
 * waits until `used_memory_dataset` is unchanged over two readings 1 s apart (at most 15 s).
 */
export async function usedMemory(redis: Redis): Promise<number> {
  let last = await usedMemoryNow(redis);
  for (let i = 0; i < 15; i++) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const next = await usedMemoryNow(redis);
    if (next.dataset === last.dataset && i > 0) return next.used;
    last = next;
  }
  return last.used;
}

export type MemoryResult = {
  /** Contacts with a stored score. */
  scored: number;
  /** Contacts with a record (scored or not: the ledger of every contact is kept). */
  stored: number;
  /** INFO used_memory growth since the baseline. */
  deltaBytes: number;
  bytesPerScored: number;
  /** MEMORY USAGE per key type, summed over every key of the prefix, divided by the scored contacts. */
  perScoredByType: Record<string, number>;
  /** The records' encoded bytes by part (ledger, scores, history, snapshots, header), per scored contact. */
  perScoredByPart: Record<string, number>;
  /** Parts of used_memory at the measurement that hold no data: client buffers and the scripts' cache (bytes). */
  clientBuffers: number;
  scriptCache: number;
};

/** The key type a key of the app belongs to: the contact records' buckets, the dictionary, the decay schedule, the queue. */
function keyType(key: string): string {
  if (/:r:\d+$/.test(key)) return 'records';
  if (key.endsWith(':dict') || key.endsWith(':dict:codes')) return 'dictionary';
  if (key.endsWith(':decay')) return 'decay schedule';
  if (key.includes(':{bull}:')) return 'queue (BullMQ)';
  return 'portal keys';
}

/** Encoded size of each part of the records: the size without the part, subtracted from the full size. */
function partSizes(recs: ContactRecord[], code: (s: string) => number): Record<string, number> {
  const size = (r: ContactRecord) => encodeRecord(r, code).length;
  const out: Record<string, number> = { ledger: 0, scores: 0, history: 0, snapshots: 0, header: 0 };
  for (const r of recs) {
    const full = size(r);
    out.ledger! += full - size({ ...r, ledger: [] });
    out.scores! += full - size({ ...r, scores: [] });
    out.history! += full - size({ ...r, history: [] });
    out.snapshots! += full - size({ ...r, snapshots: [] });
    out.header! += size(emptyRecord());
  }
  return out;
}

/**
 * Where Redis memory went: the `used_memory` delta since `baseline` (taken before the install, on a Redis of the
 * benchmark's own), per contact with a stored score, every key of `prefix` measured with MEMORY USAGE
 * (SAMPLES 0: exact) and summed by key type, and the records' encoded bytes split by part.
 */
export async function measureMemory(redis: Redis, prefix: string, portalId: number, baseline: number, bounds: LedgerBounds): Promise<MemoryResult> {
  const byType: Record<string, number> = {};
  for await (const keys of scanKeys(redis, `${prefix}:*`)) {
    const pipe = redis.pipeline();
    for (const k of keys) pipe.memory('USAGE', k, 'SAMPLES', 0);
    const sizes = (await pipe.exec())!.map(([, v]) => Number(v ?? 0));
    keys.forEach((k, i) => {
      const t = keyType(k);
      byType[t] = (byType[t] ?? 0) + sizes[i]!;
    });
  }
  const info = await redis.info('memory');
  const field = (name: string) => Number(new RegExp(`^${name}:(\\d+)`, 'm').exec(info)?.[1] ?? NaN);
  const deltaBytes = field('used_memory') - baseline;
  const keys = appKeys(prefix);
  const dict = createDictionary({ redis, keys });
  const records = createRecordStore({ redis, keys, dict, bounds });
  const { ids } = await records.ids(portalId, Number.MAX_SAFE_INTEGER);
  const recs: ContactRecord[] = [];
  for (let i = 0; i < ids.length; i += 1000) {
    for (const r of (await records.read(portalId, ids.slice(i, i + 1000))).values()) if (r) recs.push(r);
  }
  const scored = recs.filter((r) => r.scores.length > 0).length;
  const per = (b: number) => b / Math.max(1, scored);
  const parts = partSizes(recs, (s) => dict.cachedCode(portalId, s) ?? 0);
  return {
    scored, stored: recs.length, deltaBytes, bytesPerScored: per(deltaBytes),
    clientBuffers: field('mem_clients_normal'), scriptCache: field('used_memory_scripts'),
    perScoredByType: Object.fromEntries(Object.entries(byType).map(([t, b]) => [t, per(b)])),
    perScoredByPart: Object.fromEntries(Object.entries(parts).map(([t, b]) => [t, per(b)])),
  };
}

/** The result as lines for the report. */
export function formatMemory(m: MemoryResult): string {
  const list = (o: Record<string, number>) => Object.entries(o).sort((a, b) => b[1] - a[1]).map(([t, b]) => `${t} ${Math.round(b)}`).join(', ');
  return [
    `Redis memory: ${m.scored.toLocaleString('en-US')} scored contacts (${m.stored.toLocaleString('en-US')} with a record), ` +
      `INFO used_memory +${(m.deltaBytes / 1e6).toFixed(2)} MB = ${Math.round(m.bytesPerScored).toLocaleString('en-US')} bytes per scored contact`,
    `  MEMORY USAGE per scored contact by key type (bytes): ${list(m.perScoredByType)}`,
    `  used_memory holding no data at the measurement: client buffers ${Math.round(m.clientBuffers / 1e3)} KB, script cache ${Math.round(m.scriptCache / 1e3)} KB`,
    `  record bytes per scored contact by part (encoded, before Redis overhead): ${list(m.perScoredByPart)}`,
  ].join('\n');
}

/** The ledger bounds the app runs with (the records fold their tails under them). */
export function ledgerBounds(config: { LEDGER_MAX_AGE_DAYS: number; LEDGER_MAX_EVENTS: number }): LedgerBounds {
  return { maxAgeDays: config.LEDGER_MAX_AGE_DAYS, maxEvents: config.LEDGER_MAX_EVENTS };
}
