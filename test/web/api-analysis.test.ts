import { Queue, type Job, type Worker } from 'bullmq';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHubSpotGateway, type HubSpotGateway } from '../../src/hubspot/gateway.js';
import { createInstallFlow } from '../../src/hubspot/install-flow.js';
import { signV3 } from '../../src/hubspot/signature.js';
import { createPipelineContext, type PipelineContext } from '../../src/queue/context.js';
import { QUEUE_NAME } from '../../src/queue/jobs.js';
import { createScheduler } from '../../src/queue/scheduler.js';
import { createScoringWorker } from '../../src/queue/worker.js';
import { buildWebApp } from '../../src/runtime/web-app.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { compileModel, evaluate, type ModelInput } from '../../src/scoring/index.js';
import { scoreSummary } from '../../src/store/scores.js';
import { ledgerEvent } from '../../src/signals/index.js';
import { capturedLogger } from '../helpers/captured-logger.js';
import { connect, redisSpace } from '../helpers/redis.js';
import { CLIENT_SECRET, testConfig } from '../hubspot/helpers/adapter.js';
import { apiModel } from './helpers/api-model.js';

const A = 61_001;
const B = 61_002;
const DAY = 86_400_000;
/** A simulated day 0 (noon UTC): the forward-looking report is driven through the web app's clock. */
const T0 = Date.UTC(2026, 0, 1, 12);

/** "Outbound": total = fit = 80 / 50 / 10 for a hot / warm / cold `tier` (weights 1 and 0, so hand-checkable). */
const outbound: ModelInput = {
  id: 'outbound', name: 'Outbound', propertyPrefix: 'outbound_score',
  fit: { groups: [{ id: 'tier', label: 'Tier', rules: [
    { id: 'hot', label: 'Hot', points: 80, when: { property: 'tier', op: 'eq', value: 'hot' } },
    { id: 'warm', label: 'Warm', points: 50, when: { property: 'tier', op: 'eq', value: 'warm' } },
    { id: 'cold', label: 'Cold', points: 10, when: { property: 'tier', op: 'eq', value: 'cold' } },
  ] }] },
  engagement: { groups: [] },
  total: { fitWeight: 1, engagementWeight: 0 },
  stages: [{ label: 'SQL', min: 70 }],
};

/**
 * The analysis API on the web app as the web process builds it (real HTTP, real v3 signatures over the public
 * URL, real Redis, the real gateway against the sandbox) and a real scoring worker running the learning job.
 */
