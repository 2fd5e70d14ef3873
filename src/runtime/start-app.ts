import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Express } from 'express';
import { Queue, type Worker } from 'bullmq';
import type { RedisClient } from '../store/redis-client.js';
import type { Config } from '../config.js';
import { AppError } from '../errors.js';
import { createHubSpotGateway, type GatewayDeps } from '../hubspot/gateway.js';
import type { Logger } from '../logger.js';
import { createPipelineContext } from '../queue/context.js';
import { QUEUE_NAME } from '../queue/jobs.js';
import { createScheduler } from '../queue/scheduler.js';
import { createScoringWorker } from '../queue/worker.js';
import { appKeys } from '../store/keys.js';
import { observeQueue } from '../observability/queue-snapshot.js';
import { createDrain } from '../queue/drain.js';
import { configuredRedis, type RedisHandle } from '../store/configured-redis.js';
import { describeTarget, openRedis, queuePrefix, redisTarget } from './connections.js';
import { gracefulStop } from './graceful-stop.js';
import { appReadiness } from './app-readiness.js';
import { opsApp } from './ops-app.js';
import { loadStarterModel } from './starter-model.js';
import { buildWebApp, type WebAppDeps } from './web-app.js';

export type Role = 'web' | 'worker';

export type StartOptions = {
  config: Config;
  roles: Role[];
  logger: Logger;
  /** For the sandbox/demo and tests: what the environment cannot say. */
  overrides?: {
    /** The secret HubSpot (or the sandbox) signs with, when HUBSPOT_CLIENT_SECRET is not set. */
    clientSecret?: string;
    fetch?: typeof fetch;
    gatewayOptions?: GatewayDeps['options'];
    onCall?: GatewayDeps['onCall'];
    apiGuard?: WebAppDeps['apiGuard'];
    routers?: WebAppDeps['routers'];
    clock?: () => number;
    /** Install the periodic sweep (default true). */
    sweep?: boolean;
  };
};

export type AppHandle = {
  /** The web server's base URL (http://127.0.0.1:PORT) when the web role runs. */
  url?: string;
  server?: Server;
  worker?: Worker;
  queue: Queue;
  /** The single Redis's URL ('' on a Redis Cluster, see REDIS_CLUSTER_NODES). */
  redisUrl: string;
  /** The operations server's base URL, when METRICS_PORT is set. */
  opsUrl?: string;
  /**
   * Graceful shutdown within SHUTDOWN_TIMEOUT_MS (see graceful-stop.ts): not ready, stop accepting requests and
   * jobs, finish in-flight work or hand it back, close connections. Idempotent.
   */
  close(): Promise<void>;
};

/**
 * The configured Redis (REDIS_URL, required in production); without one (demo, development) a local Redis is
 * found or started, by code production never loads.
 */
async function findRedis(config: Config, logger: Logger): Promise<RedisHandle> {
  if (config.REDIS_URL) return configuredRedis(config.REDIS_URL);
  const { ensureRedis } = await import('../store/redis-server.js');
  return ensureRedis({ log: (line) => logger.info(line) });
}

/**
 * Starts the app's processes in this Node process: `web` (webhooks, OAuth, API), `worker` (the scoring queue),
 * or both (small installs). Everything runs until `close()`.
 */
