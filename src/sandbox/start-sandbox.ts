import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { systemClock, type Clock } from './clock.js';
import type { SandboxContext } from './context.js';
import { Portal } from './crm/portal.js';
import { createApp } from './http/create-app.js';
import { FaultInjector } from './http/faults.js';
import { SlidingWindow } from './http/rate-limit.js';
import { RequestLog, type RequestSummary } from './http/request-log.js';
import { AppRegistry, type AppInput, type RegisteredApp } from './oauth/apps.js';
import { approve, checkAuthorize } from './oauth/authorize.js';
import { TokenStore, type TokenPair } from './oauth/tokens.js';
import { DEFAULT_PORTAL_ID, SandboxOptionsSchema, type SandboxOptions } from './options.js';
import { seedPortal, type SeedSummary } from './seed/seed-portal.js';
import { ActivitySimulator } from './simulator/activity-simulator.js';
import { WebhookDispatcher } from './webhooks/dispatcher.js';

export type Sandbox = {
  /** Base URL: use it as both HubSpot's API base and its app (authorize page) base. */
  url: string;
  portals: Map<number, Portal>;
  /** A portal by id (default: the first). */
  portal(id?: number): Portal;
  seeded: Map<number, SeedSummary>;
  apps: AppRegistry;
  tokens: TokenStore;
  registerApp(input: AppInput): RegisteredApp;
  /** The install URL an app would send a user to (`auto` approves without the consent page). */
  authorizeUrl(input: { clientId: string; redirectUri: string; scopes: string[]; optionalScopes?: string[]; state?: string; portalId?: number; auto?: boolean }): string;
  /** Approves an install as the portal's user would, returning the redirect URL (with `code` and `state`). */
  approveInstall(input: { clientId: string; redirectUri: string; scopes: string[]; optionalScopes?: string[]; state?: string; portalId?: number }): string;
  /** Installs an app and returns tokens directly, skipping the browser flow (tests of other parts). */
  installApp(input: { appId: number; portalId?: number; scopes?: string[] }): TokenPair;
  webhooks: WebhookDispatcher;
  simulator: ActivitySimulator;
  faults: FaultInjector;
  limits: { tenSecondly: SlidingWindow; search: SlidingWindow };
  requests(portalId?: number, since?: number): RequestSummary;
  close(): Promise<void>;
};

/** Starts a sandbox HubSpot: seeds its portals, registers the given apps, and listens. */
export async function startSandbox(options: SandboxOptions = {}, clock: Clock = systemClock): Promise<Sandbox> {
  const opts = SandboxOptionsSchema.parse(options);
  const portals = new Map<number, Portal>();
  const seeded = new Map<number, SeedSummary>();
  for (const p of opts.portals) {
    const portal = new Portal(p.id, clock);
    seeded.set(p.id, seedPortal(portal, { contacts: p.contacts, seed: p.seed, now: clock.now(), csvPath: opts.csvPath }));
    portals.set(p.id, portal);
  }
  const apps = new AppRegistry();
  const tokens = new TokenStore(clock, opts.accessTokenTtlS);
  const webhooks = new WebhookDispatcher(apps, opts.webhooks);
  for (const portal of portals.values()) portal.onChange((c) => webhooks.enqueue(c));
  const simulator = new ActivitySimulator(() => [...portals.values()], clock, { ...opts.simulator, csvPath: opts.csvPath });
  const log = new RequestLog();
  const faults = new FaultInjector();
  const limits = { tenSecondly: new SlidingWindow(opts.rateLimit), search: new SlidingWindow(opts.searchRateLimit) };
  let url = '';
  const ctx: SandboxContext = { clock, portals, apps, tokens, historyBatchMax: opts.historyBatchMax, baseUrl: () => url };
  const portal = (id?: number): Portal => {
    const p = portals.get(id ?? [...portals.keys()][0] ?? DEFAULT_PORTAL_ID);
    if (!p) throw new Error(`no portal ${String(id)}`);
    return p;
  };
  const app = createApp(ctx, {
    log, faults, webhooks, ...limits,
    simulate: (portalId, count) => simulator.burst(portal(portalId), count),
  });
  for (const a of opts.apps) apps.register(a);

  const server = createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  url = `http://${opts.host}:${(server.address() as AddressInfo).port}`;
  if (opts.simulator.autoStart) simulator.start();

  const approveInstall: Sandbox['approveInstall'] = (input) => {
    const check = checkAuthorize(ctx, {
      client_id: input.clientId, redirect_uri: input.redirectUri, scope: input.scopes.join(' '),
      optional_scope: (input.optionalScopes ?? []).join(' '), state: input.state,
    });
    if (!check.ok) throw new Error(check.message);
    return approve(ctx, check.request, portal(input.portalId).id);
  };

  return {
    url, portals, portal, seeded, apps, tokens, webhooks, simulator, faults, limits,
    registerApp: (input) => apps.register(input),
    authorizeUrl: (input) => {
      const u = new URL('/oauth/authorize', url);
      u.searchParams.set('client_id', input.clientId);
      u.searchParams.set('redirect_uri', input.redirectUri);
      u.searchParams.set('scope', input.scopes.join(' '));
      if (input.optionalScopes?.length) u.searchParams.set('optional_scope', input.optionalScopes.join(' '));
      if (input.state !== undefined) u.searchParams.set('state', input.state);
      if (input.portalId !== undefined) u.searchParams.set('portal_id', String(input.portalId));
      if (input.auto) u.searchParams.set('auto', '1');
      return u.toString();
    },
    approveInstall,
    installApp: ({ appId, portalId, scopes }) => {
      const registered = apps.byAppId(appId);
      if (!registered) throw new Error(`unknown app ${appId}`);
      const p = portal(portalId);
      apps.install(p.id, appId);
      return tokens.grant({ appId, portalId: p.id, userId: p.user.id, scopes: scopes ?? [...registered.requiredScopes, ...registered.optionalScopes] });
    },
    requests: (portalId, since) => log.summary(String(portal(portalId).id), since),
    close: async () => {
      simulator.stop();
      webhooks.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
