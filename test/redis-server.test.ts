import { describe, expect, it } from 'vitest';
import { ensureRedis, pingRedis, RedisUnavailableError } from '../src/store/redis-server.js';
import { redisUrl } from './helpers/redis.js';

describe('ensureRedis', () => {
  it('uses REDIS_URL when it answers', async () => {
    const h = await ensureRedis({ url: redisUrl() });
    expect(h.source).toBe('configured');
    expect(await pingRedis(h.url)).toBe(true);
  });

  it('names the URL (without its password) when REDIS_URL does not answer', async () => {
    const err = await ensureRedis({ url: 'redis://user:secret@127.0.0.1:1' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RedisUnavailableError);
    expect(String(err)).toContain('redis://***@127.0.0.1:1');
    expect(String(err)).not.toContain('secret');
  });
});
