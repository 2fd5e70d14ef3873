/**
 * A worker process for the multi-process tests: the production `startApp` with the worker role, configured by
 * the environment the test passes (its own Redis prefix, the fake HubSpot's URL). TEST_LIMITER_WINDOW_MS
 * shortens the rate limiter's window so a test sees many windows in seconds. Logs go to stdout as JSON lines
 * (each HubSpot call as "hubspot call" at debug level); "worker ready" tells the parent it is up.
 */
import { loadConfig } from '../../../src/config.js';
import { createLogger } from '../../../src/logger.js';
import { startApp } from '../../../src/runtime/start-app.js';

const config = loadConfig(process.env);
const logger = createLogger({ level: config.LOG_LEVEL });
const windowMs = Number(process.env.TEST_LIMITER_WINDOW_MS) || undefined;
const app = await startApp({
  config, roles: ['worker'], logger,
  overrides: { sweep: false, gatewayOptions: { windowMs }, onCall: (e) => logger.debug(e, 'hubspot call') },
});
logger.info({ pid: process.pid }, 'worker ready');
process.once('SIGTERM', () => {
  void app.close().then(() => process.exit(0));
});
