import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { startApp, type Role } from '../runtime/start-app.js';

const HELP = `Usage: lead-scoring start [--role web|worker|all]

Runs the app against the Redis at REDIS_URL (else localhost, else a redis-server started for the session).
Without HubSpot credentials (HUBSPOT_CLIENT_ID unset), --role all runs the local demo: a sandbox HubSpot seeded
with DEMO_CONTACTS leads, the app installed into it through OAuth, the backfill, then simulated activity.
With NODE_ENV=production nothing falls back: HubSpot credentials, TOKEN_ENCRYPTION_KEY, REDIS_URL and an https
PUBLIC_BASE_URL are required, and no Redis or sandbox is ever started.

  web     webhooks, OAuth install, API (PORT)
  worker  the scoring queue (any number of worker processes may run)
  all     both in this process (default; for small installs)
Stops gracefully on SIGINT/SIGTERM within SHUTDOWN_TIMEOUT_MS: /readyz turns 503, the web stops accepting and
finishes in-flight requests, workers finish their current batch and hand the rest back to the queue.`;

const ROLES: Record<string, Role[]> = { web: ['web'], worker: ['worker'], all: ['web', 'worker'] };

/** `lead-scoring start`: the production entrypoint of the web and worker processes. */
export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { role: { type: 'string', default: 'all' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const roles = ROLES[values.role ?? 'all'];
  if (!roles) {
    process.stderr.write(`lead-scoring start: --role must be web, worker or all (got "${values.role}")\n`);
    return 1;
  }
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      return 1;
    }
    throw err;
  }
  // No HubSpot credentials: the one-command demo against a local sandbox (web and worker alone need a sandbox
  // started separately, `lead-scoring sandbox`, whose demo app signs with the placeholder secret).
  if (config.sandboxMode && values.role === 'all') return (await import('../runtime/demo.js')).runDemo(config);
  const logger = createLogger({ level: config.LOG_LEVEL });
  // Sandbox mode (never in production): the web verifies what the sandbox's demo app signs.
  const overrides = config.sandboxMode
    ? { clientSecret: (await import('../sandbox/options.js')).DEMO_APP_CREDENTIALS.clientSecret }
    : {};
  const app = await startApp({ config, roles, logger, overrides });
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      logger.info({ signal }, 'shutting down');
      resolve();
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  await app.close();
  // Whatever still holds the event loop now (a HubSpot request the shutdown deadline cut short) is not waited for.
  setTimeout(() => process.exit(0), 1_000).unref();
  return 0;
}
