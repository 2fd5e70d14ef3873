import { Router, type Request, type Response } from 'express';
import type { SandboxContext } from '../context.js';
import { approve, checkAuthorize, deny } from '../oauth/authorize.js';
import { renderConsentPage, renderErrorPage } from '../oauth/authorize-page.js';
import { tokenRoutes } from './token-routes.js';

/**
 * The install flow: GET /oauth/authorize shows the consent page (or, with `auto=1`, approves at once for
 * `portal_id` or the first portal, for scripted installs); POST /oauth/authorize records the user's decision and
 * redirects back to the app. Token, introspect and revoke endpoints are in {@link tokenRoutes}.
 */
export function oauthRoutes(ctx: SandboxContext): Router {
  const r = Router();

  const chosenPortal = (raw: unknown): number | undefined => {
    const id = raw === undefined || raw === '' ? [...ctx.portals.keys()][0] : Number(raw);
    return id !== undefined && ctx.portals.has(id) ? id : undefined;
  };
  const fail = (res: Response, message: string) => res.status(400).type('html').send(renderErrorPage(message));

  r.get('/oauth/authorize', (req: Request, res) => {
    const q = req.query as Record<string, unknown>;
    const check = checkAuthorize(ctx, q);
    if (!check.ok) return void fail(res, check.message);
    if (q.auto === '1' || q.auto === 'true') {
      const portalId = chosenPortal(q.portal_id);
      if (portalId === undefined) return void fail(res, `Unknown portal ${String(q.portal_id)}.`);
      return void res.redirect(302, approve(ctx, check.request, portalId));
    }
    const hidden: Record<string, string> = {};
    for (const k of ['client_id', 'redirect_uri', 'scope', 'optional_scope', 'state']) if (typeof q[k] === 'string') hidden[k] = q[k];
    res.type('html').send(renderConsentPage({
      appName: check.request.app.name, scopes: check.request.scopes, optionalScopes: check.request.optionalScopes, hidden,
      portals: [...ctx.portals.values()].map((p) => ({ id: p.id, domain: p.domain })),
    }));
  });

  r.post('/oauth/authorize', (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const check = checkAuthorize(ctx, body);
    if (!check.ok) return void fail(res, check.message);
    if (body.decision === 'deny') return void res.redirect(302, deny(check.request));
    const portalId = chosenPortal(body.portal_id);
    if (portalId === undefined) return void fail(res, `Unknown portal ${String(body.portal_id)}.`);
    res.redirect(302, approve(ctx, check.request, portalId));
  });

  r.use(tokenRoutes(ctx));
  return r;
}
