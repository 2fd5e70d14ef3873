import { Router } from 'express';
import { grantOf } from '../http/auth.js';

/**
 * The app uninstalling itself: `DELETE /appinstalls/2026-03/external-install` (and the older `v3` path) with the
 * portal's access token. The install goes and every grant of the app in the portal is revoked, so its tokens and
 * refreshes stop working; 204 with no body, as HubSpot's "Uninstall app" reference shows.
 */
export function appInstallRoutes(ctx: { apps: { uninstall(portalId: number, appId: number): boolean }; tokens: { revokeApp(portalId: number, appId: number): number } }): Router {
  const r = Router();
  r.delete(['/appinstalls/2026-03/external-install', '/appinstalls/v3/external-install'], (_req, res) => {
    const grant = grantOf(res);
    ctx.apps.uninstall(grant.portalId, grant.appId);
    ctx.tokens.revokeApp(grant.portalId, grant.appId);
    res.status(204).end();
  });
  return r;
}
