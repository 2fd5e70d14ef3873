import type { RedisClient } from '../store/redis-client.js';
import { z } from 'zod';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { createInstallationStore, type InstallationStore } from '../store/installations.js';
import type { AppKeys } from '../store/keys.js';
import { createOAuthStateStore, stateSigningKey, type OAuthStateMeta } from '../store/oauth-state.js';
import { OAuthError } from './errors.js';
import { authorizeUrl, exchangeCode } from './oauth.js';
import { TokenRequestError } from './token-endpoint.js';

/**
 * The callback's query: a code with our state, a code alone, or HubSpot's error (e.g. the user declined). Installs
 * HubSpot starts itself (the marketplace listing's install button, the test-install link in the developer account)
 * send the user to the redirect URL with a code and no state of ours: `state` is optional in HubSpot's authorize
 * URL ("Working with OAuth"), and marketplace installs run HubSpot's own flow ("Understand app installation flow",
 * developers.hubspot.com/docs/apps/developer-platform/list-apps/understand-app-install-flow). The code is only
 * good with our client secret, so such a callback can at worst install the app into the portal whose admin
 * approved it.
 */
const CallbackQuerySchema = z.union([
  z.object({ code: z.string().min(1).max(2048), state: z.string().min(1).max(2048).optional() }),
  z.object({ error: z.string().max(200), error_description: z.string().max(2000).optional() }),
]);

export interface InstallFlowDeps {
  redis: RedisClient;
  keys: AppKeys;
  config: Config;
  logger: Logger;
  fetch?: typeof fetch;
  clock?: () => number;
  installations?: InstallationStore;
}

/**
 * The install (OAuth) flow for the web routes: `start` gives the URL to redirect the user to; `complete` checks
 * the callback (state first, then the code exchange), stores the installation with encrypted tokens and returns
 * the portal id. Creating the properties and enqueuing the backfill are the caller's next steps.
 */
export function createInstallFlow(deps: InstallFlowDeps) {
  const { redis, keys, config, logger } = deps;
  const clock = deps.clock ?? Date.now;
  const states = createOAuthStateStore({ redis, keys, signingKey: stateSigningKey(config.TOKEN_ENCRYPTION_KEY!), clock });
  const installations = deps.installations ?? createInstallationStore({ redis, keys, encryptionKey: config.TOKEN_ENCRYPTION_KEY!, clock });

  /** A fresh authorize URL with a new signed, single-use state (valid 10 minutes). Writes nothing. */
  async function start(meta: OAuthStateMeta = {}): Promise<string> {
    return authorizeUrl(config, await states.issue(meta));
  }

  /**
   * Handles GET /oauth/callback's query. A callback without `state` is an install HubSpot started; a `state` that
   * is present must be ours, unexpired and unspent. Throws OAuthError: OAUTH_CALLBACK_INVALID (malformed query
   * or the user declined), OAUTH_STATE_INVALID (forged, expired or reused state), OAUTH_EXCHANGE_FAILED (HubSpot
   * refused the code: status 4xx, or 5xx when it was down).
   */
  async function complete(query: unknown): Promise<{ portalId: number; scopes: string[]; meta: OAuthStateMeta }> {
    const q = CallbackQuerySchema.safeParse(query);
    if (!q.success) throw new OAuthError('OAUTH_CALLBACK_INVALID', 'The install callback is missing its code; start the install again');
    if ('error' in q.data) throw new OAuthError('OAUTH_CALLBACK_INVALID', `HubSpot reported "${q.data.error}": the install was not approved`);
    let meta: OAuthStateMeta = {};
    if (q.data.state !== undefined) {
      const state = await states.consume(q.data.state);
      if (!state.ok) throw new OAuthError('OAUTH_STATE_INVALID', `The install link is invalid (${state.reason}); start the install again`);
      meta = state.meta;
    }
    let tokens;
    try {
      tokens = await exchangeCode({ config, fetch: deps.fetch, now: clock }, q.data.code);
    } catch (err) {
      const status = err instanceof TokenRequestError ? err.status : 502;
      logger.warn({ status, code: (err as { code?: unknown }).code }, 'OAuth code exchange failed');
      throw new OAuthError('OAUTH_EXCHANGE_FAILED', 'HubSpot did not accept the install code; start the install again', status, { cause: err });
    }
    const scopes = tokens.scopes ?? config.HUBSPOT_SCOPES.split(/\s+/).filter(Boolean);
    await installations.save({
      portalId: tokens.hubId,
      hubId: tokens.hubId,
      userId: tokens.userId,
      scopes,
      accessToken: tokens.accessToken,
      refreshToken: tokens.refreshToken,
      expiresAt: tokens.expiresAt,
    });
    logger.info({ portalId: tokens.hubId, scopes, startedBy: q.data.state === undefined ? 'hubspot' : 'app' }, 'app installed');
    return { portalId: tokens.hubId, scopes, meta };
  }

  return { start, complete };
}

export type InstallFlow = ReturnType<typeof createInstallFlow>;
