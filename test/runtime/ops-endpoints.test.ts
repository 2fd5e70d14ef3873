import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { startApp } from '../../src/runtime/start-app.js';
import { ensureRedis } from '../../src/store/redis-server.js';
import { capturedLogger } from '../helpers/captured-logger.js';
import { uniquePrefix } from '../helpers/redis.js';
import { until } from '../helpers/until.js';
import { crmContact, propertyChange } from '../pipeline/helpers/contacts.js';
import { startFakeHubSpot, type FakeHubSpot } from '../pipeline/helpers/fake-hubspot.js';
import { ACCESS_TOKEN, httpRequest, pipelineEnv, postWebhook, startPipeline, type Pipeline } from '../pipeline/helpers/harness.js';

/** The value of one sample of the Prometheus text, e.g. `lead_scoring_contacts_scored_total{result="written"}`. */
function sample(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? Number.NaN : Number(line.slice(series.length + 1));
}

describe('/healthz and /readyz', () => {
  it('answer 200 while Redis is up; /readyz turns 503 naming Redis once it stops, /healthz stays 200', async () => {
    // A throw-away redis-server of this test's own, so stopping it disturbs no other test.
    const redis = await ensureRedis({ preferSpawn: true });
    expect(redis.source).toBe('spawned');
    const config = loadConfig(pipelineEnv(uniquePrefix('ops'), { REDIS_URL: redis.url }));
    const app = await startApp({ config, roles: ['web'], logger: capturedLogger().logger, overrides: { sweep: false } });
    try {
      expect((await httpRequest(`${app.url}/healthz`)).status).toBe(200);
      const ready = await httpRequest(`${app.url}/readyz`);
      expect(ready.status).toBe(200);
      expect(JSON.parse(ready.text)).toEqual({ ok: true, checks: { redis: 'ok', queue: 'ok', shutdown: 'ok' } });

      await redis.stop();
      let down = ready;
      await until(async () => (down = await httpRequest(`${app.url}/readyz`)).status === 503, 15_000, '/readyz to answer 503');
      const body = JSON.parse(down.text) as { ok: boolean; checks: Record<string, string> };
      expect(body.ok).toBe(false);
      expect(body.checks.redis).not.toBe('ok');
      expect((await httpRequest(`${app.url}/healthz`)).status).toBe(200);
    } finally {
      await app.close();
      await redis.stop();
    }
  });
});

describe('/metrics', () => {
  const PORTAL = 52_001;
  let fake: FakeHubSpot;
  let p: Pipeline;
  beforeAll(async () => {
    fake = await startFakeHubSpot({ token: ACCESS_TOKEN, limit: 1_000, windowMs: 10_000 });
    for (let i = 0; i < 20; i++) fake.addContact(crmContact(String(70_001 + i)));
    p = await startPipeline({ roles: ['web', 'worker'], label: 'metrics', env: { HUBSPOT_API_BASE_URL: fake.url } });
    await p.install(PORTAL);
    await p.publishStarter(PORTAL);
  });
  afterAll(async () => {
    await p?.close();
    await fake?.close();
  });

  it('reports HubSpot calls and 429s, scored contacts, freshness and the queue after a webhook is scored, with no portal or contact label', async () => {
    fake.force429(1);
    const now = Date.now();
    const events = Array.from({ length: 20 }, (_, i) =>
      propertyChange(PORTAL, 70_001 + i, 'hs_analytics_last_url', 'https://www.example.com/pricing', now - 1_000 + i, 300 + i));
    // One malformed event in the batch: skipped and counted, the other 20 stored.
    const batch = [...events.slice(0, 10), { eventId: 'not-a-number', subscriptionType: 'contact.propertyChange' }, ...events.slice(10)];
    expect((await postWebhook(p.app.url!, JSON.stringify(batch))).status).toBe(204);
    await p.idle(PORTAL, 30_000);

    const res = await httpRequest(`${p.app.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    const text = res.text;
    expect(sample(text, 'lead_scoring_hubspot_calls_total{call="contacts.batchRead",outcome="429"}')).toBe(1);
    expect(sample(text, 'lead_scoring_hubspot_calls_total{call="contacts.batchRead",outcome="ok"}')).toBe(1);
    expect(sample(text, 'lead_scoring_hubspot_calls_total{call="contacts.batchUpdate",outcome="ok"}')).toBe(1);
    // 20 contacts, of which the customers (ids divisible by 11) are out of the starter model's scope.
    const written = fake.updates.flatMap((u) => u.ids).length;
    expect(written).toBeGreaterThan(15);
    expect(sample(text, 'lead_scoring_contacts_scored_total{result="written"}')).toBe(written);
    expect(sample(text, 'lead_scoring_score_freshness_seconds_count')).toBe(written);
    expect(text).toMatch(/^# TYPE lead_scoring_queue_jobs gauge$/m);
    expect(text).toMatch(/^# TYPE lead_scoring_queue_oldest_waiting_seconds gauge$/m);
    expect(sample(text, 'lead_scoring_webhook_events_total{outcome="skipped_malformed"}')).toBe(1);
    expect(sample(text, 'lead_scoring_webhook_events_total{outcome="stored"}')).toBe(20);
    expect(text).not.toContain(String(PORTAL));
    expect(text).not.toContain('70001');
  });

  it('counts the jobs waiting in the queue by job name and state, and the age of the oldest', async () => {
    await p.app.queue.add('backfill', { portalId: PORTAL, startedAt: 1 }, { jobId: 'backfill-52001-1', delay: 600_000 });
    await p.app.worker!.close(); // nothing takes the next job: it stays waiting
    await p.app.queue.add('score', { portalId: PORTAL }, { jobId: 'score-52001-1' });
    const text = (await httpRequest(`${p.app.url}/metrics`)).text;
    expect(sample(text, 'lead_scoring_queue_jobs{name="backfill",state="delayed"}')).toBe(1);
    expect(sample(text, 'lead_scoring_queue_jobs{name="score",state="waiting"}')).toBe(1);
    expect(sample(text, 'lead_scoring_queue_oldest_waiting_seconds{name="score"}')).toBeGreaterThanOrEqual(0);
    await p.app.queue.obliterate({ force: true });
  });
});
