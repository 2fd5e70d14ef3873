import { createContactStores } from '../../src/store/contact-stores.js';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileModel, evaluate, outputProperties, parseModel, type Model } from '../../src/scoring/index.js';
import { syncProperties } from '../../src/signals/index.js';
import { strictNock } from '../helpers/strict-nock.js';
import { ACCESS_TOKEN, API, fixture, postWebhook, starterModel, startPipeline, type Pipeline } from './helpers/harness.js';
import { shiftTimes } from './helpers/time-shift.js';

const PORTAL = 62515;
/** The newest time in the recorded fixtures; tests move it to one minute ago. */
const RECORDED_AT = 1767952800000;

type Input = { id: string; properties: Record<string, string> };
type BatchRead = { results: { id: string; properties: Record<string, string | null> }[] };

strictNock({ localhost: true });

const model = (): Model => {
  const parsed = parseModel(starterModel());
  if (!parsed.ok) throw new Error('starter model invalid');
  return parsed.model;
};

describe('a recorded webhook batch', () => {
  let p: Pipeline;
  const delta = Date.now() - 60_000 - RECORDED_AT;
  const body = JSON.stringify(shiftTimes(fixture('webhooks/engagement-batch.json'), delta));
  beforeAll(async () => {
    p = await startPipeline({ roles: ['web', 'worker'], label: 'recorded' });
    await p.install(PORTAL);
    await p.publishStarter(PORTAL);
  });
  afterAll(() => p.close());

  it('costs exactly one batch read and one batch update whose values are what the engine computes', async () => {
    const readReply = shiftTimes(fixture<BatchRead>('hubspot/batch-read-engagement.json'), delta);
    let readBody: { inputs: { id: string }[]; properties: string[] } | undefined;
    let updateBody: { inputs: Input[] } | undefined;
    const scope = nock(API)
      .post('/crm/v3/objects/contacts/batch/read', (b) => Boolean((readBody = b)))
      .query({ archived: 'false' })
      .matchHeader('authorization', `Bearer ${ACCESS_TOKEN}`)
      .reply(200, readReply)
      .post('/crm/v3/objects/contacts/batch/update', (b) => Boolean((updateBody = b)))
      .matchHeader('authorization', `Bearer ${ACCESS_TOKEN}`)
      .reply(200, () => ({
        status: 'COMPLETE',
        results: (updateBody?.inputs ?? []).map((i) => ({ ...i, createdAt: '2025-11-03T09:12:44.310Z', updatedAt: new Date().toISOString(), archived: false })),
        startedAt: new Date().toISOString(),
        completedAt: new Date().toISOString(),
      }));

    const res = await postWebhook(p.app.url!, body);
    expect(res.status).toBe(204);
    await p.idle(PORTAL);
    scope.done();

    // The read asks for the three contacts and exactly the properties the model and the signal mapping need.
    expect(readBody?.inputs).toEqual([{ id: '1101' }, { id: '1102' }, { id: '1103' }]);
    expect([...(readBody?.properties ?? [])].sort()).toEqual(syncProperties([model()]));

    // The update equals the engine's output for the recorded properties and the events the batch carried.
    const t = (iso: string) => Date.parse(iso) + delta;
    const events: Record<string, { type: string; at: number; [k: string]: unknown }[]> = {
      '1101': [
        { type: 'email_open', at: t('2026-01-09T09:20:11.000Z') },
        { type: 'page_view', at: t('2026-01-09T09:30:00.000Z'), url: 'https://www.example.com/pricing' },
        { type: 'email_click', at: t('2026-01-09T09:34:50.000Z') },
      ],
      '1102': [{ type: 'form_submission', at: t('2026-01-09T09:50:00.000Z'), form: 'Request a demo' }],
      '1103': [{ type: 'page_view', at: t('2026-01-09T10:00:00.000Z'), url: 'https://www.example.com/blog/lead-scoring' }],
    };
    const compiled = compileModel(model());
    const inputs = updateBody?.inputs ?? [];
    expect(inputs.map((i) => i.id)).toEqual(['1101', '1102', '1103']);
    for (const input of inputs) {
      const now = Date.parse(input.properties.lead_score_updated_at!);
      const properties = readReply.results.find((r) => r.id === input.id)!.properties;
      const expected = outputProperties(model(), evaluate(compiled, { properties, events: events[input.id]! }, now));
      expect(input.properties).toEqual(expected);
    }
    // Hand-computed: 1102 is fit 35 (VP) + 35 (3,200 staff) − 15 (gmail) = 55, engagement 39.99… (a demo request
    // minutes old, linear decay over 60 days) → 40, total ½·55 + ½·39.99… = 47.49… → 47 (the total uses the
    // unrounded dimensions): MQL, grade B3. 1101 is fit 100 (capped), engagement 8 + 5 − ε → 13: A4, total 56.
    // 1103 is a student (fit floored at 0) who read the blog: 0, D4, no stage.
    const by = Object.fromEntries(inputs.map((i) => [i.id, i.properties]));
    expect(by['1102']).toMatchObject({ lead_score: '47', lead_score_fit: '55', lead_score_engagement: '40', lead_score_grade: 'B3', lead_score_stage: 'MQL' });
    expect(by['1101']).toMatchObject({ lead_score: '56', lead_score_fit: '100', lead_score_engagement: '13', lead_score_grade: 'A4', lead_score_stage: 'MQL' });
    expect(by['1103']).toMatchObject({ lead_score: '0', lead_score_fit: '0', lead_score_engagement: '0', lead_score_grade: 'D4', lead_score_stage: 'none' });

    // The redelivered click (attemptNumber 1) was stored once; our own lead_score change recorded nothing.
    const ledger = createContactStores({ redis: p.redis, keys: p.keys, historyMax: 50, bounds: { maxAgeDays: 365, maxEvents: 200 } }).ledger;
    expect((await ledger.read(PORTAL, ['1101'])).get('1101')).toEqual(events['1101']);

    // The sweep will look at the portal: its active-portal entry is no later than its first decay moment.
    const [, firstDecay] = await p.redis.zrange(p.keys.portal(PORTAL).decay, '0', '0', 'WITHSCORES');
    const wakeUp = await p.redis.zscore(p.keys.active, String(PORTAL));
    expect(firstDecay).toBeDefined();
    expect(wakeUp).not.toBeNull();
    expect(Number(wakeUp)).toBeLessThanOrEqual(Number(firstDecay));
  });

  it('reads again but writes nothing when HubSpot redelivers the same batch', async () => {
    // Same values as the first read, so the engine computes the same rounded outputs: no batch update.
    const readReply = shiftTimes(fixture<BatchRead>('hubspot/batch-read-engagement.json'), delta);
    const scope = nock(API).post('/crm/v3/objects/contacts/batch/read').query({ archived: 'false' }).reply(200, readReply);
    const res = await postWebhook(p.app.url!, body);
    expect(res.status).toBe(204);
    await p.idle(PORTAL);
    scope.done();
  });
});
