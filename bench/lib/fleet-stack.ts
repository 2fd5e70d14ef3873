import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { loadConfigWith, type Config } from '../../src/config.js';
import { QUEUE_NAME } from '../../src/queue/jobs.js';
import { openRedis, queuePrefix, type RedisTarget } from '../../src/runtime/connections.js';
import { projectWebhooks } from '../../src/runtime/demo-sandbox.js';
import { availablePort } from '../../src/runtime/listen-port.js';
import { installThroughOAuth } from '../../src/runtime/oauth-browser.js';
import { DEMO_APP_CREDENTIALS, startSandbox } from '../../src/sandbox/index.js';
import { createProgressStore } from '../../src/store/backfill-progress.js';
import { dropPrefix } from '../../src/store/drop-prefix.js';
import { appKeys } from '../../src/store/keys.js';
import { startLocalCluster } from '../../src/store/redis-cluster.js';
import { ensureRedis } from '../../src/store/redis-server.js';
import { startAppProcess, waitHealthy, type AppProcess } from './app-process.js';

/**
 * A benchmark system of many portals: a sandbox HubSpot hosting every portal (each with its own rate limits), the
 * app as production runs it (`webs` web and `workers` worker processes, in sandbox mode), the web processes behind
 * a round-robin proxy that is the app's public URL (HubSpot's webhooks and the OAuth installs go through it), and
 * Redis: a local 3-master Redis Cluster, or one redis-server of the benchmark's own.
 */
export async function startFleetStack(opts: {
  portals: { id: number; contacts: number; seed?: string }[];
  webs: number;
  workers: number;
  cluster: boolean;
  /** Extra app settings (e.g. SETTLE_WINDOW_MS). */
  env?: Record<string, string>;
  status?: (line: string) => void;
}) {
  const status = opts.status ?? (() => {});
  const cluster = opts.cluster ? await startLocalCluster({ masters: 3, log: status }) : undefined;
  const single = cluster ? undefined : await ensureRedis({ url: undefined, preferSpawn: true });
  const target: RedisTarget = cluster ? { cluster: cluster.nodes } : single!.url;
  const nodeUrls = cluster ? cluster.nodes.map((n) => `redis://${n.host}:${n.port}`) : [single!.url];
  const prefix = `bench-${randomBytes(4).toString('hex')}`;

  const webPorts: number[] = [];
  for (let i = 0; i < opts.webs; i++) {
    let port = (await availablePort(0)).port;
    while (webPorts.includes(port)) port = (await availablePort(0)).port;
    webPorts.push(port);
  }
  const proxy = roundRobinProxy(webPorts);
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const publicBaseUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;

  const seedStarted = performance.now();
  const sandbox = await startSandbox({ port: 0, portals: opts.portals.map((p) => ({ seed: 'bench', ...p })) });
  const seedMs = performance.now() - seedStarted;
  sandbox.registerApp({
    name: 'Lead scoring (bench)', ...DEMO_APP_CREDENTIALS,
    redirectUris: [`${publicBaseUrl}/oauth/callback`], webhooks: projectWebhooks(`${publicBaseUrl}/webhooks/hubspot`),
  });

  const env: Record<string, string> = {
    NODE_ENV: 'development', LOG_LEVEL: 'warn', REDIS_PREFIX: prefix, PUBLIC_BASE_URL: publicBaseUrl,
    HUBSPOT_API_BASE_URL: sandbox.url, HUBSPOT_APP_BASE_URL: sandbox.url, HUBSPOT_CLIENT_ID: '', HUBSPOT_CLIENT_SECRET: '',
    ...(cluster ? { REDIS_CLUSTER_NODES: cluster.env } : { REDIS_URL: single!.url }),
    ...opts.env,
  };
  const config: Config = loadConfigWith(env);
  const logPath = join(tmpdir(), `lead-scoring-${prefix}.log`);
  const log = createWriteStream(logPath);
  const processes: AppProcess[] = [
    ...webPorts.map((port) => startAppProcess('web', { ...env, PORT: String(port) }, log)),
    ...Array.from({ length: opts.workers }, () => startAppProcess('worker', env, log)),
  ];
  for (const port of webPorts) await waitHealthy(`http://127.0.0.1:${port}/healthz`, 60_000);

  const redis = await openRedis(target, 'durable');
  const queueConnection = await openRedis(target, 'durable');
  const queue = new Queue(QUEUE_NAME, { connection: queueConnection, prefix: queuePrefix(prefix) });
  const keys = appKeys(prefix);
  const progress = createProgressStore({ redis, keys });

  return {
    sandbox, config, env, prefix, keys, redis, queue, progress, target, nodeUrls, publicBaseUrl, logPath, seedMs, processes,
    workerPids: processes.slice(opts.webs).map((p) => p.pid),

    /** Installs the app in the portal through the OAuth flow, as its user would (which starts its backfill). */
    install: (portalId: number) => installThroughOAuth(publicBaseUrl, { portalId }),

    /** Waits until every listed portal's backfill is done (fails on a failed one or after `timeoutMs`). */
    async backfilled(portalIds: number[], timeoutMs: number): Promise<void> {
      const end = Date.now() + timeoutMs;
      let left = [...portalIds];
      while (left.length) {
        const states = await Promise.all(left.map((id) => progress.get(id, 'backfill')));
        const failed = states.find((s) => s?.status === 'failed');
        if (failed) throw new Error(`a backfill failed: ${failed.error ?? ''}`);
        left = left.filter((_, i) => states[i]?.status !== 'done');
        if (!left.length) return;
        if (Date.now() > end) throw new Error(`${left.length} backfills not done after ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 250));
      }
    },

    async close(): Promise<void> {
      await Promise.all(processes.map((p) => p.stop()));
      await sandbox.close();
      proxy.closeAllConnections();
      await new Promise((r) => proxy.close(r));
      await queue.close();
      await queueConnection.quit();
      await dropPrefix(redis, prefix);
      await redis.quit();
      log.end();
      if (cluster) await cluster.stop();
      else await single!.stop();
    },
  };
}

export type FleetStack = Awaited<ReturnType<typeof startFleetStack>>;

/** Hands each request to the next web process in turn (a load balancer in front of the web tier). */
function roundRobinProxy(ports: number[]) {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  let next = 0;
  return createServer((req, res) => {
    const port = ports[next++ % ports.length]!;
    const upstream = request({ host: '127.0.0.1', port, method: req.method, path: req.url, headers: req.headers, agent }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
}

/** Runs `fn` over `items`, `concurrency` at a time. */
export async function inParallel<T>(items: T[], concurrency: number, fn: (item: T) => Promise<unknown>): Promise<void> {
  let i = 0;
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (i < items.length) await fn(items[i++]!);
  }));
}
