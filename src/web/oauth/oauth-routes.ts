import express, { type Response, type Router } from 'express';
import { OAuthError } from '../../hubspot/errors.js';
import type { InstallFlow } from '../../hubspot/install-flow.js';
import type { Logger } from '../../logger.js';
import { isRedisUnavailable } from '../http-error.js';

export type OAuthRouteDeps = {
  /** The adapter's install flow: authorize URL with a signed single-use state; callback check + exchange + store. */
  flow: Pick<InstallFlow, 'start' | 'complete'>;
  /** Properties, starter model, backfill (see complete-install.ts). */
  completeInstall: (portalId: number) => Promise<unknown>;
  logger: Logger;
};

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A small page a person reads in the browser after the install redirect: what happened and what to do. */
function page(res: Response, status: number, title: string, message: string): void {
  res
    .status(status)
    .type('html')
    .set('cache-control', 'no-store')
    .send(`<!doctype html><html><head><meta charset="utf-8"><title>${escape(title)}</title></head>` +
      `<body style="font-family:sans-serif;max-width:40em;margin:3em auto"><h1>${escape(title)}</h1><p>${escape(message)}</p></body></html>`);
}

const RESTART = 'Start the installation again from HubSpot (or open /oauth/install).';

/** What the person sees for each way the callback can fail (the adapter's OAuthError codes). */
function failurePage(res: Response, err: OAuthError): void {
  if (err.code === 'OAUTH_STATE_INVALID') return page(res, 400, 'Installation link expired', `This installation link has expired or was already used. ${RESTART}`);
  if (err.code === 'OAUTH_CALLBACK_INVALID') return page(res, 400, 'Installation not completed', `${err.message}. ${RESTART}`);
  const status = err.status !== undefined && err.status >= 500 ? 503 : 502;
  return page(res, status, 'Installation failed', `HubSpot did not accept the installation code. ${RESTART}`);
}

/**
 * The install flow: `GET /oauth/install` redirects to HubSpot's authorize page with a signed, single-use,
 * expiring state; `GET /oauth/callback` lets the adapter check the query and state, exchange the code and
 * store the installation (tokens encrypted), then completes the install (properties, starter model,
 * backfill). Every failure is a page saying what to do; none shows a token or the code.
 */
export function oauthRoutes(deps: OAuthRouteDeps): Router {
  const router = express.Router();

  router.get('/oauth/install', async (_req, res) => {
    res.set('cache-control', 'no-store').redirect(302, await deps.flow.start());
  });

  router.get('/oauth/callback', async (req, res) => {
    let portalId: number;
    try {
      ({ portalId } = await deps.flow.complete(req.query));
    } catch (err) {
      if (err instanceof OAuthError) return failurePage(res, err);
      if (isRedisUnavailable(err)) return page(res, 503, 'Installation failed', 'The app cannot reach its storage right now. Try again in a minute.');
      throw err;
    }
    try {
      await deps.completeInstall(portalId);
    } catch (err) {
      deps.logger.error({ portalId, code: (err as { code?: unknown }).code, err: (err as Error).message }, 'install stored, but setting up the portal failed');
      return page(res, 502, 'Installation incomplete',
        `The app is connected to portal ${portalId}, but creating its properties or starting the first scoring failed. ${RESTART}`);
    }
    return page(res, 200, 'Lead scoring is installed',
      `Portal ${portalId} is connected. Every contact is being scored in the background; scores appear in the "Lead scoring" property group.`);
  });

  return router;
}
