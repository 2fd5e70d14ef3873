import { Cluster, Redis, type ClusterOptions, type RedisOptions } from 'ioredis';
import type { Config } from '../config.js';
import type { RedisClient } from '../store/redis-client.js';

/** Where the app's Redis is: one server's URL, or a Redis Cluster's startup nodes. */
export type RedisTarget = string | { cluster: { host: string; port: number }[] };

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

/**
 * The same settings for ioredis' Cluster client: the offline queue is a cluster-level option there, the rest
 * applies to each node's connection (BullMQ checks `redisOptions.maxRetriesPerRequest` is null on a cluster).
 */
export function clusterOptions(kind: 'fast' | 'durable'): ClusterOptions {
  const { enableOfflineQueue, ...perNode } = redisOptions(kind);
  return { ...(enableOfflineQueue === undefined ? {} : { enableOfflineQueue }), redisOptions: perNode, enableReadyCheck: true };
}

/** The configured cluster when REDIS_CLUSTER_NODES is set, else `url` (REDIS_URL or the Redis ensureRedis found). */
export function redisTarget(config: Pick<Config, 'REDIS_CLUSTER_NODES'>, url: string): RedisTarget {
  return config.REDIS_CLUSTER_NODES ? { cluster: config.REDIS_CLUSTER_NODES } : url;
}

/** A target as text for logs (cluster nodes listed, a URL's password hidden). */
export function describeTarget(target: RedisTarget): string {
  return typeof target === 'string'
    ? target.replace(/\/\/([^@/]*)@/, '//***@')
    : `cluster ${target.cluster.map((n) => `${n.host}:${n.port}`).join(',')}`;
}

/** Opens a connection (a cluster client for a cluster target) and waits until it is ready. */
export async function openRedis(target: RedisTarget, kind: 'fast' | 'durable'): Promise<RedisClient> {
  if (typeof target !== 'string') {
    const cluster = new Cluster(target.cluster, { ...clusterOptions(kind), lazyConnect: true });
    await cluster.connect();
    return cluster;
  }
  const redis = new Redis(target, { ...redisOptions(kind), lazyConnect: true });
  await redis.connect();
  return redis;
}

/**
 * The BullMQ key prefix under the app's prefix. BullMQ's cluster guide asks for a hash tag in the prefix: every
 * key of a queue (its lists, zsets and the Lua scripts over them) then lies in one Redis Cluster slot.
 */
export const queuePrefix = (redisPrefix: string) => `${redisPrefix}:{bull}`;
