import type { api } from '../../contract/index.js';
import { erasePortal } from '../../queue/erase-portal.js';
import type { ApiContext } from './api-context.js';
import type { EndpointHandler } from './endpoint-route.js';

/**
 * "Delete this portal's data": the installation is marked uninstalled first (its tokens go, every job of the
 * portal stops at its next installation check and no HubSpot call can be made for it), then every key under the
 * portal's hash tag and every queued job of the portal are erased at once, without waiting for the grace period.
 * Afterwards the portal counts as never installed: the API answers 403 and webhooks are dropped until the app is
 * installed again. The properties the app created in HubSpot stay (they are the customer's CRM data).
 */
export function portalDataHandlers(ctx: ApiContext): { deletePortalData: EndpointHandler<typeof api.deletePortalData> } {
  return {
    deletePortalData: async ({ portalId }) => {
      await ctx.gateway.installations.markUninstalled(portalId, ctx.clock());
      const erased = await erasePortal(ctx, portalId);
      return { erasedKeys: erased.keys, removedJobs: erased.jobs };
    },
  };
}
