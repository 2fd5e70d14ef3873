import { createHash } from 'node:crypto';
import type { ChainableCommander } from 'ioredis';
import type { RedisClient } from './redis-client.js';

/**
 * A Lua script (the stores', the rate limiter's, the token lock's): run alone by SHA (loaded on the first
 * NOSCRIPT), or queued inside a MULTI with the rest of a batch's writes. Scripts make read-decide-write steps
 * atomic across every process sharing the Redis.
 */
export function luaScript(source: string) {
  const sha = createHash('sha1').update(source).digest('hex');
  return {
    async run(redis: RedisClient, keys: string[], args: (string | number | Buffer)[]): Promise<unknown> {
      try {
        return await redis.evalsha(sha, keys.length, ...keys, ...args);
      } catch (err) {
        if (!(err instanceof Error) || !err.message.startsWith('NOSCRIPT')) throw err;
        return redis.eval(source, keys.length, ...keys, ...args);
      }
    },
    /** Queues the script in a transaction (the full source: a MULTI cannot recover from NOSCRIPT). */
    queue(tx: ChainableCommander, keys: string[], args: (string | number | Buffer)[]): ChainableCommander {
      return tx.eval(source, keys.length, ...keys, ...args);
    },
  };
}

/** MULTI reports a failed command in its results instead of throwing: surface the first failure. */
export function checkExec(results: [Error | null, unknown][] | null): unknown[] {
  if (!results) throw new Error('Redis transaction aborted');
  const failed = results.find(([err]) => err);
  if (failed) throw failed[0];
  return results.map(([, value]) => value);
}
