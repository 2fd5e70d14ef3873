import type { Redis } from 'ioredis';

/**
 * Everything stored under `prefix` as text, whatever the key type: key names, string values, hash fields and
 * values, set/zset members, list elements and stream entries (BullMQ's event log). For "nothing about X is
 * left" and "no secret in clear" checks.
 */
export async function dumpPrefix(redis: Redis, prefix: string): Promise<{ key: string; text: string }[]> {
  const out: { key: string; text: string }[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', '1000');
    cursor = next;
    for (const key of keys) {
      const type = await redis.type(key);
      const parts: string[] = [key];
      if (type === 'string') parts.push(String(await redis.get(key)));
      else if (type === 'hash') parts.push(...Object.entries(await redis.hgetall(key)).flat());
      else if (type === 'set') parts.push(...(await redis.smembers(key)));
      else if (type === 'zset') parts.push(...(await redis.zrange(key, '0', '-1')));
      else if (type === 'list') parts.push(...(await redis.lrange(key, '0', '-1')));
      else if (type === 'stream') parts.push(...(await redis.xrange(key, '-', '+')).flatMap(([id, fields]) => [id, ...fields]));
      else if (type !== 'none') parts.push(`<${type}>`);
      out.push({ key, text: parts.join('\n') });
    }
  } while (cursor !== '0');
  return out;
}

/** The keys whose name or content mentions `needle`. */
export async function keysMentioning(redis: Redis, prefix: string, needle: string): Promise<string[]> {
  return (await dumpPrefix(redis, prefix)).filter((e) => e.text.includes(needle)).map((e) => e.key);
}
