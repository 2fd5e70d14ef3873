import express from 'express';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient, type FetchLike } from '../../extensions/src/api/client.js';
import { api } from '../../src/contract/index.js';
import { signV3 } from '../../src/hubspot/signature.js';
import { signedApiAuth, signedRequestOptions } from '../../src/web/api/signed-request.js';
import type { HttpError } from '../../src/web/http-error.js';
import { CLIENT_SECRET, startApiHarness, type ApiHarness } from './helpers/api-harness.js';

const PORTAL = 51_101;
const OTHER = 51_102;
const USER = 7;

/**
 * Who calls the card/settings API: the UI's real client sends the portal and user from HubSpot's `context` in the
 * query, HubSpot signs the URL as called (v3) and may append the same names; the server takes both from the signed
 * query. In local development, `hs project dev`'s proxy (HubSpot's own AppProxyService, run here) signs the local
 * URL instead: accepted with LOCAL_DEV_BASE_URL outside production only.
 */
describe('the identity of hubspot.fetch requests', () => {
  let h: ApiHarness;
  beforeAll(async () => { h = await startApiHarness([PORTAL, OTHER], { env: (origin) => ({ LOCAL_DEV_BASE_URL: origin }) }); });
  afterAll(async () => { await h?.close(); });

  /** hubspot.fetch as HubSpot runs it: sign the URL as called, after appending `append`, and send it. */
  function viaHubSpot(append: [string, string][] = []): FetchLike {
    return async (url, init) => {
      const signed = new URL(url);
      for (const [k, v] of append) signed.searchParams.append(k, v);
      const body = init.body === undefined ? '' : JSON.stringify(init.body);
      const timestamp = Date.now();
      const signature = signV3({ secret: CLIENT_SECRET, method: init.method, url: signed.toString(), body, timestamp });
      return fetch(`${h.origin}${signed.pathname}${signed.search}`, {
        method: init.method,
        headers: { 'content-type': 'application/json', 'x-hubspot-signature-v3': signature, 'x-hubspot-request-timestamp': String(timestamp) },
        ...(body ? { body } : {}),
      });
    };
  }
  const client = (fetchLike: FetchLike, caller?: { portalId: number; userId?: number }) =>
    createApiClient({ baseUrl: h.config.PUBLIC_BASE_URL, fetch: fetchLike, ...(caller ? { caller } : {}) });
  const statusOf = (p: Promise<unknown>) => p.then(() => 200, (e: { status?: number }) => e.status);

  it('serves a request signed over the URL that carries the portal and user the UI sent', async () => {
    const models = await client(viaHubSpot(), { portalId: PORTAL, userId: USER }).call(api.listModels, {});
    expect(models).toEqual(await h.call({ portalId: PORTAL, method: 'GET', path: '/api/models' }).then((r) => r.body));
  });

  it('serves a request to which HubSpot appended the same portal and user again', async () => {
    const appended = viaHubSpot([['appId', '4242'], ['portalId', String(PORTAL)], ['userId', String(USER)], ['userEmail', 'rep@example.com']]);
    expect(await statusOf(client(appended, { portalId: PORTAL, userId: USER }).call(api.listModels, {}))).toBe(200);
  });

  it('refuses a request whose appended portal or user disagrees with the one the UI sent', async () => {
    const otherPortal = viaHubSpot([['portalId', String(OTHER)]]);
    expect(await statusOf(client(otherPortal, { portalId: PORTAL, userId: USER }).call(api.listModels, {}))).toBe(401);
    const otherUser = viaHubSpot([['userId', '8']]);
    expect(await statusOf(client(otherUser, { portalId: PORTAL, userId: USER }).call(api.listModels, {}))).toBe(401);
    const res = await h.call({ method: 'GET', path: '/api/models', query: `portalId=${PORTAL}&userId=${USER}&portalId=${OTHER}` });
    expect(res).toEqual({ status: 401, body: { error: { code: 'UNAUTHORIZED', message: 'The signed request names different portals' } } });
  });

  it('refuses a request that names no portal', async () => {
    expect(await statusOf(client(viaHubSpot([['appId', '4242']])).call(api.listModels, {}))).toBe(401);
  });

  describe('in local development (hs project dev)', () => {
    let proxy: { origin: string; close: () => Promise<void> };
    beforeAll(async () => { proxy = await startDevProxy(h.config.PUBLIC_BASE_URL, h.origin); });
    afterAll(async () => { await proxy?.close(); });

    it('serves a request that the dev proxy signed over the local URL', async () => {
      const models = await client(viaDevProxy(proxy.origin), { portalId: PORTAL, userId: USER }).call(api.listModels, {});
      expect(models).toEqual(await h.call({ portalId: PORTAL, method: 'GET', path: '/api/models' }).then((r) => r.body));
    });

    it('refuses a request signed over the local URL in production mode', async () => {
      const guarded = await startGuarded(h.config, 'production');
      const devGuarded = await startGuarded(h.config, 'development');
      try {
        for (const [server, expected] of [[guarded, 401], [devGuarded, 200]] as const) {
          const local = await startDevProxy(h.config.PUBLIC_BASE_URL, server.origin);
          try {
            const status = await statusOf(client(viaDevProxy(local.origin), { portalId: PORTAL }).call(api.listModels, {}));
            expect(`${server.mode}: ${status}`).toBe(`${server.mode}: ${expected}`);
          } finally { await local.close(); }
        }
      } finally { await guarded.close(); await devGuarded.close(); }
    });
  });
});

