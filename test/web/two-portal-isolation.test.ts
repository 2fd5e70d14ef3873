import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisUrl } from '../helpers/redis.js';
import { startApiHarness, type ApiHarness } from './helpers/api-harness.js';
import { apiModel } from './helpers/api-model.js';

const A = 53_301;
const B = 53_302;

/**
 * Every API route called with portal A's signature, with ids taken from portal B (its contacts, its model), while
 * a Redis MONITOR connection records every command: none touches a key of portal B.
 */
describe('two portals', () => {
  let h: ApiHarness;
  let monitor: Awaited<ReturnType<Redis['monitor']>>;
  let watcher: Redis;
  const commands: string[][] = [];
  let contactOfB: string;

  beforeAll(async () => {
    h = await startApiHarness([A, B]);
    await h.publish(A, apiModel());
    await h.publish(B, apiModel({ id: 'secret_b', name: 'B only' }));
    contactOfB = (await h.contactIds(B))[0]!;
    watcher = new Redis(redisUrl());
    monitor = await watcher.monitor();
    monitor.on('monitor', (_time: string, args: string[]) => {
      if (args.some((a) => a.startsWith(h.ctx.keys.prefix))) commands.push(args);
    });
  });
  afterAll(async () => {
    monitor?.disconnect();
    watcher?.disconnect();
    await h?.close();
  });

  it('reads and writes nothing of portal B when portal A calls every route with B ids', async () => {
    const a = (method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown) => h.call({ portalId: A, method, path, body });
    const statuses = [
      await a('GET', `/api/card/contacts/${contactOfB}`),
      await a('POST', `/api/card/contacts/${contactOfB}/recalculate`),
      await a('GET', '/api/models'),
      await a('GET', '/api/models/secret_b/versions'),
      await a('GET', '/api/models/secret_b/draft'),
      await a('PUT', '/api/models/secret_b/draft', { model: apiModel({ id: 'secret_b' }) }),
      await a('POST', '/api/models/inbound/draft/test', { contactId: contactOfB }),
      await a('POST', '/api/models/secret_b/draft/preview', {}),
      await a('POST', '/api/models/secret_b/publish', {}),
      await a('GET', '/api/models/secret_b/rescore'),
      await a('POST', '/api/models/secret_b/rollback', { version: 1 }),
      await a('GET', '/api/models/secret_b/export'),
      await a('POST', '/api/models/import', { json: JSON.stringify(apiModel({ id: 'secret_b' })) }),
      await a('POST', '/api/analysis/secret_b/suggestion', {}),
      await a('GET', '/api/analysis/secret_b/suggestion'),
      await a('GET', '/api/analysis/secret_b/accuracy'),
    ].map((r) => r.status);
    expect(statuses.every((s) => s < 500)).toBe(true);
    // MONITOR lines arrive asynchronously: a marker command written last says every earlier one was seen.
    const marker = `${h.ctx.keys.prefix}:marker`;
    await h.ctx.redis.get(marker);
    await expect.poll(() => commands.some((c) => c.includes(marker)), { timeout: 5_000 }).toBe(true);
    expect(commands.length).toBeGreaterThan(10);
    const ofB = commands.filter((c) => c.some((arg) => arg.includes(`{p:${B}}`)));
    expect(ofB).toEqual([]);
    // Portal B's own model is untouched: the draft A "saved" under the same id is A's.
    expect((await h.ctx.models.getPublished(B, 'secret_b'))?.model.name).toBe('B only');
    expect(await h.ctx.models.getDraft(B, 'secret_b')).toBeNull();
  });
});
