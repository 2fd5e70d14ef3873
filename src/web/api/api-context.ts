import type { PipelineContext } from '../../queue/context.js';
import { HttpError } from '../http-error.js';

/**
 * What the API handlers use: the pipeline's context (stores, model cache, HubSpot gateway, scheduler, clock).
 * Every store call below passes the signed caller's portal id; no handler takes a portal from anywhere else.
 */
export type ApiContext = PipelineContext;

/** HubSpot calls need an active installation (tokens): say so plainly instead of failing deep in the gateway. */
export async function requireInstalled(ctx: ApiContext, portalId: number): Promise<void> {
  const inst = await ctx.gateway.installations.get(portalId);
  if (inst?.status !== 'active') {
    throw new HttpError(403, 'NOT_INSTALLED', 'The app is not installed in this HubSpot account (or was uninstalled): install it again to score contacts.');
  }
}
