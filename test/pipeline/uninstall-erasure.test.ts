import { createContactStores } from '../../src/store/contact-stores.js';
import { recordLocation } from '../helpers/records.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubSpotCallEvent } from '../../src/hubspot/call-hubspot.js';
import { createScheduler } from '../../src/queue/scheduler.js';
import { createProgressStore } from '../../src/store/backfill-progress.js';
import { createInstallationStore } from '../../src/store/installations.js';
import { strictNock } from '../helpers/strict-nock.js';
import { until } from '../helpers/until.js';
import { propertyChange } from './helpers/contacts.js';
import { ENCRYPTION_KEY, postWebhook, startPipeline, type Pipeline } from './helpers/harness.js';

const PORTAL = 55410;
const REINSTALLED = 55411;
const DAY = 24 * 3600_000;

strictNock({ localhost: true });

describe('an uninstalled portal over its grace period (30 days by default)', () => {
  const calls: HubSpotCallEvent[] = [];
  // The app's clock: real time plus what the test has moved it forward by.
  let shift = 0;
  let p: Pipeline;
  beforeAll(async () => {
    p = await startPipeline({
      roles: ['web', 'worker'], label: 'erasure',
      // Score jobs wait in the delayed set until the test promotes them, after the uninstall.
      env: { SETTLE_WINDOW_MS: '600000' },
      overrides: { onCall: (e) => calls.push(e), clock: () => Date.now() + shift },
    });
  });
  afterAll(() => p.close());

  const installations = () => createInstallationStore({ redis: p.redis, keys: p.keys, encryptionKey: ENCRYPTION_KEY });

  /** Every key under the portal's hash tag. */
  async function portalKeys(portalId: number): Promise<string[]> {
    const found: string[] = [];
    let cursor = '0';
    do {
      const [next, keys] = await p.redis.scan(cursor, 'MATCH', `${p.prefix}:{p:${portalId}}*`, 'COUNT', 1000);
      cursor = next;
      found.push(...keys);
    } while (cursor !== '0');
    return found.sort();
  }

  /** Jobs in any state whose data names the portal. */
  async function portalJobs(portalId: number): Promise<string[]> {
    const jobs = await p.app.queue.getJobs(['wait', 'delayed', 'prioritized', 'active', 'failed', 'completed', 'waiting-children']);
    return jobs.filter((j) => (j?.data as { portalId?: number } | undefined)?.portalId === portalId).map((j) => String(j.id));
  }

  /** Runs the periodic sweep once, in the worker, and waits for it to finish. */
  async function sweep(): Promise<void> {
    const job = await p.app.queue.add('sweep', {}, { removeOnComplete: false });
    await until(async () => (await job.isCompleted()) || (await job.isFailed()), 15_000, 'sweep done');
    expect(await job.isCompleted()).toBe(true);
    await job.remove();
  }

  it('runs no job of the portal against HubSpot during the grace period, then leaves no key and no job of it', async () => {
    await p.install(PORTAL);
    await p.publishStarter(PORTAL);
    const now = Date.now();
    const events = [1, 2, 3].map((n) => propertyChange(PORTAL, 800 + n, 'hs_analytics_last_url', 'https://www.example.com/pricing', now - n * 1_000, n));
    expect((await postWebhook(p.app.url!, JSON.stringify(events))).status).toBe(204);
    expect((await createContactStores({ redis: p.redis, keys: p.keys, historyMax: 50, bounds: { maxAgeDays: 365, maxEvents: 200 } }).ledger.read(PORTAL, ['801'])).get('801')).toHaveLength(1);

    // HubSpot says the app is gone (a refused refresh, or the uninstall the portal's settings page asked for).
    await installations().markUninstalled(PORTAL, Date.now());
    const scheduler = createScheduler({ queue: p.app.queue });
    const progress = createProgressStore({ redis: p.redis, keys: p.keys });
    await scheduler.enqueueBackfill(PORTAL, (await progress.start(PORTAL, 'backfill')).startedAt);
    await scheduler.enqueueRescore(PORTAL, 'starter', 1, (await progress.start(PORTAL, 'rescore', { modelId: 'starter', version: 1 })).startedAt);
    await p.app.queue.promoteJobs();
    await p.idle(PORTAL);
    // Net connect is disabled and no nock scope is defined: a call would have failed and been counted here.
    expect(calls).toEqual([]);

    shift = 29 * DAY;
    await sweep();
    const kept = await portalKeys(PORTAL);
    expect(kept).toContain(p.keys.portal(PORTAL).models);
    expect(kept).toContain(recordLocation(p.keys, PORTAL, 801).key);

    shift = 30 * DAY + 60_000;
    await sweep();
    expect(await portalKeys(PORTAL)).toEqual([]);
    expect(await portalJobs(PORTAL)).toEqual([]);
    expect(await p.redis.zscore(p.keys.uninstalled, String(PORTAL))).toBeNull();
    expect(await p.redis.sismember(p.keys.portals, String(PORTAL))).toBe(0);
    expect(calls).toEqual([]);
  });

  it('keeps the models of a portal installed again within the grace period', async () => {
    shift = 0;
    await p.install(REINSTALLED);
    await p.publishStarter(REINSTALLED);
    await installations().markUninstalled(REINSTALLED, Date.now());
    shift = 10 * DAY;
    await p.install(REINSTALLED);
    shift = 45 * DAY;
    await sweep();
    expect(await portalKeys(REINSTALLED)).toContain(p.keys.portal(REINSTALLED).models);
    expect(await installations().get(REINSTALLED)).toMatchObject({ status: 'active' });
    expect(calls).toEqual([]);
  });
});
