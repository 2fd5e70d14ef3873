import type { RequestHandler, Response } from 'express';
import type { Clock } from '../clock.js';
import type { AppRegistry } from '../oauth/apps.js';
import type { Grant, TokenStore } from '../oauth/tokens.js';
import { apiError } from './hubspot-error.js';

/**
 * Bearer-token authentication as HubSpot answers it: no or unknown token → 401 INVALID_AUTHENTICATION, an expired
 * one → 401 EXPIRED_AUTHENTICATION, a token of an app no longer installed → 401 as unknown. On success the
 * request belongs to the token's portal (`res.locals.portalId`), which the rate limiter and request log use.
 */
const NOT_FOUND_MESSAGE =
  'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview';

export function authMiddleware(tokens: TokenStore, apps: AppRegistry, clock: Clock): RequestHandler {
  return (req, res, next) => {
    const header = req.get('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) return next(apiError(401, 'INVALID_AUTHENTICATION', NOT_FOUND_MESSAGE));
    const check = tokens.checkAccess(match[1]!);
    if (!check.ok && check.reason === 'expired') {
      const days = Math.floor((clock.now() - (check.expiredAt ?? 0)) / 86_400_000);
      return next(apiError(401, 'EXPIRED_AUTHENTICATION', `The OAuth token used to make this call expired ${Math.max(0, days)} day(s) ago.`));
    }
    if (!check.ok || !apps.isInstalled(check.grant.portalId, check.grant.appId)) {
      return next(apiError(401, 'INVALID_AUTHENTICATION', NOT_FOUND_MESSAGE));
    }
    res.locals.portalId = check.grant.portalId;
    res.locals.grant = check.grant;
    next();
  };
}

export function grantOf(res: Response): Grant {
  return res.locals.grant as Grant;
}

/** Throws HubSpot's 403 MISSING_SCOPES unless the token has every one of `scopes`. */
export function requireScopes(res: Response, scopes: string[]): void {
  const granted = new Set(grantOf(res).scopes);
  const missing = scopes.filter((s) => !granted.has(s));
  if (missing.length === 0) return;
  throw apiError(403, 'MISSING_SCOPES', "This app hasn't been granted all required scopes to make this call. Read more about required scopes here: https://developers.hubspot.com/scopes.", {
    errors: [{ message: 'One or more of the following scopes are required.', context: { requiredGranularScopes: scopes } }],
    links: { scopes: 'https://developers.hubspot.com/scopes' },
  });
}
