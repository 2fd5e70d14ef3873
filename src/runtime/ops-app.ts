import express, { type Express } from 'express';
import { opsRoutes, type OpsRouteDeps } from '../observability/ops-routes.js';

/**
 * The operations server of METRICS_PORT: `/healthz`, `/readyz`, `/metrics` and nothing else, for processes with
 * no web port (workers) or to keep metrics off the public port.
 */
export function opsApp(deps: OpsRouteDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(opsRoutes(deps));
  app.use((_req, res) => {
    res.status(404).json({ error: { code: 'NOT_FOUND', message: 'Only /healthz, /readyz and /metrics are served here' } });
  });
  return app;
}
