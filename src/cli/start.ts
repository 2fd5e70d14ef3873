import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { startApp, type Role } from '../runtime/start-app.js';

const HELP = `Usage: lead-scoring start [--role web|worker|all]

Runs the app against the Redis at REDIS_URL (else localhost, else a redis-server started for the session):
  web     webhooks, OAuth install, API (PORT)
  worker  the scoring queue (any number of worker processes may run)
  all     both in this process (default; for small installs)
Stops gracefully on SIGINT/SIGTERM: the web stops accepting, active jobs finish.`;

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
  const logger = createLogger({ level: config.LOG_LEVEL });
  const app = await startApp({ config, roles, logger });
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      logger.info({ signal }, 'shutting down');
      resolve();
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  await app.close();
  return 0;
}
