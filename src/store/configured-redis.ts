import { Redis } from 'ioredis';

/*
 * The Redis a production process uses: the one REDIS_URL names, checked once at start. Kept apart from
 * redis-server.ts (which finds or spawns a Redis for the demo and tests) so production never loads that code.
 */

/** A Redis the app can use, and how to let go of it. */
export interface RedisHandle {
  url: string;
  /** 'configured' (REDIS_URL), 'local' (found on localhost:6379) or 'spawned' (started for this process). */
  source: 'configured' | 'local' | 'spawned';
  stop(): Promise<void>;
}

export class RedisUnavailableError extends Error {
  readonly code = 'REDIS_UNAVAILABLE';
  constructor(message: string) {
    super(message);
    this.name = 'RedisUnavailableError';
  }
}

/** True when a Redis answers PING at `url` within `timeoutMs`. */
export async function pingRedis(url: string, timeoutMs = 1_000): Promise<boolean> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  client.on('error', () => {});
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

/** Hides a password in a Redis URL for messages. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^@/]*)@/, '//***@');
}

/** The configured Redis, once it answers PING (else a RedisUnavailableError naming the URL without its password). */
export async function configuredRedis(url: string): Promise<RedisHandle> {
  if (await pingRedis(url, 3_000)) return { url, source: 'configured', stop: async () => {} };
  throw new RedisUnavailableError(`REDIS_URL is set to ${redactUrl(url)} but no Redis answers there.`);
}
