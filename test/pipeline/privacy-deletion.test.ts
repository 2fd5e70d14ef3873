import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keysMentioning } from '../helpers/dump-prefix.js';
import { recordLocation } from '../helpers/records.js';
import { strictNock } from '../helpers/strict-nock.js';
import { batchResponse, crmContact, propertyChange } from './helpers/contacts.js';
import { API, postWebhook, startPipeline, type Pipeline } from './helpers/harness.js';

const PORTAL = 64100;
/** Ids distinctive enough that no timestamp, counter or other id in Redis contains them by chance. */
const GONE = '918273645';
const KEPT = '918273777';

strictNock({ localhost: true });

describe('contact.privacyDeletion', () => {
  let p: Pipeline;
  beforeAll(async () => {
    p = await startPipeline({ roles: ['web', 'worker'], label: 'privacy' });
    await p.install(PORTAL);
    await p.publishStarter(PORTAL);
  });
  afterAll(() => p.close());

  it('leaves no key, member, field or value about the contact in Redis', async () => {
    const scope = nock(API)
      .post('/crm/v3/objects/contacts/batch/read')
      .query({ archived: 'false' })
      .reply(200, async (req) => batchResponse(((await req.json()) as { inputs: { id: string }[] }).inputs.map((i) => crmContact(i.id, { jobtitle: 'CEO' }))))
      .post('/crm/v3/objects/contacts/batch/update')
      .reply(200, async (req) => batchResponse(((await req.json()) as { inputs: { id: string }[] }).inputs.map((i) => crmContact(i.id))));
    const now = Date.now();
    // Scored once: its record (ledger, last score, history, snapshot, decay moment), one field of its bucket hash.
    const first = [GONE, KEPT].flatMap((id, i) => [
      propertyChange(PORTAL, Number(id), 'hs_analytics_last_url', 'https://www.example.com/pricing', now - 60_000, 10 + i),
      propertyChange(PORTAL, Number(id), 'hs_lead_status', 'IN_PROGRESS', now - 50_000, 20 + i),
    ]);
    expect((await postWebhook(p.app.url!, JSON.stringify(first))).status).toBe(204);
    await p.idle(PORTAL);
    scope.done();
    const before = await keysMentioning(p.redis, p.prefix, GONE);
    expect(before).toContain(recordLocation(p.keys, PORTAL, GONE).key);
    expect((await p.redis.hget(recordLocation(p.keys, PORTAL, GONE).key, GONE))?.length).toBeGreaterThan(20);

    // A new event leaves it dirty (queued) when the deletion arrives in the next batch.
    const again = [propertyChange(PORTAL, Number(GONE), 'hs_email_last_click_date', String(now - 1_000), now - 1_000, 30)];
    expect((await postWebhook(p.app.url!, JSON.stringify(again))).status).toBe(204);
    expect(await p.redis.zscore(p.keys.portal(PORTAL).dirty, GONE)).not.toBeNull();
    const deletion = {
      eventId: 31, subscriptionId: 2381499, portalId: PORTAL, appId: 1160452, occurredAt: now, subscriptionType: 'contact.privacyDeletion',
      attemptNumber: 0, objectId: Number(GONE), changeSource: 'GDPR', changeFlag: 'DELETED',
    };
    expect((await postWebhook(p.app.url!, JSON.stringify([deletion]))).status).toBe(204);
    await p.idle(PORTAL);

    expect(await keysMentioning(p.redis, p.prefix, GONE)).toEqual([]);
    // The other contact's data is untouched.
    expect(await keysMentioning(p.redis, p.prefix, KEPT)).toContain(recordLocation(p.keys, PORTAL, KEPT).key);
  });
});
