import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScheduler } from '../../src/queue/scheduler.js';
import { until } from '../helpers/until.js';
import { crmContact, propertyChange } from './helpers/contacts.js';
import { expectedStarterOutputs, stableOf } from './helpers/expected-scores.js';
import { startFakeHubSpot, type FakeHubSpot } from './helpers/fake-hubspot.js';
import { ACCESS_TOKEN, pipelineEnv, postWebhook, startPipeline, type Pipeline } from './helpers/harness.js';
import { spawnWorker, stopWorker, type WorkerProcess } from './helpers/worker-processes.js';

const PORTAL = 90210;
const CONTACTS = 800;
/** HubSpot's limit at the fake (requests per window) and the app's budget: 80 % of it. */
const LIMIT = 10;
const BUDGET = 8;
const WINDOW_MS = 2_000;
/**
 * The limiter grants by Redis time; the server sees arrivals, later by the time between the grant and the send
 * (a token read, the SDK; more on a loaded machine). A saturated limiter grants right at the window's edge, so
 * arrivals can overshoot a server window by the number of requesters in flight: with one job at a time per
 * process (2 requesters), a 10-request limit leaves room for a budget of 8. The budget itself is checked on
 * windows shorter by this tolerance.
 */
const SKEW_MS = 500;

describe('two worker processes on one portal', () => {
  let fake: FakeHubSpot;
  let p: Pipeline;
  const workers: WorkerProcess[] = [];
  beforeAll(async () => {
    fake = await startFakeHubSpot({ token: ACCESS_TOKEN, limit: LIMIT, windowMs: WINDOW_MS });
    for (let i = 0; i < CONTACTS; i++) fake.addContact(crmContact(String(20_001 + i)));
    p = await startPipeline({ roles: ['web'], label: 'budget', env: { HUBSPOT_API_BASE_URL: fake.url } });
    await p.install(PORTAL);
    await p.publishStarter(PORTAL);
    const env = pipelineEnv(p.prefix, {
      HUBSPOT_API_BASE_URL: fake.url, HUBSPOT_RATE_LIMIT_PER_10S: String(LIMIT), HUBSPOT_BUDGET_SHARE: '0.8',
      TEST_LIMITER_WINDOW_MS: String(WINDOW_MS), WORKER_CONCURRENCY: '1',
    });
    workers.push(await spawnWorker(env), await spawnWorker(env));
  }, 60_000);
  afterAll(async () => {
    await Promise.all(workers.map(stopWorker));
    await p?.close();
    await fake?.close();
  });

  it('stay within the portal budget, pause after a 429, resume, and lose no event', async () => {
    const now = Date.now();
    const viewedAt = (i: number) => now - 120_000 + i;
    const events = Array.from({ length: CONTACTS }, (_, i) =>
      propertyChange(PORTAL, 20_001 + i, 'hs_analytics_last_url', 'https://www.example.com/pricing', viewedAt(i), 100 + i));
    for (let i = 0; i < CONTACTS; i += 100) expect((await postWebhook(p.app.url!, JSON.stringify(events.slice(i, i + 100)))).status).toBe(204);
    // Several jobs for the portal at once, so both processes work on it concurrently.
    const scheduler = createScheduler({ queue: p.app.queue });
    for (let i = 1; i <= 2; i++) await scheduler.scheduleScore(PORTAL, Date.now() + 300 + i);

    // HubSpot answers one 429 in the middle of the run.
    await until(() => fake.updates.length >= 2, 20_000, 'two batches written');
    fake.force429(1);
    await p.idle(PORTAL, 60_000);

    // Budget: never past HubSpot's limit, and never past the app's budget in any window.
    expect(fake.unforced429).toBe(0);
    const timeline = JSON.stringify(fake.arrivals.map((a) => [a.at % 100_000, a.path.split('/').pop(), a.status]));
    expect(fake.maxInWindow(WINDOW_MS - SKEW_MS), timeline).toBeLessThanOrEqual(BUDGET);
    // The 429 paused the portal for HubSpot's interval: nothing was sent during it (requests already on their
    // way when it came are allowed a few ms).
    const rejected = fake.arrivals.filter((a) => a.status === 429);
    expect(rejected).toHaveLength(1);
    const pausedFrom = rejected[0]!.at + SKEW_MS;
    const pausedTo = rejected[0]!.at + WINDOW_MS - SKEW_MS;
    expect(fake.arrivals.filter((a) => a.at > pausedFrom && a.at < pausedTo)).toEqual([]);
    // Both processes called HubSpot for the portal.
    for (const w of workers) expect(w.lines.some((l) => l.includes('"hubspot call"') && l.includes(`"portalId":${PORTAL}`))).toBe(true);

    // Nothing lost: every contact in scope holds exactly what the engine computes; the others hold nothing.
    const scoredAt = Date.now();
    let written = 0;
    for (let i = 0; i < CONTACTS; i++) {
      const c = fake.contacts.get(String(20_001 + i))!;
      const expected = expectedStarterOutputs(crmContact(c.id).properties,
        [{ type: 'page_view', at: viewedAt(i), url: 'https://www.example.com/pricing' }], scoredAt);
      if (expected) {
        expect(stableOf(c.properties)).toEqual(expected);
        written++;
      } else {
        expect(c.properties.lead_score).toBeUndefined();
      }
    }
    expect(written).toBeGreaterThan(700);
    const reads = fake.arrivals.filter((a) => a.path.endsWith('/batch/read') && a.status === 200).length;
    const writes = fake.arrivals.filter((a) => a.path.endsWith('/batch/update') && a.status === 200).length;
    // 2 calls per 100 contacts, plus the read of the batch whose call got the 429 when that call was its update.
    expect(writes).toBe(8);
    expect(reads).toBeGreaterThanOrEqual(8);
    expect(reads).toBeLessThanOrEqual(9);
  }, 90_000);
});
