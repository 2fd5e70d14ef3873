import express, { Router, type Express } from 'express';
import type { SandboxContext } from '../context.js';
import { adminRoutes, type AdminDeps } from '../routes/admin-routes.js';
import { associationsRoutes } from '../routes/associations-routes.js';
import { batchRoutes } from '../routes/batch-routes.js';
import { crmViewRoutes } from '../routes/crm-view.js';
import { lifecycleRoutes } from '../routes/lifecycle-routes.js';
import { oauthRoutes } from '../routes/oauth-routes.js';
import { objectsRoutes } from '../routes/objects-routes.js';
import { propertiesRoutes } from '../routes/properties-routes.js';
import { searchRoutes } from '../routes/search-routes.js';
import { appInstallRoutes } from '../routes/app-install-routes.js';
import { authMiddleware } from './auth.js';
import { faultMiddleware } from './faults.js';
import { apiError, errorHandler } from './hubspot-error.js';
import { rateLimitMiddleware, type SlidingWindow } from './rate-limit.js';
import { requestLogMiddleware } from './request-log.js';

export type AppDeps = AdminDeps & { tenSecondly: SlidingWindow; search: SlidingWindow };

/**
 * The sandbox's HTTP surface, in the order HubSpot applies it to an API call: log and correlation id, body
 * parsing, then (for the CRM API) authentication, forced faults, rate limits, and the endpoint itself.
 * `/_sandbox` control endpoints and the OAuth endpoints sit before authentication.
 */
export function createApp(ctx: SandboxContext, deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(requestLogMiddleware(deps.log, ctx.clock));
  app.use(express.json({ limit: '10mb' }));
  app.use(express.urlencoded({ extended: false }));
  app.use(adminRoutes(ctx, deps), crmViewRoutes(ctx));
  app.use(oauthRoutes(ctx));

  const limitHeaders = () => ({
    'X-HubSpot-RateLimit-Max': String(deps.tenSecondly.limit.max),
    'X-HubSpot-RateLimit-Interval-Milliseconds': String(deps.tenSecondly.limit.intervalMs),
  });
  const api = Router();
  api.use(authMiddleware(ctx.tokens, ctx.apps, ctx.clock));
  api.use(faultMiddleware(deps.faults, limitHeaders));
  api.use(rateLimitMiddleware(deps.tenSecondly, deps.search, ctx.clock));
  api.use(propertiesRoutes(ctx), searchRoutes(ctx), batchRoutes(ctx), lifecycleRoutes(ctx), objectsRoutes(ctx), associationsRoutes(ctx), appInstallRoutes(ctx));
  app.use(api);

  app.use((req, _res, next) => next(apiError(404, 'OBJECT_NOT_FOUND', `No route for ${req.method} ${req.path}`)));
  app.use(errorHandler);
  return app;
}
