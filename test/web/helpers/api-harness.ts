import { Queue } from 'bullmq';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from '../../../src/config.js';
import { createHubSpotGateway, type HubSpotGateway } from '../../../src/hubspot/gateway.js';
import { createInstallFlow } from '../../../src/hubspot/install-flow.js';
import { signV3 } from '../../../src/hubspot/signature.js';
import type { PropertySpec } from '../../../src/hubspot/schemas.js';
import { OUTPUT_PROPERTY_GROUP, outputPropertyDefinitions } from '../../../src/scoring/index.js';
import { createPipelineContext, type PipelineContext } from '../../../src/queue/context.js';
import { QUEUE_NAME } from '../../../src/queue/jobs.js';
import { createScheduler } from '../../../src/queue/scheduler.js';
import { startSandbox, type Sandbox } from '../../../src/sandbox/index.js';
import { buildWebApp } from '../../../src/runtime/web-app.js';
import { CLIENT_SECRET, testConfig } from '../../hubspot/helpers/adapter.js';
import { capturedLogger } from '../../helpers/captured-logger.js';
import { connect, redisSpace } from '../../helpers/redis.js';

export { CLIENT_SECRET };

export type Call = {
  portalId?: number | null;
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  body?: unknown;
  /** Sent as is instead of `body` (a document JSON.stringify cannot produce, e.g. nested 20,000 levels deep). */
  rawBody?: string;
  /** Overrides, to forge what an attacker could send. */
  secret?: string;
  timestamp?: number;
  query?: string;
  unsigned?: boolean;
  /** Changes the request after signing (the signature then covers something else). */
  tamper?: (req: { path: string; query: string; body: string }) => void;
};

/**
 * The web app (as the web process builds it) on a real HTTP server (port 0) over real Redis (own prefix), a real
 * BullMQ queue, and the real HubSpot gateway talking to the sandbox over HTTP, with the app installed in each portal through the OAuth
 * flow. `call` signs like HubSpot's hubspot.fetch proxy: v3 over the PUBLIC URL (https://scoring.example.com…,
 * not the address the server listens on) with HubSpot's query parameters appended.
 */
export async function startApiHarness(portals: number[], options: { env?: (origin: string) => Record<string, string> } = {}) {
  // Listening first, so that a setting may name the server's own address (LOCAL_DEV_BASE_URL).
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const space = redisSpace('api');
  const { logger, lines: logLines } = capturedLogger();
  const sandbox: Sandbox = await startSandbox({ portals: portals.map((id) => ({ id, contacts: 12, seed: `api-${id}` })) });
  const config: Config = testConfig({ HUBSPOT_API_BASE_URL: sandbox.url, HUBSPOT_APP_BASE_URL: sandbox.url, HUBSPOT_OPTIONAL_SCOPES: '', ...options.env?.(origin) });
  sandbox.registerApp({ clientId: config.HUBSPOT_CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUris: [config.urls.oauthCallback], requiredScopes: config.HUBSPOT_SCOPES.split(' ') });
  const gateway: HubSpotGateway = createHubSpotGateway({ redis: space.redis, keys: space.keys, config, logger });
  const flow = createInstallFlow({ redis: space.redis, keys: space.keys, config, logger });
  for (const id of portals) {
    const res = await fetch(`${await flow.start()}&auto=1&portal_id=${id}`, { redirect: 'manual' });
    await flow.complete(Object.fromEntries(new URL(res.headers.get('location') ?? '').searchParams));
  }
  const queueConnection = connect();
  const queue = new Queue(QUEUE_NAME, { connection: queueConnection, prefix: `${space.prefix}:bull` });
  // The same stores over the same keys, for the tests' own reads and set-up.
  const ctx: PipelineContext = createPipelineContext({ redis: space.redis, keys: space.keys, config, logger, gateway, scheduler: createScheduler({ queue }) });
  // The app as the web process builds it (webhooks, OAuth, workflow action, the signed /api): nothing stubbed.
  const app = buildWebApp({ config, logger, redis: space.redis, keys: space.keys, queue, gateway, clientSecret: CLIENT_SECRET, starterModel: null });
  server.on('request', app);

  // Answers are checked by the tests' expectations; typing every shape here would only repeat the contract.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async function call(c: Call): Promise<{ status: number; body: any }> {
    const req = {
      path: c.path,
      query: c.query ?? new URLSearchParams({ appId: '4242', ...(c.portalId === null ? {} : { portalId: String(c.portalId) }), userId: '7', userEmail: 'rep@example.com' }).toString(),
      body: c.rawBody ?? (c.body === undefined ? '' : JSON.stringify(c.body)),
    };
    const timestamp = c.timestamp ?? Date.now();
    const signature = signV3({ secret: c.secret ?? CLIENT_SECRET, method: c.method, url: `${config.PUBLIC_BASE_URL}${req.path}?${req.query}`, body: req.body, timestamp });
    c.tamper?.(req);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (!c.unsigned) Object.assign(headers, { 'x-hubspot-signature-v3': signature, 'x-hubspot-request-timestamp': String(timestamp) });
    const res = await fetch(`${origin}${req.path}?${req.query}`, { method: c.method, headers, ...(req.body ? { body: req.body } : {}) });
    return { status: res.status, body: await res.json().catch(() => null) };
  }

  return {
    ctx, config, sandbox, queue, call, origin, logLines,
    /** Publishes a model as the install does (the starter model): a version, then its HubSpot properties. */
    async publish(portalId: number, doc: unknown) {
      const v = await ctx.models.publishDocument(portalId, doc);
      await gateway.forPortal(portalId).ensureScoreProperties({ ...OUTPUT_PROPERTY_GROUP }, outputPropertyDefinitions(v.model) as PropertySpec[]);
      return v;
    },
    /** Contact ids of a portal, as HubSpot lists them. */
    contactIds: async (portalId: number) => (await gateway.forPortal(portalId).listContacts({ properties: ['email'] })).results.map((c) => c.id),
    async close() {
      await new Promise((r) => server.close(r));
      await queue.obliterate({ force: true }).catch(() => undefined);
      await queue.close();
      await queueConnection.quit();
      await gateway.close();
      await sandbox.close();
      await space.cleanup();
    },
  };
}

export type ApiHarness = Awaited<ReturnType<typeof startApiHarness>>;
