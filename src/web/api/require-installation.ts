import type { RequestHandler } from 'express';
import { HttpError } from '../http-error.js';

/**
 * Mounted on `/api` right after the signature guard: the signed portal must have an active installation, or
 * every route answers 403 NOT_INSTALLED before any handler reads or writes a key of that portal. A portal that
 * never installed the app, or uninstalled it, can neither read nor save, import or publish models. One HGET of
 * the installation's status per request.
 */
export function requireInstallation(isActive: (portalId: number) => Promise<boolean>): RequestHandler {
  return (_req, res, next) => {
    const portalId = res.locals.portalId;
    if (typeof portalId !== 'number') return next(new HttpError(401, 'UNAUTHORIZED', 'No authenticated portal for this request'));
    isActive(portalId).then(
      (active) => next(active ? undefined
        : new HttpError(403, 'NOT_INSTALLED', 'The app is not installed in this HubSpot account (or was uninstalled): install it again to use it.')),
      next,
    );
  };
}
