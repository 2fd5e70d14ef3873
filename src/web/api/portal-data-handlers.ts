import type { api } from '../../contract/index.js';
import { erasePortal } from '../../queue/erase-portal.js';
import type { ApiContext } from './api-context.js';
import type { EndpointHandler } from './endpoint-route.js';

/**
 * "Delete this portal's data": the app first uninstalls itself from the portal in HubSpot (so HubSpot stops
 * sending its webhooks and showing its card); whether or not HubSpot accepts, the installation is marked uninstalled (its tokens go, every job of the
 * portal stops at its next installation check and no HubSpot call can be made for it), then every key under the
 * portal's hash tag and every queued job of the portal are erased at once, without waiting for the grace period.
 * Afterwards the portal counts as never installed: the API answers 403 and webhooks are dropped until the app is
 * installed again. The properties the app created in HubSpot stay (they are the customer's CRM data).
 * A HubSpot call inside a request is the exception to "acknowledge fast": the user waits for this one on purpose.
 */
export function portalDataHandlers(ctx: ApiContext): { deletePortalData: EndpointHandler<typeof api.deletePortalData> } {
  return {
    deletePortalData: async ({ portalId }) => {
      let uninstalledFromHubSpot = true;
      try {
        await ctx.gateway.forPortal(portalId).uninstallApp();
      } catch (err) {
        // The data goes anyway: that is what the user asked for. The app stays listed in the account until removed there.
        uninstalledFromHubSpot = false;
        ctx.logger.warn({ portalId, code: (err as { code?: unknown }).code }, 'uninstall in HubSpot failed; erasing the portal data anyway');
      }
      await ctx.gateway.installations.markUninstalled(portalId, ctx.clock());
      const erased = await erasePortal(ctx, portalId);
      return { erasedKeys: erased.keys, removedJobs: erased.jobs, uninstalledFromHubSpot };
    },
  };
}
