import { z } from 'zod';

/**
 * "Delete this portal's data" on the settings page: the request must spell out its confirmation, so a stray or
 * replayed click with an empty body cannot erase anything.
 */
export const DeletePortalDataRequestSchema = z.object({ confirm: z.literal('DELETE') });
export type DeletePortalDataRequest = z.infer<typeof DeletePortalDataRequestSchema>;

/** What was erased: every key of the portal and its queued jobs. The app no longer acts for the portal afterwards. */
export const DeletePortalDataResponseSchema = z.object({
  erasedKeys: z.number().int().nonnegative(),
  removedJobs: z.number().int().nonnegative(),
  /** Whether HubSpot accepted the app's own uninstall (when not, remove the app under Connected apps). */
  uninstalledFromHubSpot: z.boolean(),
});
export type DeletePortalDataResponse = z.infer<typeof DeletePortalDataResponseSchema>;