/** hubspot.fetch during `hs project dev`: the page posts the request to the dev server's /proxy, which relays it. */
function viaDevProxy(proxyOrigin: string): FetchLike {
  return async (url, init) => {
    const res = await fetch(`${proxyOrigin}/proxy`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ requestUri: url, method: init.method, requestBody: init.body, requestTimeoutMillis: 5_000 }),
    });
    // The proxy answers 200 with the app's status inside when the app refused (AppProxyService's BAD_GATEWAY).
    const reply = await res.json() as { status: string; responseBody?: unknown; context?: { appServerStatusCode?: string[] } };
    const status = Number(reply.context?.appServerStatusCode?.[0] ?? res.status);
    return { ok: status < 300, status, json: async () => reply.responseBody };
  };
}

/** HubSpot's own dev proxy (@hubspot/ui-extensions-dev-server AppProxyService) with local.json's mapping. */
async function startDevProxy(publicBaseUrl: string, localOrigin: string) {
  const require = createRequire(import.meta.url);
  const file = join(dirname(require.resolve('@hubspot/ui-extensions-dev-server')), 'lib/proxy/AppProxyService.js');
  const { AppProxyService } = await import(pathToFileURL(file).href) as { AppProxyService: (o: object) => express.Express };
  const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined };
  // It signs with the CLIENT_SECRET of the environment `hs project dev` runs in (dist/lib/proxy/signing.js).
  process.env.CLIENT_SECRET = CLIENT_SECRET;
  const app = AppProxyService({ localDevUrlMapping: { [new URL(publicBaseUrl).origin]: localOrigin }, logger: quiet, accountId: 1, allowedUrls: [publicBaseUrl] });
  return listen(app);
}

/**
 * The /api guard alone, built as the web process builds it from `config` in `mode`, with LOCAL_DEV_BASE_URL naming
 * this server, answering like the models route.
 */
async function startGuarded(config: Parameters<typeof signedRequestOptions>[0], mode: 'production' | 'development') {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const app = express();
  const options = signedRequestOptions({ ...config, NODE_ENV: mode, LOCAL_DEV_BASE_URL: origin }, CLIENT_SECRET, Date.now);
  app.get('/api/models', ...signedApiAuth(options), (_req, res) => { res.json({ models: [] }); });
  app.use((err: HttpError, _req: express.Request, res: express.Response, _next: express.NextFunction) => { res.status(err.status).json({}); });
  server.on('request', app);
  return { origin, mode, close: () => new Promise<void>((r) => server.close(() => r())) };
}

async function listen(app: express.Express) {
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}
