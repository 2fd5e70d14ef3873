import type { Redis } from 'ioredis';

/**
 * Deletes every key under `prefix:` (the app's keys and its BullMQ queue, which lives under `prefix:{bull}`),
 * and nothing else: the demo starts from a clean slate without touching other data in the same Redis.
 * Returns how many keys went.
 */
export async function dropPrefix(redis: Redis, prefix: string): Promise<number> {
  if (!/^[A-Za-z0-9:_-]{1,40}$/.test(prefix)) throw new Error(`refusing to drop an unusual prefix "${prefix}"`);
  let cursor = '0';
  let dropped = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length) dropped += await redis.unlink(...keys);
  } while (cursor !== '0');
  return dropped;
}
