import { Writable } from 'node:stream';
import type { Redis } from 'ioredis';
import { loadConfig, type Config } from '../../../src/config.js';
import { createLogger, type Logger } from '../../../src/logger.js';
import { appKeys, type AppKeys } from '../../../src/store/keys.js';
import { connect, dropPrefix, uniquePrefix } from '../../helpers/redis.js';

/** HubSpot as nock sees it in these tests (never reachable for real: net connect is disabled). */
export const API = 'https://api.hubspot.test';
export const CLIENT_SECRET = 'client-secret-4f1d9c2e-never-logged';
export const ENCRYPTION_KEY = Buffer.alloc(32, 42).toString('base64');

/** A real config as loadConfig builds it, pointed at the nock host. */
export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    PUBLIC_BASE_URL: 'https://scoring.example.com',
    HUBSPOT_CLIENT_ID: 'client-id-123',
    HUBSPOT_CLIENT_SECRET: CLIENT_SECRET,
    TOKEN_ENCRYPTION_KEY: ENCRYPTION_KEY,
    HUBSPOT_API_BASE_URL: API,
    HUBSPOT_APP_BASE_URL: 'https://app.hubspot.test',
    ...env,
  });
}

/** A logger whose JSON lines are kept in `lines`, to check what would reach the logs. */
export function capturedLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { logger: createLogger({ level: 'debug', destination }), lines };
}

/** Every value stored under `prefix`, whatever the key type, as text: for "no secret in clear" checks. */
export async function dumpPrefix(redis: Redis, prefix: string): Promise<string[]> {
  const out: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', '1000');
    cursor = next;
    for (const key of keys) {
      const type = await redis.type(key);
      out.push(key);
      if (type === 'string') out.push(String(await redis.get(key)));
      else if (type === 'hash') out.push(...Object.entries(await redis.hgetall(key)).flat());
      else if (type === 'set') out.push(...(await redis.smembers(key)));
      else if (type === 'zset') out.push(...(await redis.zrange(key, '0', '-1')));
      else if (type === 'list') out.push(...(await redis.lrange(key, '0', '-1')));
      else out.push(`<${type}>`);
    }
  } while (cursor !== '0');
  return out;
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

/** Resolves when `check` returns true (re-checked every few ms): waiting for a condition, not a fixed time. */
export async function until(check: () => Promise<boolean> | boolean, timeoutMs = 5_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}
