import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { DEFAULT_PORTAL_ID, DEFAULT_SUBSCRIPTIONS, DEMO_APP_CREDENTIALS, startSandbox, webhooksFromHsMeta } from '../sandbox/index.js';

/**
 * `lead-scoring sandbox`: runs the local HubSpot stand-in on its own, seeded with the lead dataset, with a demo
 * app registered (redirect and webhook URLs from the app's config, PUBLIC_BASE_URL), and prints what the app
 * needs to talk to it. Runs until interrupted.
 */
/** The HubSpot project's webhooks component: the sandbox then sends exactly what the app subscribes to. */
const PROJECT_WEBHOOKS = fileURLToPath(new URL('../../hubspot-app/app/webhooks/webhooks-hsmeta.json', import.meta.url));

const HELP = `Usage: lead-scoring sandbox [options]

Runs a local HubSpot stand-in (OAuth, CRM API, rate limits, signed webhooks) seeded from data/leads-x-education.csv.

Options:
  --port N              port to listen on (default: SANDBOX_PORT, 3900)
  --contacts N          contacts to seed (default 2000; rows are reused past 9,237)
  --seed S              seed of the synthetic data (default "sandbox")
  --portal ID           portal (hub) id (default ${DEFAULT_PORTAL_ID})
  --simulate            start the activity simulator (leads visit, open, click, submit forms, book meetings)
  --interval-ms N       simulator interval (default 2000)
  --client-id ID        demo app client id (default "${DEMO_APP_CREDENTIALS.clientId}", what the app uses without credentials)
  --client-secret S     demo app client secret (default "${DEMO_APP_CREDENTIALS.clientSecret}")
  --webhooks-hsmeta F   webhook subscriptions from this HubSpot project webhooks file
                        (default: hubspot-app/app/webhooks/webhooks-hsmeta.json when present)
  -h, --help            show this help
`;

export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' }, contacts: { type: 'string' }, seed: { type: 'string' }, portal: { type: 'string' },
      simulate: { type: 'boolean' }, 'interval-ms': { type: 'string' }, 'client-id': { type: 'string' },
      'client-secret': { type: 'string' }, 'webhooks-hsmeta': { type: 'string' }, help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) { process.stdout.write(HELP); return 0; }
  const config = loadConfig();
  const num = (v: string | undefined, fallback: number, name: string): number => {
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a non-negative integer`);
    return n;
  };
  const portalId = num(values.portal, DEFAULT_PORTAL_ID, 'portal');
  const hsmeta = values['webhooks-hsmeta'] ?? (existsSync(PROJECT_WEBHOOKS) ? PROJECT_WEBHOOKS : undefined);
  // The project names the production target URL; locally the app listens at PUBLIC_BASE_URL.
  const webhooks = hsmeta
    ? webhooksFromHsMeta((JSON.parse(readFileSync(hsmeta, 'utf8')) as { config: unknown }).config, config.urls.webhooks)
    : { targetUrl: config.urls.webhooks, subscriptions: DEFAULT_SUBSCRIPTIONS };
  const started = performance.now();
  const sandbox = await startSandbox({
    port: num(values.port, config.SANDBOX_PORT, 'port'),
    portals: [{ id: portalId, contacts: num(values.contacts, 2000, 'contacts'), seed: values.seed ?? 'sandbox' }],
    simulator: { autoStart: values.simulate ?? false, intervalMs: num(values['interval-ms'], 2000, 'interval-ms') || 2000, seed: values.seed ?? 'sandbox' },
    apps: [{
      name: 'Lead scoring (sandbox demo)', clientId: values['client-id'] ?? DEMO_APP_CREDENTIALS.clientId, clientSecret: values['client-secret'] ?? DEMO_APP_CREDENTIALS.clientSecret,
      redirectUris: [config.urls.oauthCallback], webhooks,
    }],
  });
  const app = sandbox.apps.list()[0]!;
  const seeded = sandbox.seeded.get(portalId)!;
  process.stdout.write([
    `HubSpot sandbox listening on ${sandbox.url} (seeded and started in ${Math.round(performance.now() - started)} ms)`,
    `Portal ${portalId}: ${seeded.contacts} contacts (${seeded.customers} customers, ${seeded.deals} deals, ${seeded.companies} companies)`,
    `Demo app ${app.appId}: webhooks to ${app.webhooks?.targetUrl} (${app.webhooks?.subscriptions.length} subscriptions from ${hsmeta ? relative(process.cwd(), hsmeta) : 'the default list'})`,
    `Install: ${sandbox.authorizeUrl({ clientId: app.clientId, redirectUri: app.redirectUris[0]!, scopes: app.requiredScopes, optionalScopes: app.optionalScopes })}`,
    `Contacts (sandbox CRM view): ${sandbox.url}/_sandbox/portals/${portalId}`,
    `Simulator: ${sandbox.simulator.running ? `on, every ${sandbox.simulator.options.intervalMs} ms` : 'off (--simulate)'}`,
    '',
    'Point the app at it with:',
    `  HUBSPOT_API_BASE_URL=${sandbox.url}`,
    `  HUBSPOT_APP_BASE_URL=${sandbox.url}`,
    ...(app.clientId === DEMO_APP_CREDENTIALS.clientId && app.clientSecret === DEMO_APP_CREDENTIALS.clientSecret
      ? ['  (client id and secret: the placeholders the app uses when HUBSPOT_CLIENT_ID is unset)']
      : [`  HUBSPOT_CLIENT_ID=${app.clientId}`, `  HUBSPOT_CLIENT_SECRET=${app.clientSecret}`]),
    `  HUBSPOT_APP_ID=${app.appId}`,
    '',
  ].join('\n'));
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await sandbox.close();
  return 0;
}
