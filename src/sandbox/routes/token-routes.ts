import { Router, type Request } from 'express';
import type { SandboxContext } from '../context.js';
import { HubSpotHttpError } from '../http/hubspot-error.js';
import type { RegisteredApp } from '../oauth/apps.js';

/**
 * OAuth token endpoints. `/oauth/v3/token` (and its aliases `/oauth/v1/token`, `/oauth/2026-03/token`) take every
 * parameter form-encoded in the body, as the v3 spec says. Failures are 400s carrying HubSpot's long-standing
 * `status` codes (BAD_AUTH_CODE, BAD_REFRESH_TOKEN, …) plus `error` (`invalid_grant`…) and `category`.
 * UNVERIFIED: the exact v3 error body; an app should key on the 400 and `status`/`error`, not on the message.
 */
const TOKEN_PATHS = ['/oauth/v3/token', '/oauth/v1/token', '/oauth/2026-03/token'];

function oauthError(status: string, error: string, message: string): HubSpotHttpError {
  return new HubSpotHttpError(400, { status, error, message, category: 'VALIDATION_ERROR' });
}

/** The form fields of a request; a JSON body is refused as HubSpot refuses it (BAD_GRANT_TYPE). */
function form(req: Request): Record<string, string> {
  if (!req.is('application/x-www-form-urlencoded')) throw oauthError('BAD_GRANT_TYPE', 'unsupported_grant_type', 'missing or invalid grant type (send the parameters form-encoded)');
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries((req.body ?? {}) as Record<string, unknown>)) if (typeof v === 'string') out[k] = v;
  return out;
}

function client(ctx: SandboxContext, f: Record<string, string>): RegisteredApp {
  const app = f.client_id ? ctx.apps.byClientId(f.client_id) : undefined;
  if (!app) throw oauthError('BAD_CLIENT_ID', 'invalid_client', 'missing or unknown client id');
  if (f.client_secret !== app.clientSecret) throw oauthError('BAD_CLIENT_SECRET', 'invalid_client', 'missing or invalid client secret');
  return app;
}

export function tokenRoutes(ctx: SandboxContext): Router {
  const r = Router();

  r.post(TOKEN_PATHS, (req, res) => {
    const f = form(req);
    const app = client(ctx, f);
    if (f.grant_type === 'authorization_code') {
      const result = ctx.tokens.redeemCode(f.code ?? '', app.appId, f.redirect_uri ?? '');
      if (!result.ok) {
        throw result.status === 'BAD_REDIRECT_URI'
          ? oauthError('BAD_REDIRECT_URI', 'invalid_grant', 'redirect_uri does not match the one used to get the code')
          : oauthError('BAD_AUTH_CODE', 'invalid_grant', 'missing or unknown auth code');
      }
      return void res.json(result.pair);
    }
    if (f.grant_type === 'refresh_token') {
      const grant = ctx.tokens.grantByRefresh(f.refresh_token ?? '');
      const pair = grant && ctx.apps.isInstalled(grant.portalId, app.appId) ? ctx.tokens.refresh(f.refresh_token!, app.appId) : undefined;
      if (!pair) throw oauthError('BAD_REFRESH_TOKEN', 'invalid_grant', 'missing or invalid refresh token');
      return void res.json(pair);
    }
    throw oauthError('BAD_GRANT_TYPE', 'unsupported_grant_type', 'missing or invalid grant type');
  });

  r.post(TOKEN_PATHS.map((p) => `${p}/introspect`), (req, res) => {
    const f = form(req);
    const app = client(ctx, f);
    const token = f.token ?? '';
    const access = ctx.tokens.checkAccess(token);
    const grant = access.ok ? access.grant : ctx.tokens.grantByRefresh(token);
    if (!grant || grant.appId !== app.appId) return void res.json({ active: false });
    const portal = ctx.portals.get(grant.portalId);
    res.json({
      active: true, token_use: access.ok ? 'access_token' : 'refresh_token', token, hub_id: grant.portalId, user_id: grant.userId,
      client_id: app.clientId, app_id: app.appId, scopes: grant.scopes, token_type: access.ok ? 'access' : 'refresh',
      expires_in: access.ok ? Math.max(0, Math.round((access.expiresAt - ctx.clock.now()) / 1000)) : 0,
      is_private_distribution: false, hub_domain: portal?.domain, user: portal?.user.email,
    });
  });

  r.post(TOKEN_PATHS.map((p) => `${p}/revoke`), (req, res) => {
    const f = form(req);
    client(ctx, f);
    ctx.tokens.revokeRefresh(f.token ?? '');
    res.status(204).end();
  });

  // The v1 metadata endpoint some clients still call to learn the hub id behind a token.
  r.get('/oauth/v1/access-tokens/:token', (req, res) => {
    const check = ctx.tokens.checkAccess(req.params.token);
    if (!check.ok) throw new HubSpotHttpError(404, { status: 'error', message: 'access token not found', category: 'OBJECT_NOT_FOUND' });
    const portal = ctx.portals.get(check.grant.portalId);
    res.json({
      token: req.params.token, user: portal?.user.email, hub_domain: portal?.domain, scopes: check.grant.scopes, hub_id: check.grant.portalId,
      app_id: check.grant.appId, expires_in: Math.round((check.expiresAt - ctx.clock.now()) / 1000), user_id: check.grant.userId, token_type: 'access',
    });
  });
  return r;
}
