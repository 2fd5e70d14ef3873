import { scanKeys, type RedisClient } from '../../src/store/redis-client.js';

/**
 * Everything stored under `prefix` as text, whatever the key type: each key name followed by its string value,
 * hash fields and values, set/zset members, list elements or stream entries (BullMQ's event log). For "nothing
 * about X is left" and "no secret in clear" checks.
 */
export async function dumpPrefix(redis: RedisClient, prefix: string): Promise<string[]> {
  const out: string[] = [];
  for await (const key of keysUnder(redis, prefix)) out.push(key, ...(await contents(redis, key)));
  return out;
}

/** The keys whose name or content mentions `needle`. */
export async function keysMentioning(redis: RedisClient, prefix: string, needle: string): Promise<string[]> {
  const found: string[] = [];
  for await (const key of keysUnder(redis, prefix)) {
    if ([key, ...(await contents(redis, key))].join('\n').includes(needle)) found.push(key);
  }
  return found;
}

async function* keysUnder(redis: RedisClient, prefix: string): AsyncGenerator<string> {
  for await (const keys of scanKeys(redis, `${prefix}*`)) yield* keys;
}

async function contents(redis: RedisClient, key: string): Promise<string[]> {
  const type = await redis.type(key);
  if (type === 'string') return [String(await redis.get(key))];
  if (type === 'hash') return Object.entries(await redis.hgetall(key)).flat();
  if (type === 'set') return redis.smembers(key);
  if (type === 'zset') return redis.zrange(key, '0', '-1');
  if (type === 'list') return redis.lrange(key, '0', '-1');
  if (type === 'stream') return (await redis.xrange(key, '-', '+')).flatMap(([id, fields]) => [id, ...fields]);
  // Deleted between the scan and now.
  if (type === 'none') return [];
  return [`<${type}>`];
}