describe('analysis API', () => {
  const space = redisSpace('api-analysis');
  const { logger } = capturedLogger();
  let sandbox: Sandbox;
  let gateway: HubSpotGateway;
  let queue: Queue;
  let worker: Worker;
  let server: Server;
  let origin: string;
  let ctx: PipelineContext;
  let simulated: number | null = null;
  const clock = () => simulated ?? Date.now();
  const config = () => testConfig({ HUBSPOT_API_BASE_URL: sandbox.url, HUBSPOT_APP_BASE_URL: sandbox.url, HUBSPOT_OPTIONAL_SCOPES: '' });

  beforeAll(async () => {
    sandbox = await startSandbox({ portals: [{ id: A, contacts: 400, seed: 'analysis-a' }, { id: B, contacts: 12, seed: 'analysis-b' }] });
    const cfg = config();
    sandbox.registerApp({ clientId: cfg.HUBSPOT_CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUris: [cfg.urls.oauthCallback], requiredScopes: cfg.HUBSPOT_SCOPES.split(' ') });
    gateway = createHubSpotGateway({ redis: space.redis, keys: space.keys, config: cfg, logger });
    const flow = createInstallFlow({ redis: space.redis, keys: space.keys, config: cfg, logger });
    for (const id of [A, B]) {
      const res = await fetch(`${await flow.start()}&auto=1&portal_id=${id}`, { redirect: 'manual' });
      await flow.complete(Object.fromEntries(new URL(res.headers.get('location') ?? '').searchParams));
    }
    queue = new Queue(QUEUE_NAME, { connection: connect(), prefix: `${space.prefix}:bull` });
    ctx = createPipelineContext({ redis: space.redis, keys: space.keys, config: cfg, logger, gateway, scheduler: createScheduler({ queue }) });
    worker = createScoringWorker(ctx, { connection: connect(), prefix: `${space.prefix}:bull` });
    const app = buildWebApp({ config: cfg, logger, redis: space.redis, keys: space.keys, queue, gateway, clientSecret: CLIENT_SECRET, starterModel: null, clock });
    server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await ctx.models.publishDocument(A, apiModel());
    await ctx.models.publishDocument(A, outbound);
    await ctx.models.publishDocument(B, outbound);
  });

  afterAll(async () => {
    await new Promise((r) => server?.close(r));
    await worker?.close();
    await queue?.obliterate({ force: true }).catch(() => undefined);
    await queue?.close();
    await gateway?.close();
    await sandbox?.close();
    await space.cleanup();
  });

  /** Signs like HubSpot's hubspot.fetch proxy, at the app's (possibly simulated) time. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async function call(portalId: number, method: 'GET' | 'POST', path: string, body?: unknown, signed = true, extra: Record<string, string> = {}): Promise<{ status: number; body: any }> {
    const query = new URLSearchParams({ ...extra, appId: '4242', portalId: String(portalId), userId: '7' }).toString();
    const raw = body === undefined ? '' : JSON.stringify(body);
    const timestamp = clock();
    const signature = signV3({ secret: CLIENT_SECRET, method, url: `${config().PUBLIC_BASE_URL}${path}?${query}`, body: raw, timestamp });
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (signed) Object.assign(headers, { 'x-hubspot-signature-v3': signature, 'x-hubspot-request-timestamp': String(timestamp) });
    const res = await fetch(`${origin}${path}?${query}`, { method, headers, ...(raw ? { body: raw } : {}) });
    return { status: res.status, body: await res.json() };
  }

  it('refuses an unsigned request and a model the signing portal does not have', async () => {
    expect((await call(A, 'GET', '/api/analysis/inbound/suggestion', undefined, false)).status).toBe(401);
    // Portal B has no "inbound" model: A's is not visible to it.
    const other = await call(B, 'GET', '/api/analysis/inbound/suggestion');
    expect(other).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } });
  });

  it('learns a model from the portal\'s conversions in a worker job and reports it beside the published one', async () => {
    expect((await call(A, 'GET', '/api/analysis/inbound/suggestion')).body).toMatchObject({ status: 'none', report: null });
    expect((await call(A, 'GET', '/api/analysis/inbound/accuracy')).body).toMatchObject({ state: 'none', report: null });
    const finished = new Promise<Job>((resolve, reject) => {
      worker.on('completed', (job) => { if (job.name === 'analysis') resolve(job); });
      worker.on('failed', (job, err) => { if (job?.name === 'analysis') reject(err); });
    });
    // The seeded portal keeps the lead dataset's columns as custom properties; the sales dispositions among them leak.
    const properties = ['xed_lead_origin', 'xed_occupation', 'xed_time_on_website', 'xed_last_activity', 'xed_tags', 'xed_lead_quality'];
    const started = await call(A, 'POST', '/api/analysis/inbound/suggestion', { properties, maxContacts: 400 });
    expect(started).toMatchObject({ status: 200, body: { modelId: 'inbound', status: 'queued', fetched: 0 } });
    await finished;

    const { status, body } = await call(A, 'GET', '/api/analysis/inbound/suggestion');
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'done', fetched: 400, error: null, requestedAt: started.body.requestedAt });
    const report = body.report;
    expect(report).toMatchObject({ currentVersion: 1, contacts: 400, sampledFrom: 400, reached: 'customer' });
    expect(report.training.rows + report.heldOut.rows).toBe(400);
    // The sales dispositions are named (on 280 contacts the guard's information-value heuristic also flags two strong
    // fit columns, which a larger portal does not: see docs/analysis.md).
    expect(report.leakage.map((w: { column: string }) => w.column)).toEqual(expect.arrayContaining(['xed_lead_quality', 'xed_tags']));
    expect(report.skipped).toEqual(expect.arrayContaining([{ column: 'xed_tags', reason: 'leakage' }, { column: 'xed_lead_quality', reason: 'leakage' }]));
    expect([report.suggested.id, report.suggested.propertyPrefix]).toEqual(['inbound', 'lead_score']);
    // The published model gives every contact the same 30 points ("has an email"): the diff drops that rule.
    expect(report.diff.rules.find((r: { ruleId: string }) => r.ruleId === 'has_email')).toMatchObject({ change: 'removed', currentPoints: 60 });
    expect(report.accuracy.rows).toBe(report.heldOut.rows);
    expect(report.accuracy.auc.auc).toBeGreaterThan(0.8);
    // Rules speak in the portal's property labels ("Current occupation …"), read from HubSpot's definitions.
    const ruleLabels = (report.suggested.fit.groups as { rules: { label: string }[] }[]).flatMap((g) => g.rules.map((r) => r.label));
    expect(ruleLabels.some((l) => /Lead Origin|Current occupation|time spent on website|Last Activity/i.test(l))).toBe(true);
    expect(ruleLabels.some((l) => /\bxed_/.test(l))).toBe(false);

    const live = await call(A, 'GET', '/api/analysis/inbound/accuracy');
    // Every held-out contact scores 30 under the published model: all ties, so it ranks no better than chance.
    expect(live.body).toMatchObject({ state: 'ready', version: 1, report: { rows: report.heldOut.rows, auc: { auc: 0.5 } } });
    expect(live.body.outcomes).toEqual([{ score: 30, rows: report.heldOut.rows, positives: report.heldOut.positives }]);
    // Portal B's run state is its own.
    expect((await call(B, 'GET', '/api/analysis/outbound/suggestion')).body.status).toBe('none');
  });

  it('reports forward-looking accuracy once dated snapshots exist, and a threshold from sales capacity', async () => {
    simulated = T0 - 3_600_000;
    expect((await call(A, 'GET', '/api/analysis/outbound/forward')).body.report).toMatchObject({ state: 'no-snapshots', contacts: 0 });

    // Day 0: the install scores 22 contacts (8 hot, 4 warm, 10 cold); nobody has converted yet.
    const tiers = [...Array(8).fill('hot'), ...Array(4).fill('warm'), ...Array(10).fill('cold')] as string[];
    const ids = tiers.map((t, i) => `${t}-${i}`);
    for (const [i, id] of ids.entries()) await scoreOn(A, id, tiers[i]!, 0);
    simulated = T0 + 10 * DAY;
    const waiting = (await call(A, 'GET', '/api/analysis/outbound/forward')).body.report;
    expect(waiting).toMatchObject({ state: 'waiting', contacts: 22, conversions: 0, earliestReadyAt: Date.UTC(2026, 0, 2) + 7 * DAY });
    expect(waiting.horizons.map((h: { reason: string }) => h.reason)).toEqual(Array(3).fill('No conversion recorded yet.'));

    // Hot contacts become customers on days 15…22, two warm ones on days 24 and 25 (recorded in the ledgers, as the
    // webhooks would); eight new leads arrive on days 13…33.
    for (let i = 0; i < 8; i++) await convert(A, ids[i]!, 15 + i);
    await convert(A, ids[8]!, 24);
    await convert(A, ids[9]!, 25);
    const arrivals: [number, string][] = [[13, 'hot'], [15, 'hot'], [18, 'warm'], [20, 'warm'], [24, 'warm'], [27, 'cold'], [30, 'cold'], [33, 'cold']];
    for (const [day, tier] of arrivals) await scoreOn(A, `new-${day}`, tier, day);
    simulated = T0 + 40 * DAY;

    const { body } = await call(A, 'GET', '/api/analysis/outbound/forward');
    /*
     * A score of day d is known from the end of that day (T0 + d + ½ day); a conversion on day c reads scores as of
     * c − 7. Hot contact i (of 8, converting on day 14 + i) meets the hot ones converting after it (ties, ½), the
     * 4 warm and the 10 cold (wins): 22 − i pairs, 14 + (8 − i)/2 wins → 140 pairs, 126 wins over the 8. Warm on
     * day 24: 3 warm ties + 10 cold → 13 pairs, 11.5 wins; warm on day 25: 2 ties + 10 → 12 pairs, 11 wins. New
     * leads count from 7½ days after they arrived: new-13 (80) ties the hot converting on days 21 and 22 (2 pairs,
     * 1 win), and new-13 and new-15 (80) beat both warm converters (4 pairs, 0 wins).
     * 7 days: (126 + 11.5 + 11 + 1) / (140 + 13 + 12 + 6) = 149.5 / 171; 21 + 2 comparators.
     * 14 days: no new lead is old enough: 148.5 / 165 = 0.9; 21 comparators. 30 days: no score is old enough.
     */
    expect(body).toMatchObject({ modelId: 'outbound', sampled: false, report: { state: 'ready', contacts: 30, conversions: 10 } });
    const [h7, h14, h30] = body.report.horizons;
    expect(h7).toMatchObject({ days: 7, state: 'ready', converters: 10, comparators: 23, pairs: 171 });
    expect(h7.auc.auc).toBeCloseTo(149.5 / 171, 10);
    expect(h14).toMatchObject({ days: 14, state: 'ready', converters: 10, comparators: 21, pairs: 165 });
    expect(h14.auc.auc).toBeCloseTo(0.9, 10);
    expect(h30).toMatchObject({ days: 30, state: 'not-enough-data', reason: 'No conversion yet has a score from at least 30 days before it.', auc: null });
    expect((await call(B, 'GET', '/api/analysis/outbound/forward')).body.report.state).toBe('no-snapshots');

    // The report is kept a few minutes: a new score shows only when asked for fresh.
    await scoreOn(A, 'late', 'cold', 39);
    const again = (await call(A, 'GET', '/api/analysis/outbound/forward')).body;
    expect([again.computedAt, again.report.contacts]).toEqual([body.computedAt, 30]);
    const fresh = (await call(A, 'GET', '/api/analysis/outbound/forward', undefined, true, { fresh: '1' })).body;
    expect(fresh.report.contacts).toBe(31);

    // Capacity: arrivals count after the install day; the last 4 weeks (day 12 noon … day 40 noon) hold the 8 new
    // leads and the late one (each arrives at the start of its first snapshot's day): 9 / 4 = 2.25 a week, 0.5 a
    // week scoring ≥ 80, 1.25 ≥ 50.
    const capacity = await call(A, 'POST', '/api/analysis/outbound/capacity', { leadsPerWeek: 0.5 });
    expect(capacity.body).toEqual({
      modelId: 'outbound', precisionFrom: null,
      result: {
        state: 'ready', leadsPerWeek: 0.5, windowDays: 28, arrivals: 9, weeklyVolume: 2.25,
        suggested: { threshold: 80, perWeek: 0.5, precision: null, recall: null },
        nextLower: { threshold: 50, perWeek: 1.25, precision: null, recall: null },
      },
    });
    simulated = null;
  });

  async function scoreOn(portalId: number, contactId: string, tier: string, day: number) {
    const published = (await ctx.models.getPublished(portalId, 'outbound'))!;
    const at = T0 + day * DAY;
    const result = evaluate(compileModel(published.model), { properties: { tier }, events: [] }, at);
    await ctx.scores.write(portalId, [{ contactId, changed: true, score: { modelId: 'outbound', version: published.version, scoredAt: at, outputs: {}, inScope: result.inScope, summary: scoreSummary(result) } }], new Map());
  }

  async function convert(portalId: number, contactId: string, day: number) {
    const at = T0 + day * DAY;
    await ctx.ledger.append(portalId, new Map([[contactId, [ledgerEvent('property_change', at, { property: 'lifecyclestage', value: 'customer' })]]]), at);
  }
});
