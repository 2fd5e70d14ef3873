import { Redis, type RedisOptions } from 'ioredis';

/**
 * Redis connection settings per use (BullMQ's "going to production" guide):
 * - `fast`: request paths (web). No offline queue and one retry: when Redis is down a command fails at once, so
 *   the webhook answers 503 within HubSpot's 5 s and HubSpot retries, instead of hanging.
 * - `durable`: workers. Commands wait through reconnects (BullMQ requires maxRetriesPerRequest: null).
 */
export function redisOptions(kind: 'fast' | 'durable'): RedisOptions {
  return kind === 'fast'
    ? { enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: 3_000, connectTimeout: 3_000 }
    : { maxRetriesPerRequest: null, enableReadyCheck: true };
}

/** Opens a connection and waits until it is ready (or fails with the connection error). */
export async function openRedis(url: string, kind: 'fast' | 'durable'): Promise<Redis> {
  const redis = new Redis(url, { ...redisOptions(kind), lazyConnect: true });
  await redis.connect();
  return redis;
}

/** The BullMQ key prefix under the app's prefix; the hash tag keeps a queue's keys in one Redis Cluster slot. */
export const queuePrefix = (redisPrefix: string) => `${redisPrefix}:{bull}`;
