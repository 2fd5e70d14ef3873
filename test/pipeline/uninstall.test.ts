import { hasRecord } from '../helpers/records.js';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubSpotCallEvent } from '../../src/hubspot/call-hubspot.js';
import { createProgressStore } from '../../src/store/backfill-progress.js';
import { createInstallationStore } from '../../src/store/installations.js';
import { createScheduler } from '../../src/queue/scheduler.js';
import { strictNock } from '../helpers/strict-nock.js';
import { propertyChange } from './helpers/contacts.js';
import { API, ENCRYPTION_KEY, postWebhook, REFRESH_TOKEN, startPipeline, type Pipeline } from './helpers/harness.js';

const PORTAL = 55300;

strictNock({ localhost: true });

describe('a refresh token HubSpot refuses (invalid_grant)', () => {
  const calls: HubSpotCallEvent[] = [];
  let p: Pipeline;
  beforeAll(async () => {
    p = await startPipeline({ roles: ['web', 'worker'], label: 'uninstall', overrides: { onCall: (e) => calls.push(e) } });
    // The access token has expired: the first HubSpot call must refresh it.
    await p.install(PORTAL, { expiresAt: Date.now() - 1_000 });
    await p.publishStarter(PORTAL);
  });
  afterAll(() => p.close());

  it('marks the portal uninstalled once, and its queued jobs end without calling HubSpot', async () => {
    const token = nock(API)
      .post('/oauth/v3/token', (b) => b.grant_type === 'refresh_token' && b.refresh_token === REFRESH_TOKEN)
      .once()
      .reply(400, { status: 'BAD_REFRESH_TOKEN', message: 'missing or invalid refresh token', correlationId: 'c0ffee' });

    // Queued work of every kind: scoring from webhooks, a backfill and a rescore.
    const now = Date.now();
    const events = [1, 2, 3].map((n) => propertyChange(PORTAL, 700 + n, 'hs_analytics_last_url', 'https://www.example.com/pricing', now - n * 1_000, n));
    expect((await postWebhook(p.app.url!, JSON.stringify(events))).status).toBe(204);
    const progress = createProgressStore({ redis: p.redis, keys: p.keys });
    const scheduler = createScheduler({ queue: p.app.queue });
    const backfill = await progress.start(PORTAL, 'backfill');
    await scheduler.enqueueBackfill(PORTAL, backfill.startedAt);
    const rescore = await progress.start(PORTAL, 'rescore', { modelId: 'starter', version: 1 });
    await scheduler.enqueueRescore(PORTAL, 'starter', 1, rescore.startedAt);

    await p.idle(PORTAL);
    token.done();
    const installations = createInstallationStore({ redis: p.redis, keys: p.keys, encryptionKey: ENCRYPTION_KEY });
    expect(await installations.get(PORTAL)).toMatchObject({ status: 'uninstalled' });
    expect(await p.redis.sismember(p.keys.portals, String(PORTAL))).toBe(0);
    // Not one CRM call was made (net connect is disabled too: one would have failed loudly).
    expect(calls).toEqual([]);
    // A webhook arriving afterwards is acknowledged and stores nothing: no dirty contact, no ledger, no job.
    expect((await postWebhook(p.app.url!, JSON.stringify([propertyChange(PORTAL, 799, 'jobtitle', 'CEO', Date.now(), 9)]))).status).toBe(204);
    expect(await p.redis.zscore(p.keys.portal(PORTAL).dirty, '799')).toBeNull();
    expect(await hasRecord(p.redis, p.keys, PORTAL, 799)).toBe(false);
    await p.idle(PORTAL);
    expect(calls).toEqual([]);
  });
});
