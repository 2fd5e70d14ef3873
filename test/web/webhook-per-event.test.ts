import { createContactStores } from '../../src/store/contact-stores.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registry } from '../../src/observability/metrics.js';
import { createInstallationStore } from '../../src/store/installations.js';
import { scanKeys } from '../../src/store/redis-client.js';
import { capturedLogger } from '../helpers/captured-logger.js';
import { propertyChange } from '../pipeline/helpers/contacts.js';
import { ENCRYPTION_KEY, postWebhook, startPipeline, type Pipeline } from '../pipeline/helpers/harness.js';

const PORTAL = 81403;
const NEVER_INSTALLED = 81404;
const UNINSTALLED = 81405;
const SECRET_VALUE = 'jane.doe@private.example';

/** The webhook counter's value for one outcome, read from the registry as Prometheus would scrape it. */
async function counted(outcome: string): Promise<number> {
  const text = await registry.getSingleMetricAsString('lead_scoring_webhook_events_total');
  const line = text.split('\n').find((l) => l.startsWith(`lead_scoring_webhook_events_total{outcome="${outcome}"}`));
  return line ? Number(line.split(' ').pop()) : 0;
}

describe('the webhook route, event by event', () => {
  let p: Pipeline;
  const { logger, lines } = capturedLogger();
  beforeAll(async () => {
    p = await startPipeline({ roles: ['web'], label: 'per-event', logger });
    await p.install(PORTAL);
    await p.install(UNINSTALLED);
    await createInstallationStore({ redis: p.redis, keys: p.keys, encryptionKey: ENCRYPTION_KEY }).markUninstalled(UNINSTALLED);
  });
  afterAll(() => p.close());

  const ledgerSize = async (portalId: number, contactId: number) => {
    const { ledger } = createContactStores({ redis: p.redis, keys: p.keys, historyMax: 50, bounds: { maxAgeDays: 365, maxEvents: 200 } });
    return (await ledger.read(portalId, [String(contactId)])).get(String(contactId))!.length;
  };

  it('stores the 9 valid events of a signed batch of 10 with one malformed, answers 204 and counts the skipped one', async () => {
    const now = Date.now();
    const events: Record<string, unknown>[] = Array.from({ length: 10 }, (_, i) =>
      propertyChange(PORTAL, 500 + i, 'hs_analytics_last_url', `https://www.example.com/page-${i}`, now - 10_000 + i, 9000 + i));
    // Event 4 lacks its property name and carries a value that must never reach the logs.
    events[4] = { ...events[4], propertyName: undefined, propertyValue: SECRET_VALUE };
    const [skippedBefore, storedBefore] = [await counted('skipped_malformed'), await counted('stored')];

    const res = await postWebhook(p.app.url!, JSON.stringify(events));

    expect(res.status).toBe(204);
    for (let i = 0; i < 10; i++) expect(await ledgerSize(PORTAL, 500 + i)).toBe(i === 4 ? 0 : 1);
    expect((await p.redis.zrange(p.keys.portal(PORTAL).dirty, '0', '-1')).sort()).toEqual(
      [500, 501, 502, 503, 505, 506, 507, 508, 509].map(String));
    expect(await counted('skipped_malformed')).toBe(skippedBefore + 1);
    expect(await counted('stored')).toBe(storedBefore + 9);
    const logged = lines.filter((l) => l.includes('malformed webhook event skipped'));
    expect(logged).toHaveLength(1);
    expect(JSON.parse(logged[0]!)).toMatchObject({ index: 4, portalId: PORTAL, issues: [{ path: '[4].propertyName' }] });
    expect(lines.join('\n')).not.toContain(SECRET_VALUE);
  });

  it('accepts the type in `eventType` when `subscriptionType` is absent', async () => {
    const { subscriptionType, ...event } = propertyChange(PORTAL, 600, 'hs_analytics_last_url', 'https://www.example.com/pricing', Date.now() - 1_000, 9100);
    const res = await postWebhook(p.app.url!, JSON.stringify([{ ...event, eventType: subscriptionType }]));
    expect(res.status).toBe(204);
    expect(await ledgerSize(PORTAL, 600)).toBe(1);
  });

  it('acknowledges events of never-installed and uninstalled portals with 204 and stores nothing of them', async () => {
    const before = await counted('skipped_uninstalled');
    const events = [NEVER_INSTALLED, UNINSTALLED, PORTAL].map((portal, i) =>
      propertyChange(portal, 700 + i, 'hs_analytics_last_url', 'https://www.example.com/pricing', Date.now() - 1_000, 9200 + i));
    const res = await postWebhook(p.app.url!, JSON.stringify(events));
    expect(res.status).toBe(204);
    expect(await counted('skipped_uninstalled')).toBe(before + 2);
    for (const portal of [NEVER_INSTALLED, UNINSTALLED]) {
      // A whole SCAN (one call with COUNT may stop early in a busy Redis and find nothing).
      const keys: string[] = [];
      for await (const found of scanKeys(p.redis, `${p.prefix}:{p:${portal}}:*`)) keys.push(...found);
      // The uninstalled portal keeps only its installation record; the other has nothing at all.
      expect(keys).toEqual(portal === UNINSTALLED ? [p.keys.portal(portal).installation] : []);
    }
    // The installed portal's event in the same batch was stored (so the check above could fail).
    expect(await ledgerSize(PORTAL, 702)).toBe(1);
  });
});
