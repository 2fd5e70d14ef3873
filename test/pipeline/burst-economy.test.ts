import { createContactStores } from '../../src/store/contact-stores.js';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubSpotCallEvent } from '../../src/hubspot/call-hubspot.js';
import { strictNock } from '../helpers/strict-nock.js';
import { batchResponse, crmContact, propertyChange } from './helpers/contacts.js';
import { API, postWebhook, startPipeline, type Pipeline } from './helpers/harness.js';

const PORTAL = 73001;
const CONTACTS = 300;
const EVENTS = 1_000;

strictNock({ localhost: true });

describe('a burst of webhook events', () => {
  const calls: HubSpotCallEvent[] = [];
  let p: Pipeline;
  beforeAll(async () => {
    // A settle window comfortably longer than posting ten batches takes on a loaded CI machine.
    p = await startPipeline({ roles: ['web', 'worker'], label: 'burst', env: { SETTLE_WINDOW_MS: '4000' }, overrides: { onCall: (e) => calls.push(e) } });
    await p.install(PORTAL);
    await p.publishStarter(PORTAL);
  });
  afterAll(() => p.close());

  it('costs at most 8 HubSpot calls for 1,000 property changes of 300 contacts within the settle window', async () => {
    const updated = new Set<string>();
    const scope = nock(API)
      .persist()
      .post('/crm/v3/objects/contacts/batch/read')
      .query({ archived: 'false' })
      // nock 15 hands a reply function the fetch Request.
      .reply(200, async (req) => batchResponse(((await req.json()) as { inputs: { id: string }[] }).inputs.map((i) => crmContact(i.id))))
      .post('/crm/v3/objects/contacts/batch/update')
      .reply(200, async (req) => {
        const { inputs } = (await req.json()) as { inputs: { id: string; properties: Record<string, string> }[] };
        for (const i of inputs) updated.add(i.id);
        return batchResponse(inputs.map((i) => ({ ...crmContact(i.id), properties: i.properties })));
      });

    // 1,000 distinct page views and email clicks spread over 300 contacts, in HubSpot batches of 100.
    const now = Date.now();
    const events = Array.from({ length: EVENTS }, (_, n) => {
      const contact = 5001 + (n % CONTACTS);
      const at = now - 3_600_000 + n * 1_000;
      return n % 2
        ? propertyChange(PORTAL, contact, 'hs_analytics_last_url', `https://www.example.com/pricing?v=${n}`, at, 9_000_000 + n)
        : propertyChange(PORTAL, contact, 'hs_email_last_click_date', String(at), at, 9_000_000 + n);
    });
    const started = Date.now();
    for (let i = 0; i < EVENTS; i += 100) {
      const res = await postWebhook(p.app.url!, JSON.stringify(events.slice(i, i + 100)));
      expect(res.status).toBe(204);
    }
    // The premise: every event arrived within the settle window.
    expect(Date.now() - started).toBeLessThan(4_000);
    await p.idle(PORTAL, 20_000);
    scope.done();

    const reads = calls.filter((c) => c.operation === 'contacts.batchRead').length;
    const writes = calls.filter((c) => c.operation === 'contacts.batchUpdate').length;
    expect(calls.every((c) => c.outcome === 'ok')).toBe(true);
    expect(reads + writes).toBeLessThanOrEqual(8);
    // The floor is 2 calls per 100 contacts: 3 reads and 3 writes.
    expect({ reads, writes }).toEqual({ reads: 3, writes: 3 });
    // Every contact in scope was written (contacts whose id is a multiple of 11 are customers: out of scope).
    const inScope = Array.from({ length: CONTACTS }, (_, i) => String(5001 + i)).filter((id) => Number(id) % 11 !== 0);
    expect([...updated].sort()).toEqual(inScope.sort());
    // No event was lost: each contact's ledger holds all of its events.
    const ledger = createContactStores({ redis: p.redis, keys: p.keys, historyMax: 50, bounds: { maxAgeDays: 365, maxEvents: 200 } }).ledger;
    const ledgers = await ledger.read(PORTAL, inScope);
    const recorded = [...ledgers.values()].reduce((n, l) => n + l.filter((e) => e.type !== 'email_open').length, 0);
    const expected = events.filter((e) => Number(e.objectId) % 11 !== 0).length;
    expect(recorded).toBe(expected);
  });
});
