import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../helpers/until.js';
import { crmContact, propertyChange } from './helpers/contacts.js';
import { startFakeHubSpot, type FakeHubSpot } from './helpers/fake-hubspot.js';
import { ACCESS_TOKEN, pipelineEnv, postWebhook, startPipeline, type Pipeline } from './helpers/harness.js';
import { spawnCliWorker, spawnWorker, stopWorker, type WorkerProcess } from './helpers/worker-processes.js';

const CONTACTS = 250;

/**
 * SIGTERM to a `lead-scoring start --role worker` process in the middle of a batch: it takes no new job,
 * finishes the batch when it can or, at SHUTDOWN_TIMEOUT_MS, gives its claimed contacts back, returns its job to
 * the queue and exits 0. Either way no contact stays claimed by a process that is gone.
 */
describe('a worker stopped with SIGTERM in the middle of a batch', () => {
  let fake: FakeHubSpot;
  let p: Pipeline;
  const workers: WorkerProcess[] = [];
  beforeAll(async () => {
    fake = await startFakeHubSpot({ token: ACCESS_TOKEN, limit: 1_000, windowMs: 10_000 });
    p = await startPipeline({ roles: ['web'], label: 'drain', env: { HUBSPOT_API_BASE_URL: fake.url } });
  });
  afterAll(async () => {
    await Promise.all(workers.map(stopWorker));
    await p?.close();
    await fake?.close();
  });

  /** Installs a portal with CONTACTS contacts from `firstId`, sends a page view for each; resolves with the ids of the held first update. */
  async function busyPortal(portalId: number, firstId: number) {
    for (let i = 0; i < CONTACTS; i++) fake.addContact(crmContact(String(firstId + i)));
    await p.install(portalId);
    await p.publishStarter(portalId);
    const held = fake.holdNextUpdate();
    const now = Date.now();
    const events = Array.from({ length: CONTACTS }, (_, i) =>
      propertyChange(portalId, firstId + i, 'hs_analytics_last_url', 'https://www.example.com/pricing', now - 60_000 + i, 9_000 + i));
    for (let i = 0; i < CONTACTS; i += 100) expect((await postWebhook(p.app.url!, JSON.stringify(events.slice(i, i + 100)))).status).toBe(204);
    return held;
  }

  const inflight = (portalId: number) => p.redis.zcard(p.keys.portal(portalId).inflight);
  const dirty = (portalId: number) => p.redis.zcard(p.keys.portal(portalId).dirty);
  /** The command installs the periodic sweep; the harness's `idle` wants a queue with nothing delayed. */
  const dropSweep = () => p.app.queue.removeJobScheduler('sweep');
  const scoreJobs = async (portalId: number, states: ('wait' | 'delayed' | 'active')[]) =>
    (await p.app.queue.getJobs(states)).filter((j) => j.name === 'score' && (j.data as { portalId: number }).portalId === portalId).length;
  const writesOf = (ids: string[]) => ids.map((id) => fake.updates.flatMap((u) => u.ids).filter((w) => w === id).length);

  it('finishes the batch in flight, hands the rest of its job back and exits 0', async () => {
    const portal = 41_001;
    const env = pipelineEnv(p.prefix, { HUBSPOT_API_BASE_URL: fake.url, LOG_LEVEL: 'info', SHUTDOWN_TIMEOUT_MS: '20000', HUBSPOT_REQUEST_TIMEOUT_MS: '30000' });
    const worker = await spawnCliWorker(env);
    workers.push(worker);
    const heldIds = await busyPortal(portal, 50_001);
    expect(await inflight(portal)).toBe(100);

    worker.child.kill('SIGTERM');
    await until(() => worker.lines.some((l) => l.includes('"shutting down"')), 10_000, 'the worker to begin its shutdown');
    expect(await (await fetch(`${worker.opsUrl}/readyz`)).json()).toMatchObject({ ok: false, checks: { shutdown: 'shutting down' } });
    fake.releaseHeld();
    expect(await worker.exited).toBe(0);

    expect(await inflight(portal)).toBe(0);
    // The batch was written once and finished; the other 150 wait, and the job that owns them is back in the queue.
    expect(writesOf(heldIds)).toEqual(heldIds.map(() => 1));
    expect(await dirty(portal)).toBe(CONTACTS - 100);
    expect(await scoreJobs(portal, ['wait', 'delayed'])).toBe(1);
    expect(worker.lines.join('\n')).not.toContain('shutdown deadline passed');

    await dropSweep();
    const next = await spawnWorker(env);
    workers.push(next);
    await p.idle(portal, 30_000);
    expect(await dirty(portal)).toBe(0);
    await stopWorker(next);
  }, 60_000);

  it('gives its claimed contacts and its job back when the batch outlives the deadline, and exits 0', async () => {
    const portal = 41_002;
    const env = pipelineEnv(p.prefix, { HUBSPOT_API_BASE_URL: fake.url, LOG_LEVEL: 'info', SHUTDOWN_TIMEOUT_MS: '1000' });
    const worker = await spawnCliWorker(env);
    workers.push(worker);
    await busyPortal(portal, 60_001);
    expect(await inflight(portal)).toBe(100);

    // HubSpot never answers the held update: the deadline passes.
    worker.child.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
    expect(worker.lines.join('\n')).toContain('shutdown deadline passed');

    expect(await inflight(portal)).toBe(0);
    expect(await p.redis.hlen(p.keys.portal(portal).inflightOwner)).toBe(0);
    expect(await dirty(portal)).toBe(CONTACTS);
    expect(await scoreJobs(portal, ['active'])).toBe(0);
    expect(await scoreJobs(portal, ['wait', 'delayed'])).toBe(1);

    // Another worker picks the job up (no lock to wait out) and scores everything.
    await dropSweep();
    workers.push(await spawnWorker(env));
    await p.idle(portal, 30_000);
    expect(await dirty(portal)).toBe(0);
  }, 60_000);
});
