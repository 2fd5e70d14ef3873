import { createContactStores } from '../../src/store/contact-stores.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tailLength } from '../../src/store/contact-record.js';
import { strictNock } from '../helpers/strict-nock.js';
import { recordLocation } from '../helpers/records.js';
import { postWebhook, startPipeline, type Pipeline } from './helpers/harness.js';
import { propertyChange } from './helpers/contacts.js';

const PORTAL = 64177;

strictNock({ localhost: true });

/**
 * A portal with no published model scores nothing, but the events its webhooks append to contact records are still
 * folded in (under the ledger bounds) when the contacts' turn comes: a record's appended tail does not grow for ever.
 */
describe('a portal without a published model', () => {
  let p: Pipeline;
  beforeAll(async () => {
    p = await startPipeline({ roles: ['web', 'worker'], label: 'no-model' });
    await p.install(PORTAL);
  });
  afterAll(() => p.close());

  it('folds the appended events into the records, calling HubSpot for nothing', async () => {
    const now = Date.now();
    const events = [1, 2, 3].map((n) => propertyChange(PORTAL, 700, 'hs_analytics_last_url', `https://www.example.com/p${n}`, now - n * 60_000, n));
    expect((await postWebhook(p.app.url!, JSON.stringify(events))).status).toBe(204);
    await p.idle(PORTAL);
    const { key, field } = recordLocation(p.keys, PORTAL, 700);
    const folded = await p.redis.hgetBuffer(key, field);
    expect(tailLength(folded!)).toBe(0);
    const { ledger } = createContactStores({ redis: p.redis, keys: p.keys, historyMax: 50, bounds: { maxAgeDays: 365, maxEvents: 200 } });
    expect((await ledger.read(PORTAL, ['700'])).get('700')!.map((e) => e.url)).toEqual([3, 2, 1].map((n) => `https://www.example.com/p${n}`));
  });
});
