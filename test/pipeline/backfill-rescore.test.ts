import { createContactStores } from '../../src/store/contact-stores.js';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScheduler } from '../../src/queue/scheduler.js';
import { outputPropertyDefinitions, parseModel } from '../../src/scoring/index.js';
import { createProgressStore } from '../../src/store/backfill-progress.js';
import { createModelStore } from '../../src/store/models.js';
import { strictNock } from '../helpers/strict-nock.js';
import { until } from '../helpers/until.js';
import { crmContact, echoUpdate } from './helpers/contacts.js';
import { API, starterModel, startPipeline, type Pipeline } from './helpers/harness.js';

const PORTAL = 77001;
const DAY = 86_400_000;
const ids = Array.from({ length: 130 }, (_, i) => String(60_001 + i));
const inScope = ids.filter((id) => Number(id) % 11 !== 0);
/** The moment the portal's data describes (the same for both tests: HubSpot's values do not move). */
const now = Date.now();

strictNock({ localhost: true });

/** A clicker clicked two marketing emails, 3 and 10 days ago (the property's history holds both). */
const clicker = (id: string) => Number(id) % 3 !== 0;

function listed(id: string, now: number, withHistory: boolean) {
  const recent = new Date(now - 3 * DAY).toISOString();
  const older = new Date(now - 10 * DAY).toISOString();
  if (!clicker(id)) return withHistory ? { ...crmContact(id), propertiesWithHistory: {} } : crmContact(id);
  const c = crmContact(id, { hs_email_last_click_date: recent });
  if (!withHistory) return c;
  return {
    ...c,
    propertiesWithHistory: {
      hs_email_last_click_date: [
        { value: recent, timestamp: recent, sourceType: 'EMAIL' },
        { value: older, timestamp: older, sourceType: 'EMAIL' },
      ],
    },
  };
}

const page = (from: number, to: number, after: string | null, now: number, history: boolean) => ({
  results: ids.slice(from, to).map((id) => listed(id, now, history)),
  ...(after ? { paging: { next: { after, link: `${API}/crm/v3/objects/contacts?after=${after}` } } } : {}),
});

type SearchBody = {
  limit: number;
  filterGroups: { filters: { propertyName: string; operator: string; value?: string }[] }[];
  sorts: { propertyName: string; direction: string }[];
};

const echo = echoUpdate;