export async function startApp(opts: StartOptions): Promise<AppHandle> {
  const { config, logger, roles } = opts;
  const o = opts.overrides ?? {};
  const clock = o.clock ?? Date.now;
  // A cluster is configured, never found or started; a single Redis is REDIS_URL, or (outside production) found
  // or started by ensureRedis.
  const redisHandle: RedisHandle = config.REDIS_CLUSTER_NODES
    ? { url: '', source: 'configured', stop: async () => {} }
    : await findRedis(config, logger);
  const target = redisTarget(config, redisHandle.url);
  logger.info({ redis: describeTarget(target), source: redisHandle.source, roles }, 'starting');
  const keys = appKeys(config.REDIS_PREFIX);
  const prefix = queuePrefix(config.REDIS_PREFIX);
  const closers: (() => Promise<unknown>)[] = [];
  const connections: RedisClient[] = [];
  const open = async (kind: 'fast' | 'durable') => {
    const r = await openRedis(target, kind);
    connections.push(r);
    return r;
  };

  const handle: Partial<AppHandle> = { redisUrl: redisHandle.url };
  const drain = createDrain();
  const ready = appReadiness({ connections, queue: () => handle.queue, worker: () => handle.worker, hasWorker: roles.includes('worker'), drain });
  try {
    const queueConnection = await open(roles.includes('web') ? 'fast' : 'durable');
    const queue = new Queue(QUEUE_NAME, { connection: queueConnection, prefix });
    handle.queue = queue;
    closers.push(() => queue.close());
    const unobserve = observeQueue(queue, clock);
    closers.push(async () => unobserve());

    if (roles.includes('worker')) {
      const redis = await open('durable');
      const gateway = createHubSpotGateway({ redis, keys, config, logger, fetch: o.fetch, clock, options: o.gatewayOptions, onCall: o.onCall });
      closers.unshift(() => gateway.close());
      const scheduler = createScheduler({ queue, clock });
      const ctx = createPipelineContext({ redis, keys, config, logger, gateway, scheduler, clock, drain });
      handle.worker = createScoringWorker(ctx, { connection: await open('durable'), prefix });
      if (o.sweep !== false) await scheduler.ensureSweep();
    }

    if (roles.includes('web')) {
      const clientSecret = o.clientSecret ?? config.HUBSPOT_CLIENT_SECRET;
      if (!clientSecret) {
        throw new AppError('CLIENT_SECRET_MISSING', 'The web role verifies HubSpot signatures: set HUBSPOT_CLIENT_SECRET (or run the sandbox, which provides its own).');
      }
      const redis = await open('fast');
      const gateway = createHubSpotGateway({ redis, keys, config, logger, fetch: o.fetch, clock, options: o.gatewayOptions, onCall: o.onCall });
      closers.unshift(() => gateway.close());
      const app = buildWebApp({
        config, logger, redis, keys, queue, gateway, clientSecret, starterModel: loadStarterModel(), clock, fetch: o.fetch,
        apiGuard: o.apiGuard, routers: o.routers, ready,
      });
      const host = config.HOST ?? (config.sandboxMode ? '127.0.0.1' : undefined);
      handle.server = await listen(app, config.PORT, host);
      handle.url = `http://127.0.0.1:${(handle.server.address() as AddressInfo).port}`;
      logger.info({ url: handle.url, publicBaseUrl: config.PUBLIC_BASE_URL }, 'web listening');
    }

    if (config.METRICS_PORT !== undefined) {
      const ops = await listen(opsApp({ ready }), config.METRICS_PORT, config.METRICS_HOST);
      closers.push(() => new Promise((resolve) => ops.close(resolve)));
      handle.opsUrl = `http://127.0.0.1:${(ops.address() as AddressInfo).port}`;
      logger.info({ url: handle.opsUrl }, 'operations endpoints listening (/healthz, /readyz, /metrics)');
    }
  } catch (err) {
    handle.server?.close();
    await handle.worker?.close(true);
    await shutdown(closers, connections, redisHandle.stop);
    throw err;
  }

  let closing: Promise<void> | undefined;
  handle.close = () => (closing ??= (async () => {
    // Web and worker drain first (bounded by SHUTDOWN_TIMEOUT_MS), then the rest closes in order.
    await gracefulStop({ server: handle.server, worker: handle.worker, drain, deadlineMs: config.SHUTDOWN_TIMEOUT_MS, logger });
    await shutdown(closers, connections, redisHandle.stop);
    logger.info('stopped');
  })());
  return handle as AppHandle;
}

function listen(app: Express, port: number, host: string | undefined): Promise<Server> {
  return new Promise<Server>((resolve, reject) => {
    const s = host ? app.listen(port, host, () => resolve(s)) : app.listen(port, () => resolve(s));
    s.once('error', reject);
  });
}

async function shutdown(closers: (() => Promise<unknown>)[], connections: RedisClient[], stopRedis: () => Promise<void>): Promise<void> {
  for (const close of closers) await close().catch(() => undefined);
  await Promise.all(connections.map((c) => c.quit().catch(() => c.disconnect())));
  await stopRedis();
}
