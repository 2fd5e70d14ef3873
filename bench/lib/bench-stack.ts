import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { loadConfig, loadConfigWith, type Config } from '../../src/config.js';
import { QUEUE_NAME } from '../../src/queue/jobs.js';
import { openRedis, queuePrefix } from '../../src/runtime/connections.js';
import { startDemoSandbox } from '../../src/runtime/demo-sandbox.js';
import { availablePort } from '../../src/runtime/listen-port.js';
import { installThroughOAuth } from '../../src/runtime/oauth-browser.js';
import { createProgressStore } from '../../src/store/backfill-progress.js';
import { createDirtyStore } from '../../src/store/dirty.js';
import { dropPrefix } from '../../src/store/drop-prefix.js';
import { appKeys } from '../../src/store/keys.js';
import { ensureRedis } from '../../src/store/redis-server.js';
import { startAppProcess, waitHealthy } from './app-process.js';

/**
 * The benchmark's system: a sandbox HubSpot at HubSpot's real limits (110 requests / 10 s per portal) seeded with
 * `contacts` contacts, and the app as production runs it, in sandbox mode (no HubSpot credentials, so the demo
 * app's placeholder secret), one web and one worker process, configured by loadConfig from the environment plus
 * what points it at the sandbox. Redis under a fresh prefix, dropped at the end (and stopped, when started here).
 */
export async function startBenchStack(opts: { contacts: number }) {
  // REDIS_URL when set; else a redis-server of its own when one is on the PATH, so other clients of a shared
  // Redis do not show up in the figures; else the one on localhost.
  const redisHandle = await ensureRedis({ url: loadConfig().REDIS_URL, preferSpawn: true });
  const prefix = `bench-${randomBytes(4).toString('hex')}`;
  const { port } = await availablePort(0);
  const publicBaseUrl = `http://127.0.0.1:${port}`;
  const seedStarted = performance.now();
  const { sandbox, portalId } = await startDemoSandbox({
    port: 0, contacts: opts.contacts, seed: 'bench',
    callbackUrl: `${publicBaseUrl}/oauth/callback`, webhooksUrl: `${publicBaseUrl}/webhooks/hubspot`,
  });
  const seedMs = performance.now() - seedStarted;
  const env: Record<string, string> = {
    NODE_ENV: 'development', LOG_LEVEL: 'warn', REDIS_URL: redisHandle.url, REDIS_PREFIX: prefix, PORT: String(port),
    PUBLIC_BASE_URL: publicBaseUrl, HUBSPOT_API_BASE_URL: sandbox.url, HUBSPOT_APP_BASE_URL: sandbox.url,
    HUBSPOT_CLIENT_ID: '', HUBSPOT_CLIENT_SECRET: '',
  };
  const config: Config = loadConfigWith(env);
  const logPath = join(tmpdir(), `lead-scoring-${prefix}.log`);
  const log = createWriteStream(logPath);
  const web = startAppProcess('web', env, log);
  const worker = startAppProcess('worker', env, log);
  await waitHealthy(`${publicBaseUrl}/healthz`, 60_000);

  const redis = await openRedis(redisHandle.url, 'durable');
  const keys = appKeys(prefix);
  const queueConnection = await openRedis(redisHandle.url, 'durable');
  const queue = new Queue(QUEUE_NAME, { connection: queueConnection, prefix: queuePrefix(prefix) });
  const progress = createProgressStore({ redis, keys });
  const dirty = createDirtyStore({ redis, keys, settleMs: 0, leaseMs: 1 });

  return {
    sandbox, portalId, config, publicBaseUrl, prefix, logPath, seedMs, web, worker, progress, queue, redis, keys, redisUrl: redisHandle.url,
    install: () => installThroughOAuth(publicBaseUrl, { portalId }),

    /** Every webhook delivered, nothing dirty or in flight, no job pending (the periodic sweep aside). */
    async idle(timeoutMs: number): Promise<void> {
      await sandbox.webhooks.drain(timeoutMs);
      const end = Date.now() + timeoutMs;
      for (;;) {
        const pending = await dirty.pending(portalId);
        const jobs = await queue.getJobs(['active', 'waiting', 'delayed', 'prioritized']);
        if (pending.dirty + pending.inflight === 0 && sandbox.webhooks.stats().pending === 0 && jobs.every((j) => j.name === 'sweep')) return;
        if (Date.now() > end) throw new Error(`not idle after ${timeoutMs} ms (${pending.dirty} dirty, ${pending.inflight} in flight, ${jobs.length} jobs)`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },

    async close(): Promise<void> {
      sandbox.simulator.stop();
      await Promise.all([web.stop(), worker.stop()]);
      await sandbox.close();
      await queue.close();
      await queueConnection.quit();
      await dropPrefix(redis, prefix);
      await redis.quit();
      log.end();
      await redisHandle.stop();
    },
  };
}

export type BenchStack = Awaited<ReturnType<typeof startBenchStack>>;
