import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  DEFAULT_PORTAL_ID, DEFAULT_SUBSCRIPTIONS, DEMO_APP_CREDENTIALS, startSandbox, webhooksFromHsMeta,
  type RegisteredApp, type Sandbox, type SandboxOptions,
} from '../sandbox/index.js';

/** The HubSpot project's webhooks component: the sandbox sends exactly what the real app subscribes to. */
const PROJECT_WEBHOOKS = fileURLToPath(new URL('../../hubspot-app/app/webhooks/webhooks-hsmeta.json', import.meta.url));

/** The app's webhook settings with the project's subscriptions, aimed at `targetUrl` (where the app listens). */
export function projectWebhooks(targetUrl: string) {
  if (!existsSync(PROJECT_WEBHOOKS)) return { targetUrl, subscriptions: DEFAULT_SUBSCRIPTIONS };
  return webhooksFromHsMeta((JSON.parse(readFileSync(PROJECT_WEBHOOKS, 'utf8')) as { config: unknown }).config, targetUrl);
}

export type DemoSandbox = { sandbox: Sandbox; app: RegisteredApp; portalId: number; seedMs: number };

/**
 * Starts a sandbox HubSpot for the app: one portal seeded from the lead dataset, the demo app registered with the
 * credentials the app uses without HUBSPOT_CLIENT_ID, redirecting to `callbackUrl` and sending the project's
 * webhooks to `webhooksUrl`. Listens on `port` (0: any).
 */
export async function startDemoSandbox(opts: {
  port: number;
  contacts: number;
  callbackUrl: string;
  webhooksUrl: string;
  seed?: string;
  extra?: Partial<SandboxOptions>;
}): Promise<DemoSandbox> {
  const seed = opts.seed ?? 'demo';
  const started = performance.now();
  const sandbox = await startSandbox({
    ...opts.extra,
    port: opts.port,
    portals: [{ id: DEFAULT_PORTAL_ID, contacts: opts.contacts, seed }],
    simulator: { seed, ...opts.extra?.simulator },
  });
  const seedMs = performance.now() - started;
  const app = sandbox.registerApp({
    name: 'Lead scoring (demo)', ...DEMO_APP_CREDENTIALS, redirectUris: [opts.callbackUrl], webhooks: projectWebhooks(opts.webhooksUrl),
  });
  return { sandbox, app, portalId: DEFAULT_PORTAL_ID, seedMs };
}
