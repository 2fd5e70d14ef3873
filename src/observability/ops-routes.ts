import { Router } from 'express';
import { registry } from './metrics.js';
import type { ReadinessReport } from './readiness.js';

export type OpsRouteDeps = {
  /** Readiness (Redis reachable, queue connected, not shutting down); absent: always ready. */
  ready?: () => Promise<ReadinessReport>;
};

/**
 * The operations endpoints, for load balancers, orchestrators and Prometheus: `/healthz` (the process answers),
 * `/readyz` (200 when it can do its work, else 503 with each failed check) and `/metrics` (Prometheus text).
 */
export function opsRoutes(deps: OpsRouteDeps): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  router.get('/readyz', async (_req, res) => {
    const report = (await deps.ready?.()) ?? { ready: true, checks: {} };
    res.status(report.ready ? 200 : 503).json({ ok: report.ready, checks: report.checks });
  });
  router.get('/metrics', async (_req, res) => {
    const body = await registry.metrics();
    res.type(registry.contentType).send(body);
  });
  return router;
}
