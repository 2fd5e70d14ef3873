import type { Redis } from 'ioredis';
import { appKeys } from '../../src/store/keys.js';
import { scanKeys } from '../../src/store/redis-client.js';

/** Redis's `used_memory` (bytes) from INFO memory. */
export async function usedMemory(redis: Redis): Promise<number> {
  const info = await redis.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? NaN);
}

export type MemoryResult = {
  /** Contacts with a stored score. */
  scored: number;
  /** INFO used_memory growth since the baseline. */
  deltaBytes: number;
  bytesPerScored: number;
  /** MEMORY USAGE per key type, summed over every key of the prefix, divided by the scored contacts. */
  perScoredByType: Record<string, number>;
};

/** The key type a key of the app belongs to: a contact's ledger/score/history/snapshots, a portal key, the queue. */
function keyType(key: string): string {
  const contact = /:c:[^:]+:([a-z]+)$/.exec(key);
  if (contact) return contact[1]!;
  if (key.includes(':{bull}:')) return 'queue (BullMQ)';
  return 'portal keys';
}

/**
 * Where Redis memory went: the `used_memory` delta since `baseline` (taken before the install, on a Redis of the
 * benchmark's own), per contact with a stored score, and every key of `prefix` measured with MEMORY USAGE
 * (SAMPLES 0: exact) and summed by key type.
 */
export async function measureMemory(redis: Redis, prefix: string, portalId: number, baseline: number): Promise<MemoryResult> {
  const byType: Record<string, number> = {};
  let scored = 0;
  for await (const keys of scanKeys(redis, `${prefix}:*`)) {
    const pipe = redis.pipeline();
    for (const k of keys) pipe.memory('USAGE', k, 'SAMPLES', 0);
    const sizes = (await pipe.exec())!.map(([, v]) => Number(v ?? 0));
    keys.forEach((k, i) => {
      const t = keyType(k);
      byType[t] = (byType[t] ?? 0) + sizes[i]!;
      if (t === 'score') scored++;
    });
  }
  // Sanity: every scored contact is in the portal's contacts set.
  const known = await redis.scard(appKeys(prefix).portal(portalId).contacts);
  if (known < scored) throw new Error(`${scored} score keys but ${known} known contacts`);
  const deltaBytes = (await usedMemory(redis)) - baseline;
  const perScoredByType = Object.fromEntries(Object.entries(byType).map(([t, b]) => [t, b / Math.max(1, scored)]));
  return { scored, deltaBytes, bytesPerScored: deltaBytes / Math.max(1, scored), perScoredByType };
}

/** The result as lines for the report. */
export function formatMemory(m: MemoryResult): string {
  const parts = Object.entries(m.perScoredByType).sort((a, b) => b[1] - a[1]).map(([t, b]) => `${t} ${Math.round(b)}`);
  return [
    `Redis memory: ${m.scored.toLocaleString('en-US')} scored contacts, INFO used_memory +${(m.deltaBytes / 1e6).toFixed(1)} MB = ` +
      `${Math.round(m.bytesPerScored).toLocaleString('en-US')} bytes per scored contact`,
    `  MEMORY USAGE per scored contact by key type (bytes): ${parts.join(', ')}`,
  ].join('\n');
}
