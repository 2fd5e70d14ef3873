import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScheduler } from '../../src/queue/scheduler.js';
import { createProgressStore } from '../../src/store/backfill-progress.js';
import { strictNock } from '../helpers/strict-nock.js';
import { until } from '../helpers/until.js';
import { crmContact, echoUpdate, nockScoreJob, propertyChange } from './helpers/contacts.js';
import { API, postWebhook, startPipeline, type Pipeline } from './helpers/harness.js';

const BIG = 78001;
const SMALL = 78002;
const BIG_TOKEN = 'big-portal-access-token';
const SMALL_TOKEN = 'small-portal-access-token';
/** The big portal's contacts: 3 units of 100 (6 list pages of 50 with history). */
const bigIds = Array.from({ length: 300 }, (_, i) => String(80_001 + i));

strictNock({ localhost: true });

const listPage = (n: number) => ({
  results: bigIds.slice(n * 50, n * 50 + 50).map((id) => ({ ...crmContact(id), propertiesWithHistory: {} })),
  ...(n < 5 ? { paging: { next: { after: `c${n + 1}` } } } : {}),
});

const echo = echoUpdate;

describe('fair across portals', () => {
  let p: Pipeline;
  beforeAll(async () => {
    // One slot and none kept for fresh work: without giving way, the small portal's score job would wait for the
    // whole backfill.
    p = await startPipeline({ roles: ['web', 'worker'], label: 'fair', env: { WORKER_CONCURRENCY: '1', WORKER_FRESH_SLOTS: '0' } });
    await p.install(BIG, { accessToken: BIG_TOKEN });
    await p.install(SMALL, { accessToken: SMALL_TOKEN });
    await p.publishStarter(BIG);
    await p.publishStarter(SMALL);
  });
  afterAll(() => p.close());

  it('scores a portal\'s fresh webhook before the queued bulk pages of another portal\'s backfill', async () => {
    const order: string[] = [];
    let releaseFirstPage!: () => void;
    const firstPageHeld = new Promise<void>((r) => (releaseFirstPage = r));
    let firstPageAsked = false;
    const big = nock(API, { reqheaders: { authorization: `Bearer ${BIG_TOKEN}` } })
      .get('/crm/v3/objects/contacts').query((q) => q.limit === '50' && !q.after)
      .reply(200, async () => {
        firstPageAsked = true;
        await firstPageHeld;
        order.push('big list 0');
        return listPage(0);
      })
      .get('/crm/v3/objects/contacts').query((q) => typeof q.after === 'string').times(5)
      .reply(200, (req: Request) => {
        const n = Number(new URL(req.url).searchParams.get('after')!.slice(1));
        order.push(`big list ${n}`);
        return listPage(n);
      })
      .post('/crm/v3/objects/contacts/batch/update').times(3)
      .reply(200, async (req) => {
        order.push('big update');
        return echo(req);
      });
    const small = nockScoreJob(nock(API, { reqheaders: { authorization: `Bearer ${SMALL_TOKEN}` } }), order, 'small');

    const progress = createProgressStore({ redis: p.redis, keys: p.keys });
    const started = await progress.start(BIG, 'backfill');
    await createScheduler({ queue: p.app.queue }).enqueueBackfill(BIG, started.startedAt);
    await until(() => firstPageAsked, 10_000, 'the backfill lists its first page');

    // While the backfill holds the only slot, a change arrives for the small portal; its settle window ends.
    const now = Date.now();
    const res = await postWebhook(p.app.url!, JSON.stringify([propertyChange(SMALL, 90_001, 'hs_email_last_click_date', String(now), now, 1)]));
    expect(res.status).toBe(204);
    await until(async () => {
      const [job] = (await p.app.queue.getDelayed()).filter((j) => j.name === 'score');
      return !!job && job.timestamp + job.delay <= Date.now();
    }, 10_000, 'the small portal\'s score job due');
    releaseFirstPage();

    await until(async () => (await progress.get(BIG, 'backfill'))?.status === 'done', 20_000, 'backfill done');
    await p.idle(BIG);
    await p.idle(SMALL);
    big.done();
    small.done();

    // The small portal was scored right after the backfill's first unit, not after its last.
    expect(order.slice(0, 5)).toEqual(['big list 0', 'big list 1', 'big update', 'small read', 'small update']);
    expect(order.filter((c) => c === 'big update')).toHaveLength(3);
    expect(await progress.get(BIG, 'backfill')).toMatchObject({ status: 'done', pages: 3, seen: 300 });
  });
});
