import express, { type Express, type RequestHandler, type Router } from 'express';
import type { Logger } from '../logger.js';
import { opsRoutes, type OpsRouteDeps } from '../observability/ops-routes.js';
import { modelRoutes, type ModelRouteDeps } from './api/model-routes.js';
import { requireInstallation } from './api/require-installation.js';
import { errorHandler } from './error-handler.js';
import { HttpError } from './http-error.js';
import { oauthRoutes, type OAuthRouteDeps } from './oauth/oauth-routes.js';
import { webhookRoute, type WebhookRouteDeps } from './webhooks/webhook-route.js';

export type AppDeps = {
  logger: Logger;
  trustProxy?: boolean;
  webhooks: WebhookRouteDeps;
  oauth: OAuthRouteDeps;
  /** The card and settings API's context (src/web/api). */
  api: ModelRouteDeps;
  /**
   * The guard (and body parser) of every `/api/*` route, mounted before the routes: it must set
   * `res.locals.portalId` from a verified source (the web process passes `signedApiAuth`).
   */
  apiGuard: RequestHandler[];
  /** Whether a portal has an active installation: every `/api` route acts only for such portals. */
  isInstalled: (portalId: number) => Promise<boolean>;
  /** Routers mounted at the root before any body parser (they read raw bodies), e.g. workflow actions. */
  rawRouters?: Router[];
  /** More routers after the API (e.g. a local preview). */
  routers?: Router[];
  /** Readiness for `/readyz` (Redis reachable, queue connected, not shutting down). */
  ready?: OpsRouteDeps['ready'];
};

/**
 * The express app. Routes only verify, validate, authorise and delegate; errors become HTTP answers in one
 * place (error-handler.ts). Signed routes (webhooks, workflow actions, /api) read raw bodies, since their
 * signatures cover the exact bytes, so no global body parser is installed.
 */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.trustProxy ?? false);

  app.use(opsRoutes({ ready: deps.ready }));

  app.use(webhookRoute(deps.webhooks));
  for (const r of deps.rawRouters ?? []) app.use(r);
  app.use(oauthRoutes(deps.oauth));
  app.use('/api', ...deps.apiGuard, requireInstallation(deps.isInstalled));
  app.use(modelRoutes(deps.api));
  for (const r of deps.routers ?? []) app.use(r);

  app.use((req, _res, next) => next(new HttpError(404, 'NOT_FOUND', `No route for ${req.method} ${req.path}`)));
  app.use(errorHandler(deps.logger));
  return app;
}
