import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { inject } from 'vitest';
import { appKeys, type AppKeys } from '../../src/store/keys.js';
import { scanKeys, unlinkKeys, type RedisClient } from '../../src/store/redis-client.js';

/** The URL of the Redis found or started by test/global-setup.ts. */
export const redisUrl = (): string => inject('redisUrl');

/** A key prefix no other test (or run) uses: every Redis-backed test writes only under its own. */
export function uniquePrefix(label = 't'): string {
  return `test:${label}:${randomBytes(6).toString('hex')}`;
}

/** A connection suitable for BullMQ (which requires maxRetriesPerRequest: null). */
export function connect(): Redis {
  return new Redis(redisUrl(), { maxRetriesPerRequest: null });
}

/** Deletes every key under `prefix` (only keys this test created), on one Redis or every master of a cluster. */
export async function dropPrefix(redis: RedisClient, prefix: string): Promise<void> {
  for await (const keys of scanKeys(redis, `${prefix}*`)) await unlinkKeys(redis, keys);
}

/** A Redis connection and key space of its own for one test file; `cleanup` drops both. */
export function redisSpace(label: string): { redis: Redis; prefix: string; keys: AppKeys; cleanup: () => Promise<void> } {
  const redis = connect();
  const prefix = uniquePrefix(label);
  return {
    redis,
    prefix,
    keys: appKeys(prefix),
    cleanup: async () => {
      await dropPrefix(redis, prefix);
      await redis.quit();
    },
  };
}
