import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScheduler } from '../../src/queue/scheduler.js';
import { createProgressStore } from '../../src/store/backfill-progress.js';
import { strictNock } from '../helpers/strict-nock.js';
import { until } from '../helpers/until.js';
import { crmContact, echoUpdate, nockScoreJob, propertyChange } from './helpers/contacts.js';
import { API, postWebhook, startPipeline, type Pipeline } from './helpers/harness.js';

const BIG = 79001;
const SMALL = 79002;
const OTHER = 79003;
const token = (portalId: number) => `portal-${portalId}-access-token`;
const bigIds = Array.from({ length: 50 }, (_, i) => String(81_001 + i));

strictNock({ localhost: true });

describe('a worker slot kept for fresh work', () => {
  let p: Pipeline;
  beforeAll(async () => {
    // One slot for any job and the default one kept for fresh work.
    p = await startPipeline({ roles: ['web', 'worker'], label: 'fresh-slot', env: { WORKER_CONCURRENCY: '1' } });
    for (const portalId of [BIG, SMALL, OTHER]) {
      await p.install(portalId, { accessToken: token(portalId) });
      await p.publishStarter(portalId);
    }
  });
  afterAll(() => p.close());

  it('scores a fresh webhook while a backfill holds the other slot, and never gives that slot to a second backfill', async () => {
    const order: string[] = [];
    let releaseBigPage!: () => void;
    const bigPageHeld = new Promise<void>((r) => (releaseBigPage = r));
    let bigPageAsked = false;
    const big = nock(API, { reqheaders: { authorization: `Bearer ${token(BIG)}` } })
      .get('/crm/v3/objects/contacts').query(true)
      .reply(200, async () => {
        bigPageAsked = true;
        // The backfill holds its slot here, as it does while it waits on its portal's HubSpot budget.
        await bigPageHeld;
        order.push('big list');
        return { results: bigIds.map((id) => ({ ...crmContact(id), propertiesWithHistory: {} })) };
      })
      .post('/crm/v3/objects/contacts/batch/update')
      .reply(200, async (req) => {
        order.push('big update');
        return echoUpdate(req);
      });
    const other = nock(API, { reqheaders: { authorization: `Bearer ${token(OTHER)}` } })
      .get('/crm/v3/objects/contacts').query(true)
      .reply(200, () => {
        order.push('other list');
        return { results: [] };
      });
    const small = nockScoreJob(nock(API, { reqheaders: { authorization: `Bearer ${token(SMALL)}` } }), order, 'small');

    const progress = createProgressStore({ redis: p.redis, keys: p.keys });
    const scheduler = createScheduler({ queue: p.app.queue });
    const bigRun = await progress.start(BIG, 'backfill');
    await scheduler.enqueueBackfill(BIG, bigRun.startedAt);
    await until(() => bigPageAsked, 10_000, 'the big backfill lists its first page');
    const otherRun = await progress.start(OTHER, 'backfill');
    await scheduler.enqueueBackfill(OTHER, otherRun.startedAt);

    const now = Date.now();
    const res = await postWebhook(p.app.url!, JSON.stringify([propertyChange(SMALL, 90_001, 'hs_email_last_click_date', String(now), now, 1)]));
    expect(res.status).toBe(204);
    // Scored in the kept slot while the backfill still holds the other one (its page is not answered yet).
    await until(() => order.includes('small update'), 10_000, 'the small portal scored');
    expect(order).toEqual(['small read', 'small update']);

    releaseBigPage();
    for (const portalId of [BIG, OTHER]) {
      await until(async () => (await progress.get(portalId, 'backfill'))?.status === 'done', 20_000, `backfill of ${portalId} done`);
    }
    big.done();
    other.done();
    small.done();
    // The second backfill started only once the first one had left the slot bulk work may use.
    expect(order).toEqual(['small read', 'small update', 'big list', 'big update', 'other list']);
  });
});
