import { createContactStores } from '../../../src/store/contact-stores.js';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Queue } from 'bullmq';
import { loadConfig, type Config } from '../../../src/config.js';
import { createLogger } from '../../../src/logger.js';
import { QUEUE_NAME } from '../../../src/queue/jobs.js';
import { openRedis, queuePrefix } from '../../../src/runtime/connections.js';
import { startDemoSandbox } from '../../../src/runtime/demo-sandbox.js';
import { availablePort } from '../../../src/runtime/listen-port.js';
import { installThroughOAuth } from '../../../src/runtime/oauth-browser.js';
import { startApp, type AppHandle, type Role } from '../../../src/runtime/start-app.js';
import { DEMO_APP_CREDENTIALS, type Sandbox, type SandboxOptions } from '../../../src/sandbox/index.js';
import { createProgressStore } from '../../../src/store/backfill-progress.js';
import { createDirtyStore } from '../../../src/store/dirty.js';
import { appKeys, type AppKeys } from '../../../src/store/keys.js';
import { createModelStore } from '../../../src/store/models.js';
import type { RedisClient } from '../../../src/store/redis-client.js';
import type { LocalCluster } from '../../../src/store/redis-cluster.js';
import { dropPrefix, redisUrl, uniquePrefix } from '../../helpers/redis.js';
import { until } from '../../helpers/until.js';

export { until };

const BIN = fileURLToPath(new URL('../../../bin/lead-scoring.js', import.meta.url));


/**
 * The whole product as the demo runs it, for end-to-end tests: a sandbox HubSpot seeded from the lead dataset
 * with the demo app (the project's webhook subscriptions aimed at the app), and the app in sandbox mode (no
 * HubSpot credentials; config through loadConfig) on real Redis under a unique prefix. The app's roles run in
 * this process (`roles`); `spawnWorker` adds worker processes that can be killed. With `cluster`, the app, its
 * workers and the test's own connections use that Redis Cluster (REDIS_CLUSTER_NODES) instead of the test Redis.
 */
export async function startStack(opts: {
  contacts: number; seed: string; roles: Role[]; env?: Record<string, string>; sandbox?: Partial<SandboxOptions>; cluster?: LocalCluster;
}) {
  const prefix = uniquePrefix('e2e');
  const { port } = await availablePort(0);
  const publicBaseUrl = `http://127.0.0.1:${port}`;
  const { sandbox, portalId } = await startDemoSandbox({
    port: 0, contacts: opts.contacts, seed: opts.seed,
    callbackUrl: `${publicBaseUrl}/oauth/callback`, webhooksUrl: `${publicBaseUrl}/webhooks/hubspot`,
    extra: opts.sandbox,
  });
  const env: Record<string, string> = {
    NODE_ENV: 'test', LOG_LEVEL: process.env.E2E_LOGS ? 'debug' : 'silent', PORT: String(port), PUBLIC_BASE_URL: publicBaseUrl,
    ...(opts.cluster ? { REDIS_CLUSTER_NODES: opts.cluster.env } : { REDIS_URL: redisUrl() }), REDIS_PREFIX: prefix, HUBSPOT_API_BASE_URL: sandbox.url, HUBSPOT_APP_BASE_URL: sandbox.url,
    SETTLE_WINDOW_MS: '100',
    ...opts.env,
  };
  const config: Config = loadConfig(env);
  const logger = createLogger({ level: config.LOG_LEVEL });
  const app: AppHandle | undefined = opts.roles.length
    ? await startApp({ config, roles: opts.roles, logger, overrides: { clientSecret: DEMO_APP_CREDENTIALS.clientSecret, sweep: false } })
    : undefined;
  const target = opts.cluster ? { cluster: opts.cluster.nodes } : redisUrl();
  const redis: RedisClient = await openRedis(target, 'durable');
  const keys: AppKeys = appKeys(prefix);
  const queueConnection = await openRedis(target, 'durable');
  const queue = new Queue(QUEUE_NAME, { connection: queueConnection, prefix: queuePrefix(prefix) });
  const stores = {
    progress: createProgressStore({ redis, keys }),
    models: createModelStore({ redis, keys }),
    ...createContactStores({ redis, keys, historyMax: config.HISTORY_MAX_ENTRIES, bounds: { maxAgeDays: config.LEDGER_MAX_AGE_DAYS, maxEvents: config.LEDGER_MAX_EVENTS } }),
    dirty: createDirtyStore({ redis, keys, settleMs: 0, leaseMs: 1 }),
  };
  const workers = new Set<ChildProcess>();

  return {
    sandbox: sandbox as Sandbox, portalId, publicBaseUrl, config, env, prefix, redis, keys, queue, stores, app,

    /** Installs the app the way a person does: /oauth/install → consent page → Connect app → /oauth/callback. */
    install: () => installThroughOAuth(publicBaseUrl, { portalId }),

    /** A worker process (`lead-scoring start --role worker`) with this stack's environment. */
    spawnWorker(): ChildProcess {
      const child = spawn(process.execPath, [BIN, 'start', '--role', 'worker'], {
        env: { ...process.env, HUBSPOT_CLIENT_ID: '', HUBSPOT_CLIENT_SECRET: '', REDIS_URL: '', REDIS_CLUSTER_NODES: '', ...env },
        stdio: ['ignore', process.env.E2E_LOGS ? 'inherit' : 'ignore', 'inherit'],
      });
      workers.add(child);
      child.once('exit', () => workers.delete(child));
      return child;
    },

    async backfillDone(timeoutMs: number) {
      await until(async () => (await stores.progress.get(portalId, 'backfill'))?.status === 'done', timeoutMs, 'the backfill');
      return (await stores.progress.get(portalId, 'backfill'))!;
    },

    /**
     * Every webhook delivered, no contact dirty or in flight, no job waiting, running or delayed (the periodic
     * sweep of worker processes aside).
     */
    async idle(timeoutMs: number) {
      await sandbox.webhooks.drain(timeoutMs);
      await until(async () => {
        const pending = await stores.dirty.pending(portalId);
        if (pending.dirty + pending.inflight > 0 || sandbox.webhooks.stats().pending > 0) return false;
        const jobs = await queue.getJobs(['active', 'waiting', 'delayed', 'prioritized', 'waiting-children']);
        return jobs.every((j) => j.name === 'sweep');
      }, timeoutMs, 'the pipeline idle');
    },

    async close() {
      for (const w of workers) w.kill('SIGKILL');
      await app?.close();
      await queue.close();
      queueConnection.disconnect();
      await sandbox.close();
      await dropPrefix(redis, prefix);
      redis.disconnect();
    },
  };
}

export type Stack = Awaited<ReturnType<typeof startStack>>;
