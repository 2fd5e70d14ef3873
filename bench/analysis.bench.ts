/**
 * Analysis benchmark. `npx tsx bench/analysis.bench.ts learn`: the learner alone on one core (bench/lib/learn-phase.ts;
 * also a line of `npm run bench`). `npx tsx bench/analysis.bench.ts [contacts]` (default 10,000): the settings page's learning
 * run end to end (a real worker job reading a seeded sandbox portal through the gateway, with HubSpot's rate limit
 * of 110 requests per 10 s and the app's 90% share of it, then learning and measuring), and the two reports
 * computed in a request from the store (forward-looking accuracy, capacity threshold) over 5,000 contacts with
 * 30 days of snapshots. Prints JSON. Needs Redis (found or started as `npm start` does).
 */
import { Queue, QueueEvents } from 'bullmq';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { loadConfig } from '../src/config.js';
import { createHubSpotGateway } from '../src/hubspot/gateway.js';
import { createInstallFlow } from '../src/hubspot/install-flow.js';
import { createLogger } from '../src/logger.js';
import { createPipelineContext } from '../src/queue/context.js';
import { QUEUE_NAME } from '../src/queue/jobs.js';
import { createScheduler } from '../src/queue/scheduler.js';
import { createScoringWorker } from '../src/queue/worker.js';
import { loadStarterModel } from '../src/runtime/starter-model.js';
import { startSandbox } from '../src/sandbox/index.js';
import { compileModel, evaluate } from '../src/scoring/index.js';
import { ledgerEvent } from '../src/signals/index.js';
import { createAnalysisRunStore } from '../src/store/analysis-runs.js';
import { appKeys } from '../src/store/keys.js';
import { ensureRedis } from '../src/store/redis-server.js';
import { scoreSummary, type ScoreWrite } from '../src/store/scores.js';
import { capacityReport, forwardReport } from '../src/web/api/analysis-reports.js';
import { benchLearning, formatLearning } from './lib/learn-phase.js';

// `npx tsx bench/analysis.bench.ts learn`: the learner alone (analyze on 41,000 rows × 15 columns, 5 folds).
if (process.argv[2] === 'learn') {
  const figure = benchLearning();
  process.stdout.write(`${JSON.stringify(figure)}\n${formatLearning(figure)}\n`);
  process.exit(0);
}

const PORTAL = 30_000_001;
const CONTACTS = Number(process.argv[2] ?? 10_000);
const DAY = 86_400_000;

const redisHandle = await ensureRedis({ url: process.env.REDIS_URL });
const redis = new Redis(redisHandle.url, { maxRetriesPerRequest: null });
const prefix = `bench:analysis:${randomBytes(4).toString('hex')}`;
const keys = appKeys(prefix);
const logger = createLogger({ level: 'warn' });
const seedStart = Date.now();
const sandbox = await startSandbox({ portals: [{ id: PORTAL, contacts: CONTACTS, seed: 'bench' }] });
const seedMs = Date.now() - seedStart;
const config = loadConfig({
  PUBLIC_BASE_URL: 'https://scoring.example.com', HUBSPOT_CLIENT_ID: 'bench-client', HUBSPOT_CLIENT_SECRET: 'bench-secret',
  TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'), HUBSPOT_API_BASE_URL: sandbox.url, HUBSPOT_APP_BASE_URL: sandbox.url,
  HUBSPOT_OPTIONAL_SCOPES: '', REDIS_PREFIX: prefix,
});
sandbox.registerApp({ clientId: 'bench-client', clientSecret: 'bench-secret', redirectUris: [config.urls.oauthCallback], requiredScopes: config.HUBSPOT_SCOPES.split(' ') });
const gateway = createHubSpotGateway({ redis, keys, config, logger });
const flow = createInstallFlow({ redis, keys, config, logger });
const res = await fetch(`${await flow.start()}&auto=1&portal_id=${PORTAL}`, { redirect: 'manual' });
await flow.complete(Object.fromEntries(new URL(res.headers.get('location') ?? '').searchParams));
const queue = new Queue(QUEUE_NAME, { connection: redis, prefix: `${prefix}:bull` });
const events = new QueueEvents(QUEUE_NAME, { connection: new Redis(redisHandle.url, { maxRetriesPerRequest: null }), prefix: `${prefix}:bull` });
const ctx = createPipelineContext({ redis, keys, config, logger, gateway, scheduler: createScheduler({ queue }) });
const worker = createScoringWorker(ctx, { connection: new Redis(redisHandle.url, { maxRetriesPerRequest: null }), prefix: `${prefix}:bull` });
const published = await ctx.models.publishDocument(PORTAL, loadStarterModel());
const modelId = published.model.id;

