import { hasRecord } from '../helpers/records.js';
import { createServer, type AddressInfo } from 'node:net';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createHubSpotGateway } from '../../src/hubspot/gateway.js';
import { QUEUE_NAME } from '../../src/queue/jobs.js';
import { redisOptions } from '../../src/runtime/connections.js';
import { buildWebApp } from '../../src/runtime/web-app.js';
import { appKeys } from '../../src/store/keys.js';
import { capturedLogger } from '../helpers/captured-logger.js';
import { uniquePrefix } from '../helpers/redis.js';
import { propertyChange } from '../pipeline/helpers/contacts.js';
import { CLIENT_SECRET, pipelineEnv, postWebhook, startPipeline, type Pipeline } from '../pipeline/helpers/harness.js';

const PORTAL = 81002;
const valid = () => JSON.stringify([propertyChange(PORTAL, 42, 'hs_analytics_last_url', 'https://x.example/pricing', Date.now() - 1_000, 1)]);

async function keysUnder(redis: Redis, prefix: string): Promise<string[]> {
  return (await redis.keys(`${prefix}*`)).sort();
}

describe('the webhook route', () => {
  let p: Pipeline;
  let before: string[];
  beforeAll(async () => {
    p = await startPipeline({ roles: ['web'], label: 'edge' });
    await p.install(PORTAL);
    before = await keysUnder(p.redis, p.prefix);
  });
  afterAll(() => p.close());

  it('answers 401 to a wrong signature and stores nothing', async () => {
    const res = await postWebhook(p.app.url!, valid(), { secret: 'not-the-client-secret' });
    expect(res.status).toBe(401);
    expect(JSON.parse(res.text)).toEqual({ error: { code: 'UNAUTHORIZED', message: 'Webhook signature mismatch' } });
    expect(await keysUnder(p.redis, p.prefix)).toEqual(before);
  });

  it('answers 401 to a missing signature and to a body changed after signing', async () => {
    expect((await postWebhook(p.app.url!, valid(), { signature: '' })).status).toBe(401);
    const body = valid();
    const signedFor = await import('../../src/hubspot/signature.js').then((m) =>
      m.signV3({ secret: CLIENT_SECRET, method: 'POST', url: 'https://scoring.example.com/webhooks/hubspot', body, timestamp: 1 }));
    expect((await postWebhook(p.app.url!, body.replace('pricing', 'pricinG'), { signature: signedFor, timestamp: 1 })).status).toBe(401);
    expect(await keysUnder(p.redis, p.prefix)).toEqual(before);
  });

  it('answers 401 to a correctly signed but stale request (timestamp over 5 minutes old)', async () => {
    const res = await postWebhook(p.app.url!, valid(), { timestamp: Date.now() - 5 * 60_000 - 1_000 });
    expect(res.status).toBe(401);
    expect(JSON.parse(res.text).error.message).toBe('Webhook signature stale');
    expect(await keysUnder(p.redis, p.prefix)).toEqual(before);
  });

  it('answers 400 to a signed body that is not JSON', async () => {
    const res = await postWebhook(p.app.url!, '[{"eventId": 1,');
    expect(res.status).toBe(400);
    expect(await keysUnder(p.redis, p.prefix)).toEqual(before);
  });

  it('answers 400 to signed JSON that is not an array, and 204 to an array whose every event is malformed, storing nothing', async () => {
    const event = JSON.parse(valid())[0];
    expect((await postWebhook(p.app.url!, JSON.stringify({ events: [event] }))).status).toBe(400);
    const res = await postWebhook(p.app.url!, JSON.stringify([{ ...event, portalId: 'abc' }, { ...event, propertyName: undefined }, 7]));
    expect(res.status).toBe(204);
    expect(await keysUnder(p.redis, p.prefix)).toEqual(before);
  });

  it('answers 413 to a body over 1 MB, before anything else', async () => {
    const big = `[${' '.repeat(1024 * 1024)}]`;
    const res = await postWebhook(p.app.url!, big);
    expect(res.status).toBe(413);
    expect(await keysUnder(p.redis, p.prefix)).toEqual(before);
  });

  it('answers 204 to a valid signed batch and stores it (so the checks above could fail)', async () => {
    const res = await postWebhook(p.app.url!, valid());
    expect(res.status).toBe(204);
    const k = appKeys(p.prefix).portal(PORTAL);
    expect(await p.redis.zrange(k.dirty, '0', '-1')).toEqual(['42']);
    expect(await hasRecord(p.redis, p.keys, PORTAL, 42)).toBe(true);
  });

  it('ignores unknown subscription types and events of other object types with 204', async () => {
    const event = JSON.parse(valid())[0];
    const res = await postWebhook(p.app.url!, JSON.stringify([
      { ...event, subscriptionType: 'conversation.newMessage', objectId: 77 },
      { ...event, subscriptionType: 'object.propertyChange', objectTypeId: '0-2', objectId: 77 },
    ]));
    expect(res.status).toBe(204);
    expect(await p.redis.zscore(appKeys(p.prefix).portal(PORTAL).dirty, '77')).toBeNull();
  });
});

describe('the webhook route without Redis', () => {
  it('answers 503 (so HubSpot retries) when Redis is down, never 2xx', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = s.address() as AddressInfo;
        s.close(() => resolve(free));
      });
    });
    const prefix = uniquePrefix('down');
    const config = loadConfig({ ...pipelineEnv(prefix), REDIS_URL: `redis://127.0.0.1:${port}` });
    const { logger } = capturedLogger();
    // Nothing listens on that port: every command fails at once (no offline queue on the web's connection).
    const redis = new Redis(config.REDIS_URL!, { ...redisOptions('fast'), retryStrategy: () => 50 });
    redis.on('error', () => undefined);
    const queue = new Queue(QUEUE_NAME, { connection: redis, prefix: `${prefix}:{bull}` });
    queue.on('error', () => undefined);
    const keys = appKeys(prefix);
    const gateway = createHubSpotGateway({ redis, keys, config, logger });
    const app = buildWebApp({ config, logger, redis, keys, queue, gateway, clientSecret: CLIENT_SECRET, starterModel: null });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    try {
      const started = Date.now();
      const res = await postWebhook(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, valid());
      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toBe('5');
      expect(JSON.parse(res.text).error.code).toBe('UNAVAILABLE');
      // Well inside HubSpot's 5 s answer deadline.
      expect(Date.now() - started).toBeLessThan(4_000);
    } finally {
      server.close();
      await gateway.close().catch(() => undefined);
      await queue.close().catch(() => undefined);
      redis.disconnect();
    }
  });
});