describe('backfill and rescore', () => {
  let p: Pipeline;
  beforeAll(async () => {
    p = await startPipeline({ roles: ['worker'], label: 'backfill' });
    await p.install(PORTAL);
    await p.publishStarter(PORTAL);
  });
  afterAll(() => p.close());
  const stores = () => ({
    progress: createProgressStore({ redis: p.redis, keys: p.keys }),
    scheduler: createScheduler({ queue: p.app.queue }),
    ...createContactStores({ redis: p.redis, keys: p.keys, historyMax: 50, bounds: { maxAgeDays: 365, maxEvents: 200 } }),
  });

  it('backfills every contact from the list API with property history, resuming at its cursor after a failure', async () => {
    const { progress, scheduler, scores, ledger } = stores();
    const updated: string[] = [];
    const scope = nock(API)
      .get('/crm/v3/objects/contacts').query((q) => q.limit === '50' && !q.after && String(q.propertiesWithHistory).includes('hs_email_last_click_date'))
      .reply(200, page(0, 50, 'c50', now, true))
      .get('/crm/v3/objects/contacts').query((q) => q.after === 'c50')
      .reply(200, page(50, 100, 'c100', now, true))
      .post('/crm/v3/objects/contacts/batch/update').reply(200, async (req) => {
        const body = await echo(req);
        updated.push(...body.results.map((r) => (r as { id: string }).id));
        return body;
      })
      // The second unit: its write fails once (HubSpot 503) and the retry lists page 3 again, not pages 1–2.
      .get('/crm/v3/objects/contacts').query((q) => q.after === 'c100').times(2)
      .reply(200, page(100, 130, null, now, true))
      .post('/crm/v3/objects/contacts/batch/update').reply(503, { status: 'error', message: 'Service unavailable' })
      .post('/crm/v3/objects/contacts/batch/update').reply(200, async (req) => {
        const body = await echo(req);
        updated.push(...body.results.map((r) => (r as { id: string }).id));
        return body;
      });

    const started = await progress.start(PORTAL, 'backfill');
    await scheduler.enqueueBackfill(PORTAL, started.startedAt);
    await until(async () => (await progress.get(PORTAL, 'backfill'))?.status === 'done', 20_000, 'backfill done');
    await p.idle(PORTAL);
    scope.done();

    expect(await progress.get(PORTAL, 'backfill')).toMatchObject({ status: 'done', pages: 2, seen: 130, scored: inScope.length, written: inScope.length });
    expect([...new Set(updated)].sort()).toEqual(inScope);
    // The ledger holds both historical clicks; the engagement counts both (5 points each, 30-day window).
    const l = (await ledger.read(PORTAL, ['60001'])).get('60001')!;
    expect(l.filter((e) => e.type === 'email_click').map((e) => e.at)).toEqual([
      Date.parse(new Date(now - 10 * DAY).toISOString()), Date.parse(new Date(now - 3 * DAY).toISOString()),
    ]);
    const s = (await scores.readLast(PORTAL, ['60001'])).get('60001')!.get('starter')!;
    expect(s).toMatchObject({ inScope: true, summary: { engagement: 10 } });
  });

  it('rescores with the stored ledgers after a publish, writing only the contacts whose output changed', async () => {
    const { progress, scheduler, scores } = stores();
    const models = createModelStore({ redis: p.redis, keys: p.keys });
    const doc = starterModel();
    // Version 2: an email click is worth 7 instead of 5 (the email group stays capped at 15).
    doc.engagement.groups.find((g: { id: string }) => g.id === 'email').rules[0].points = 7;
    const v2 = await models.publishDocument(PORTAL, doc);
    expect(v2.version).toBe(2);
    const parsed = parseModel(doc);
    if (!parsed.ok) throw new Error('invalid');
    const updated: string[] = [];
    const scope = nock(API)
      .post('/crm/v3/properties/contacts/groups').reply(409, { status: 'error', category: 'CONFLICT', message: 'exists' })
      .post('/crm/v3/properties/contacts').times(outputPropertyDefinitions(parsed.model).length)
      .reply(201, async (req) => ({ ...((await req.json()) as object), archived: false }))
      // Read through CRM search (its own budget): the top page of up to 200 by hs_object_id holds all 130.
      .post('/crm/v3/objects/contacts/search', (b: SearchBody) =>
        b.limit === 200 && b.filterGroups.length === 1 && b.filterGroups[0]!.filters.length === 1 &&
        b.filterGroups[0]!.filters[0]!.propertyName === 'hs_object_id' && b.filterGroups[0]!.filters[0]!.operator === 'GT' && b.filterGroups[0]!.filters[0]!.value === '0' &&
        b.sorts[0]?.propertyName === 'hs_object_id' && b.sorts[0]?.direction === 'DESCENDING')
      .reply(200, { total: 130, results: [...ids].reverse().map((id) => listed(id, now, false)) })
      // The changed contacts (fewer than 100) go in one batch update.
      .post('/crm/v3/objects/contacts/batch/update')
      .reply(200, async (req: Request) => {
        const body = await echo(req);
        updated.push(...body.results.map((r) => (r as { id: string }).id));
        return body;
      });
    const started = await progress.start(PORTAL, 'rescore', { modelId: 'starter', version: 2 });
    await scheduler.enqueueRescore(PORTAL, 'starter', 2, started.startedAt);
    await until(async () => (await progress.get(PORTAL, 'rescore'))?.status === 'done', 20_000, 'rescore done');
    await p.idle(PORTAL);
    scope.done();

    // Contacts who never clicked score the same under version 2: nothing is written for them.
    expect([...new Set(updated)].sort()).toEqual(inScope.filter(clicker));
    const s = (await scores.readLast(PORTAL, ['60001'])).get('60001')!.get('starter')!;
    // Two clicks from the stored ledger (the list API gave no history this time): 2 × 7 = 14.
    expect(s).toMatchObject({ version: 2, summary: { engagement: 14 } });
    expect(s.outputs.lead_score_engagement).toBe('14');
  });
});
