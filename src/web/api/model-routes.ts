import express, { type Router } from 'express';
import { api, type EndpointName } from '../../contract/index.js';
import { HttpError } from '../http-error.js';
import { analysisHandlers } from './analysis-handlers.js';
import type { ApiContext } from './api-context.js';
import { cardHandlers } from './card-handlers.js';
import { crmLookupHandlers } from './crm-lookup-handlers.js';
import { registerEndpoint, type ApiHandlers, type EndpointHandler } from './endpoint-route.js';
import { modelHandlers } from './model-handlers.js';
import { portalDataHandlers } from './portal-data-handlers.js';
import { publishHandlers } from './publish-handlers.js';
import { tryHandlers } from './try-handlers.js';

/** The API routes need the pipeline's context: stores, model cache, HubSpot gateway, scheduler, clock. */
export type ModelRouteDeps = ApiContext;

/**
 * Every route of the card and settings API (src/contract/endpoints.ts): card data and Recalculate; models,
 * versions, drafts, test and preview, publish, rollback, rescore progress, import and export. Mounted by
 * createApp after the `/api` guard (signedApiAuth), which sets the portal from HubSpot's signed request.
 * One handler per endpoint, in a table keyed like the contract: an endpoint without a handler fails the type check.
 */
export function modelRoutes(ctx: ModelRouteDeps): Router {
  const router = express.Router();
  const handlers: ApiHandlers = { ...cardHandlers(ctx), ...modelHandlers(ctx), ...publishHandlers(ctx), ...tryHandlers(ctx), ...analysisHandlers(ctx),
    ...crmLookupHandlers(ctx), ...portalDataHandlers(ctx) };
  for (const name of Object.keys(api) as EndpointName[]) {
    registerEndpoint(router, api[name], handlers[name] as EndpointHandler<(typeof api)[EndpointName]>);
  }

  // Not part of the UI contract: the install backfill's progress, for the CLI and the demo.
  router.get('/api/backfill', async (_req, res) => {
    const p = await ctx.progress.get(res.locals.portalId as number, 'backfill');
    if (!p) throw new HttpError(404, 'NOT_FOUND', 'No backfill has been started for this portal');
    res.json(p);
  });

  return router;
}
