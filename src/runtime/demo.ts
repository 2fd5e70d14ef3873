import { createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfigWith, type Config } from '../config.js';
import { createHubSpotGateway } from '../hubspot/gateway.js';
import { createLogger } from '../logger.js';
import { previewRouter } from '../preview/preview-router.js';
import { DEMO_APP_CREDENTIALS } from '../sandbox/index.js';
import { outputNames } from '../scoring/index.js';
import { createProgressStore } from '../store/backfill-progress.js';
import { dropPrefix } from '../store/drop-prefix.js';
import { appKeys } from '../store/keys.js';
import { createModelStore } from '../store/models.js';
import { ensureRedis, redactUrl, type RedisHandle } from '../store/redis-server.js';
import { openRedis } from './connections.js';
import { startDemoSandbox } from './demo-sandbox.js';
import { watchPortal } from './demo-live.js';
import { availablePort } from './listen-port.js';
import { installThroughOAuth } from './oauth-browser.js';
import { clock, createProgressBar, type LineWriter } from './progress-bar.js';
import { startApp, type AppHandle } from './start-app.js';

type Closer = () => Promise<unknown>;

/**
 * `npm start` without HubSpot credentials (ARCHITECTURE.md "Runs with nothing but Node and Redis"): Redis found or
 * started, a sandbox HubSpot seeded from the lead dataset, the app (web + worker) pointed at it, installed through
 * the real OAuth flow (which publishes the starter model and starts the backfill), the backfill drawn as a
 * progress bar, then the activity simulator keeps leads engaging while the app rescores them. Runs until SIGINT
 * or SIGTERM, then stops everything it started (a spawned redis-server last).
 */
