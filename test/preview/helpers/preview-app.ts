import { createContactStores } from '../../../src/store/contact-stores.js';
import type { Redis } from 'ioredis';
import { loadConfig } from '../../../src/config.js';
import { createHubSpotGateway } from '../../../src/hubspot/gateway.js';
import { createLogger } from '../../../src/logger.js';
import { previewRouter } from '../../../src/preview/preview-router.js';
import { startApp } from '../../../src/runtime/start-app.js';
import { DEMO_APP_CREDENTIALS, startSandbox } from '../../../src/sandbox/index.js';
import { createProgressStore } from '../../../src/store/backfill-progress.js';
import { appKeys } from '../../../src/store/keys.js';
import { createModelStore } from '../../../src/store/models.js';
import { createPipelineContext } from '../../../src/queue/context.js';
import { createScheduler } from '../../../src/queue/scheduler.js';
import { readCard } from '../../../src/web/api/card-handlers.js';
import { connect, dropPrefix, redisUrl, uniquePrefix } from '../../helpers/redis.js';
import { until } from '../../helpers/until.js';

export const PORTAL = 20_000_777;
const PUBLIC = 'https://scoring.example.com';

async function redirectOf(url: string): Promise<string> {
  const res = await fetch(url, { redirect: 'manual' });
  const location = res.headers.get('location');
  if (!location) throw new Error(`expected a redirect from ${url}, got HTTP ${res.status}`);
  return location;
}

/**
 * The app as `npm start` runs it in sandbox mode (web + worker, no HubSpot credentials, the sandbox's demo app
 * secret), with the preview host mounted, installed into a sandbox portal through its own OAuth routes: the
 * install publishes the starter model and the worker backfills every contact. Real Redis under its own prefix.
 */
export async function startPreviewApp(contacts = 30) {
  const prefix = uniquePrefix('preview');
  const sandbox = await startSandbox({ portals: [{ id: PORTAL, contacts, seed: 'preview' }] });
  const config = loadConfig({
    NODE_ENV: 'test', LOG_LEVEL: 'silent', PORT: '0', REDIS_URL: redisUrl(), REDIS_PREFIX: prefix, PUBLIC_BASE_URL: PUBLIC,
    HUBSPOT_API_BASE_URL: sandbox.url, HUBSPOT_APP_BASE_URL: sandbox.url, HUBSPOT_OPTIONAL_SCOPES: '', SETTLE_WINDOW_MS: '100',
  });
  const demoApp = sandbox.registerApp({ ...DEMO_APP_CREDENTIALS, redirectUris: [config.urls.oauthCallback], requiredScopes: config.HUBSPOT_SCOPES.split(' ') });
  const logger = createLogger({ level: 'silent' });
  const redis: Redis = connect();
  const keys = appKeys(prefix);
  const gateway = createHubSpotGateway({ redis, keys, config, logger });
  const models = createModelStore({ redis, keys });
  const preview = previewRouter({
    sandboxMode: true, ctx: { gateway, models }, secret: DEMO_APP_CREDENTIALS.clientSecret, publicBaseUrl: PUBLIC, portalId: PORTAL, appId: demoApp.appId,
  });
  const app = await startApp({ config, roles: ['web', 'worker'], logger, overrides: { clientSecret: DEMO_APP_CREDENTIALS.clientSecret, routers: [preview], sweep: false } });
  const url = app.url!;

  const authorize = await redirectOf(`${url}/oauth/install`);
  const callback = new URL(await redirectOf(`${authorize}&auto=1&portal_id=${PORTAL}`));
  const done = await fetch(`${url}${callback.pathname}${callback.search}`, { redirect: 'manual' });
  if (done.status >= 400) throw new Error(`install failed: HTTP ${done.status}`);
  const progress = createProgressStore({ redis, keys });
  await until(async () => (await progress.get(PORTAL, 'backfill'))?.status === 'done', 60_000, 'the install backfill');

  const ctx = createPipelineContext({ redis, keys, config, logger, gateway, scheduler: createScheduler({ queue: app.queue }) });

  return {
    url, sandbox, gateway, redis, keys, progress,
    /** The card's data as the app serves it (the breakdown recomputed from HubSpot's values and the ledger). */
    card: (contactId: string) => readCard(ctx, PORTAL, contactId),
    scores: createContactStores({ redis, keys, historyMax: config.HISTORY_MAX_ENTRIES, bounds: { maxAgeDays: config.LEDGER_MAX_AGE_DAYS, maxEvents: config.LEDGER_MAX_EVENTS } }).scores,
    models,
    until,
    async close() {
      await app.close();
      await gateway.close();
      await sandbox.close();
      await dropPrefix(redis, prefix);
      await redis.quit();
    },
  };
}

export type PreviewApp = Awaited<ReturnType<typeof startPreviewApp>>;
