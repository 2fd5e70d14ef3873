import { Router } from 'express';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { startApp } from '../../src/runtime/start-app.js';
import { capturedLogger } from '../helpers/captured-logger.js';
import { dropPrefix, connect, uniquePrefix } from '../helpers/redis.js';
import { until } from '../helpers/until.js';
import { httpRequest, pipelineEnv } from '../pipeline/helpers/harness.js';

describe('the web process on shutdown', () => {
  it('stops accepting connections but finishes the request in flight before it closes', async () => {
    let requestArrived = false;
    let finish: () => void = () => undefined;
    const slow = Router().get('/slow', async (_req, res) => {
      requestArrived = true;
      await new Promise<void>((resolve) => (finish = resolve));
      res.json({ finished: true });
    });
    const prefix = uniquePrefix('webdrain');
    const config = loadConfig(pipelineEnv(prefix, { SHUTDOWN_TIMEOUT_MS: '20000' }));
    const app = await startApp({ config, roles: ['web'], logger: capturedLogger().logger, overrides: { sweep: false, routers: [slow] } });

    const inFlight = httpRequest(`${app.url}/slow`);
    await until(() => requestArrived, 10_000, 'the slow request to arrive');
    let closed = false;
    const closing = app.close().then(() => (closed = true));
    // New connections are refused at once; the request in flight is still being served.
    await until(async () => (await httpRequest(`${app.url}/healthz`).then(() => 'open', () => 'refused')) === 'refused', 10_000, 'the port to close');
    expect(closed).toBe(false);

    finish();
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({ finished: true });
    await closing;
    expect(closed).toBe(true);
    const redis = connect();
    await dropPrefix(redis, prefix);
    redis.disconnect();
  });
});