export async function runDemo(base: Config, out: LineWriter = process.stdout): Promise<number> {
  const say = (line = '') => out.write(`${line}\n`);
  const closers: Closer[] = [];
  const stopAll = async () => {
    for (const close of closers.reverse()) await close().catch(() => undefined);
  };
  // One Ctrl-C stops gracefully; the handler is gone after it, so a second one ends the process at once.
  let stopRequested = false;
  const stopped = new Promise<void>((resolve) => {
    const on = () => {
      stopRequested = true;
      resolve();
    };
    process.once('SIGINT', on);
    process.once('SIGTERM', on);
  });

  try {
    say('Lead scoring: local demo (no HubSpot credentials set, so the app runs against a local HubSpot sandbox)');
    const redis = await ensureRedis({ url: base.REDIS_URL, log: (l) => say(`  redis: ${l}`) });
    closers.push(() => redis.stop());
    const own = await openRedis(redis.url, 'fast');
    closers.push(() => own.quit());
    // The demo's keys only (DEMO_REDIS_PREFIX): other data in the same Redis is never touched.
    const prefix = base.DEMO_REDIS_PREFIX;
    const wiped = await dropPrefix(own, prefix);
    say(`  Redis     ${redactUrl(redis.url)} (${describeSource(redis)}); demo keys under ${prefix}:* (${wiped} left from an earlier run wiped)`);

    const appPort = await availablePort(base.PORT);
    const sandboxPort = await availablePort(base.SANDBOX_PORT);
    const publicBaseUrl = `http://localhost:${appPort.port}`;
    const { sandbox, app: demoApp, portalId, seedMs } = await startDemoSandbox({
      port: sandboxPort.port, contacts: base.DEMO_CONTACTS,
      callbackUrl: `${publicBaseUrl}/oauth/callback`, webhooksUrl: `${publicBaseUrl}/webhooks/hubspot`,
    });
    closers.push(() => sandbox.close());
    const seeded = sandbox.seeded.get(portalId)!;
    say(`  Sandbox   ${sandbox.url}${busy(sandboxPort, base.SANDBOX_PORT)}: portal ${portalId} seeded from data/leads-x-education.csv with ` +
      `${seeded.contacts.toLocaleString('en-US')} contacts (${seeded.customers.toLocaleString('en-US')} customers) in ${(seedMs / 1000).toFixed(1)} s`);

    // The app's configuration: the environment, pointed at the sandbox, validated by the one env reader.
    const config = loadConfigWith({
      REDIS_URL: redis.url, REDIS_PREFIX: prefix, PORT: String(appPort.port), PUBLIC_BASE_URL: publicBaseUrl,
      HUBSPOT_API_BASE_URL: sandbox.url, HUBSPOT_APP_BASE_URL: sandbox.url,
    });
    const logPath = join(tmpdir(), `lead-scoring-${prefix.replace(/[^A-Za-z0-9_-]/g, '-')}.log`);
    const logger = createLogger({ level: config.LOG_LEVEL, destination: createWriteStream(logPath, { flags: 'w' }) });
    const keys = appKeys(prefix);
    const gateway = createHubSpotGateway({ redis: own, keys, config, logger });
    closers.push(() => gateway.close());
    const models = createModelStore({ redis: own, keys });
    const preview = previewRouter({
      sandboxMode: true, ctx: { gateway, models }, secret: DEMO_APP_CREDENTIALS.clientSecret, publicBaseUrl, portalId, appId: demoApp.appId,
    });
    const app: AppHandle = await startApp({
      config, roles: ['web', 'worker'], logger, overrides: { clientSecret: DEMO_APP_CREDENTIALS.clientSecret, routers: [preview] },
    });
    // Workers first, without waiting for a running backfill to reach its end (the next start wipes the demo keys).
    closers.push(async () => { await app.worker?.close(true); await app.close(); });
    say(`  App       ${publicBaseUrl}${busy(appPort, base.PORT)} (web + worker in this process); log: ${logPath}`);

    const installedAt = Date.now();
    await installThroughOAuth(publicBaseUrl, { portalId });
    say(`  Install   GET /oauth/install → sandbox consent page → Connect app → /oauth/callback: installed in portal ${portalId}`);
    const published = await models.listPublished(portalId);
    const model = published[0];
    if (!model) throw new Error('the install published no model');
    say(`  Model     "${model.model.name}" v${model.version} published (the starter model, on install)`);
    const scoreProperty = outputNames(model.model).total;
    const live = watchPortal(sandbox, portalId, scoreProperty);
    closers.push(async () => live.stop());

    const progress = createProgressStore({ redis: own, keys });
    const bar = createProgressBar(out, 'Backfill');
    let done = await progress.get(portalId, 'backfill');
    while (!stopRequested && done?.status === 'running') {
      const c = live.counts();
      bar.update({ done: done.seen, total: seeded.contacts, elapsedMs: Date.now() - done.startedAt, suffix: `${c.scoreWrites.toLocaleString('en-US')} scores written` });
      await Promise.race([stopped, new Promise((r) => setTimeout(r, 250))]);
      done = await progress.get(portalId, 'backfill');
    }
    if (done?.status === 'done') {
      bar.update({ done: done.seen, total: Math.max(done.seen, seeded.contacts), elapsedMs: (done.finishedAt ?? Date.now()) - done.startedAt });
      bar.end();
      const s = ((done.finishedAt ?? Date.now()) - done.startedAt) / 1000;
      const limited = sandbox.requests(portalId).byStatus['429'] ?? 0;
      say(`Backfill done in ${s.toFixed(1)} s (${Math.round(done.seen / s)} contacts/s at HubSpot's limit of 110 calls/10 s, budget ${config.budgetPer10s}): ` +
        `${done.seen.toLocaleString('en-US')} contacts, ${done.scored.toLocaleString('en-US')} in scope, ${live.counts().scoreWrites.toLocaleString('en-US')} scores written, ${limited} HTTP 429`);
    } else if (done?.status === 'failed') {
      bar.end();
      say(`Backfill failed: ${done.error ?? 'see the log'} (${logPath})`);
    }

    if (!stopRequested) {
      sandbox.simulator.start();
      live.reset();
      const top = live.topContact() ?? '1001';
      const o = sandbox.simulator.options;
      say('');
      say(`Activity simulator on: ${o.perTick} leads engage every ${o.intervalMs / 1000} s (page views incl. pricing, forms, demo requests, email clicks, meetings) → signed webhooks → the app rescores.`);
      say('Where to look:');
      say(`  Contacts with their scores (sandbox CRM, refreshes itself): ${sandbox.url}/_sandbox/portals/${portalId}`);
      say(`  Card preview of the top-scored contact:                    ${publicBaseUrl}/preview/contacts/${top}`);
      say(`  Card preview, any contact:                                 ${publicBaseUrl}/preview`);
      say(`  Settings page preview (edit, test, publish the model):     ${publicBaseUrl}/preview/settings`);
      say(`  Redis in use:                                              ${redactUrl(redis.url)}, keys ${prefix}:*`);
      say(`  App log:                                                   ${logPath}`);
      say(`Install finished ${clock(Date.now() - installedAt)} ago. Ctrl-C stops everything.`);
      const liveLine = (): string => {
        const c = live.counts();
        const latest = c.latest ? ` · latest: ${c.latest.name} → ${c.latest.score}${c.latest.detail ? ` (${c.latest.detail})` : ''}` : '';
        return `Live: ${c.engagement.toLocaleString('en-US')} property changes from lead activity → ${c.scoreWrites.toLocaleString('en-US')} scores rewritten${latest}`;
      };
      let lastPrinted = 0;
      const timer = setInterval(() => {
        if (out.isTTY) out.write(`\r\x1b[2K${liveLine()}`);
        else if (Date.now() - lastPrinted >= 10_000) { lastPrinted = Date.now(); say(liveLine()); }
      }, 1_000);
      closers.push(async () => clearInterval(timer));
      await stopped;
      if (out.isTTY) say();
    }
    say('Stopping: simulator, app (web, worker), sandbox' + (redis.source === 'spawned' ? ', redis-server' : '') + '…');
    sandbox.simulator.stop();
    await stopAll();
    say('Stopped.');
    return 0;
  } catch (err) {
    say(`The demo could not start: ${err instanceof Error ? err.message : String(err)}`);
    await stopAll();
    return 1;
  }
}

function describeSource(h: RedisHandle): string {
  return { configured: 'REDIS_URL', local: 'found on localhost', spawned: 'redis-server started for this session' }[h.source];
}

function busy(p: { port: number; preferredWasBusy: boolean }, preferred: number): string {
  return p.preferredWasBusy ? ` (port ${preferred} was taken)` : '';
}
