import type { CallHubSpot } from './call-hubspot.js';

/**
 * The app uninstalls itself from the portal: `DELETE /appinstalls/2026-03/external-install` with the portal's
 * access token (scope `oauth`); HubSpot answers 204 and emails the account's super admins ("Uninstall app",
 * developers.hubspot.com/docs/api-reference/latest/app-management/app-uninstalls/guide). The SDK has no wrapper,
 * so the call goes through `apiRequest`, and a non-2xx answer is thrown with its status for the classification.
 */
export const APP_UNINSTALL_PATH = '/appinstalls/2026-03/external-install';

export async function uninstallApp(call: CallHubSpot, portalId: number): Promise<void> {
  await call(portalId, 'appinstalls.uninstall', 'default', async (client) => {
    const res = await client.apiRequest({ method: 'DELETE', path: APP_UNINSTALL_PATH });
    if (res.status >= 300) {
      const body: unknown = await res.json().catch(() => undefined);
      throw Object.assign(new Error(`HTTP ${res.status}`), { status: res.status, headers: Object.fromEntries(res.headers.entries()), body });
    }
  });
}
