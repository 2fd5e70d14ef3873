import { scanKeys, unlinkKeys, type RedisClient } from './redis-client.js';

/**
 * Deletes every key under `prefix:` (the app's keys and its BullMQ queue, which lives under `prefix:{bull}`),
 * and nothing else: the demo starts from a clean slate without touching other data in the same Redis.
 * Returns how many keys went.
 */
export async function dropPrefix(redis: RedisClient, prefix: string): Promise<number> {
  if (!/^[A-Za-z0-9:_-]{1,40}$/.test(prefix)) throw new Error(`refusing to drop an unusual prefix "${prefix}"`);
  let dropped = 0;
  for await (const keys of scanKeys(redis, `${prefix}:*`)) dropped += await unlinkKeys(redis, keys);
  return dropped;
}
