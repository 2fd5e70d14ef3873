import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
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
import { ensureRedis, type RedisHandle } from '../store/redis-server.js';
import { describeTarget, openRedis, queuePrefix, redisTarget } from './connections.js';
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
  /** Graceful shutdown: stop accepting requests, let active jobs finish, close connections. Idempotent. */
  close(): Promise<void>;
};

/**
 * Starts the app's processes in this Node process: `web` (webhooks, OAuth, API), `worker` (the scoring queue),
 * or both (small installs). Redis is found or started (ensureRedis). Everything runs until `close()`.
 */
export async function startApp(opts: StartOptions): Promise<AppHandle> {
  const { config, logger, roles } = opts;
  const o = opts.overrides ?? {};
  const clock = o.clock ?? Date.now;
  // A cluster is configured, never found or started; a single Redis is found (or started) by ensureRedis.
  const redisHandle: RedisHandle = config.REDIS_CLUSTER_NODES
    ? { url: '', source: 'configured', stop: async () => {} }
    : await ensureRedis({ url: config.REDIS_URL, log: (line) => logger.info(line) });
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
  try {
    const queueConnection = await open(roles.includes('web') ? 'fast' : 'durable');
    const queue = new Queue(QUEUE_NAME, { connection: queueConnection, prefix });
    handle.queue = queue;
    closers.push(() => queue.close());

    if (roles.includes('worker')) {
      const redis = await open('durable');
      const gateway = createHubSpotGateway({ redis, keys, config, logger, fetch: o.fetch, clock, options: o.gatewayOptions, onCall: o.onCall });
      closers.unshift(() => gateway.close());
      const scheduler = createScheduler({ queue, clock });
      const ctx = createPipelineContext({ redis, keys, config, logger, gateway, scheduler, clock });
      const worker = createScoringWorker(ctx, { connection: await open('durable'), prefix });
      handle.worker = worker;
      // Workers close first (after the web stops accepting): active jobs finish, nothing new starts.
      closers.unshift(() => worker.close());
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
        apiGuard: o.apiGuard, routers: o.routers,
      });
      const server = await new Promise<Server>((resolve, reject) => {
        const host = config.HOST ?? (config.sandboxMode ? '127.0.0.1' : undefined);
        const s = host ? app.listen(config.PORT, host, () => resolve(s)) : app.listen(config.PORT, () => resolve(s));
        s.once('error', reject);
      });
      const { port } = server.address() as AddressInfo;
      handle.server = server;
      handle.url = `http://127.0.0.1:${port}`;
      closers.unshift(() => new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }));
      logger.info({ url: handle.url, publicBaseUrl: config.PUBLIC_BASE_URL }, 'web listening');
    }
  } catch (err) {
    await shutdown(closers, connections, redisHandle.stop);
    throw err;
  }

  let closing: Promise<void> | undefined;
  handle.close = () => (closing ??= shutdown(closers, connections, redisHandle.stop).then(() => logger.info('stopped')));
  return handle as AppHandle;
}

async function shutdown(closers: (() => Promise<unknown>)[], connections: RedisClient[], stopRedis: () => Promise<void>): Promise<void> {
  for (const close of closers) await close().catch(() => undefined);
  await Promise.all(connections.map((c) => c.quit().catch(() => c.disconnect())));
  await stopRedis();
}