// 1. The learning run, from the request to the stored report.
const runs = createAnalysisRunStore({ redis, keys });
const callsBefore = sandbox.requests(PORTAL).total;
const started = Date.now();
const { run } = await runs.start(PORTAL, modelId, { maxContacts: CONTACTS }, started, 3_600_000);
await events.waitUntilReady();
await ctx.scheduler.enqueueAnalysis(PORTAL, modelId, run.requestedAt);
await new Promise<void>((resolve, reject) => {
  worker.on('completed', (job) => { if (job.name === 'analysis') resolve(); });
  worker.on('failed', (job, err) => { if (job?.name === 'analysis') reject(err); });
});
const learnMs = Date.now() - started;
const done = (await runs.get(PORTAL, modelId))!;
const result = done.result as { report: { heldOut: { rows: number }; accuracy: { auc: { auc: number } }; leakage: { column: string }[] }; live: { report: { auc: { auc: number } } } };

// 2. Reports from the store: 5,000 contacts scored daily for 30 days, 10% converting in the last 20.
const SNAPSHOT_CONTACTS = 5_000;
const compiled = compileModel(published.model);
const base = Date.UTC(2026, 0, 1, 12);
for (let day = 0; day < 30; day++) {
  const writes: ScoreWrite[] = [];
  for (let i = 0; i < SNAPSHOT_CONTACTS; i++) {
    const properties = { jobtitle: i % 3 === 0 ? 'VP Sales' : 'Analyst', numberofemployees: String((i % 7) * 100) };
    const result = evaluate(compiled, { properties, events: [] }, base + day * DAY);
    writes.push({ contactId: `s${i}`, changed: false, score: { modelId, version: published.version, scoredAt: base + day * DAY, outputs: {}, inScope: result.inScope, summary: scoreSummary(result) } });
  }
  await ctx.scores.write(PORTAL, writes, new Map());
}
const conversions = new Map<string, ReturnType<typeof ledgerEvent>[]>();
for (let i = 0; i < SNAPSHOT_CONTACTS; i += 10) {
  const at = base + (10 + (i % 20)) * DAY;
  conversions.set(`s${i}`, [ledgerEvent('property_change', at, { property: 'lifecyclestage', value: 'customer' })]);
}
await ctx.ledger.append(PORTAL, conversions, base + 30 * DAY);
const reportCtx = { ...ctx, clock: () => base + 31 * DAY };
const t1 = Date.now();
const forward = await forwardReport(reportCtx, PORTAL, modelId, 'customer');
const forwardMs = Date.now() - t1;
const t2 = Date.now();
await capacityReport(reportCtx, PORTAL, modelId, { leadsPerWeek: 50 });
const capacityMs = Date.now() - t2;

console.log(JSON.stringify({
  contacts: CONTACTS,
  seedMs,
  learningRun: {
    wallMs: learnMs,
    hubspotCalls: sandbox.requests(PORTAL).total - callsBefore,
    heldOut: result.report.heldOut.rows,
    suggestedAuc: Number(result.report.accuracy.auc.auc.toFixed(3)),
    starterModelAuc: Number(result.live.report.auc.auc.toFixed(3)),
    leakage: result.report.leakage.map((w) => w.column),
  },
  reports: { contacts: SNAPSHOT_CONTACTS, snapshotsPerContact: 30, forwardMs, capacityMs, forwardState: forward.report.state, auc7: forward.report.horizons[0]?.auc?.auc ?? null },
}, null, 2));

await worker.close();
await events.close();
await queue.obliterate({ force: true });
await queue.close();
await gateway.close();
await sandbox.close();
let cursor = '0';
do {
  const [next, found] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
  cursor = next;
  if (found.length) await redis.del(...found);
} while (cursor !== '0');
await redis.quit();
await redisHandle.stop();
process.exit(0);
