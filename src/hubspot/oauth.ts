import type { Config } from '../config.js';
import { HubSpotBadResponseError } from './errors.js';
import { IntrospectionSchema, postOAuthForm, requestToken, type OAuthFetchDeps } from './token-endpoint.js';

/** Tokens from an exchange or a refresh, with the absolute expiry the app stores. */
export interface TokenSet {
  accessToken: string;
  refreshToken: string;
  /** Epoch ms. HubSpot's access tokens live 30 minutes; `expires_in` is honoured, not assumed. */
  expiresAt: number;
  hubId?: number;
  userId?: number;
  scopes?: string[];
}

const splitScopes = (s: string) => s.split(/\s+/).filter(Boolean);

/**
 * The HubSpot page where a user approves the install (PLATFORM.md §5). Scopes are space-separated and encoded
 * as %20 (not `+`), as in HubSpot's own examples.
 */
export function authorizeUrl(config: Config, state: string): string {
  const params: [string, string][] = [
    ['client_id', config.HUBSPOT_CLIENT_ID ?? 'sandbox-client-id'],
    ['redirect_uri', config.urls.oauthCallback],
    ['scope', splitScopes(config.HUBSPOT_SCOPES).join(' ')],
  ];
  const optional = splitScopes(config.HUBSPOT_OPTIONAL_SCOPES);
  if (optional.length) params.push(['optional_scope', optional.join(' ')]);
  params.push(['state', state]);
  const query = params.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
  return `${config.HUBSPOT_APP_BASE_URL.replace(/\/+$/, '')}/oauth/authorize?${query}`;
}

type Deps = OAuthFetchDeps & { now?: () => number };

function toTokenSet(r: Awaited<ReturnType<typeof requestToken>>, now: number, previousRefreshToken?: string): TokenSet {
  const refreshToken = r.refresh_token ?? previousRefreshToken;
  if (!refreshToken) throw new HubSpotBadResponseError("HubSpot's token response has no refresh_token");
  return {
    accessToken: r.access_token,
    refreshToken,
    expiresAt: now + r.expires_in * 1000,
    hubId: r.hub_id,
    userId: r.user_id,
    scopes: r.scopes,
  };
}

/**
 * Exchanges the callback's `code` for tokens and learns the portal (hub) id, from the token response or, when
 * it is absent there, from the introspection endpoint. Throws `TokenRequestError` when HubSpot refuses.
 */
export async function exchangeCode(deps: Deps, code: string): Promise<TokenSet & { hubId: number }> {
  const now = (deps.now ?? Date.now)();
  const r = await requestToken(deps, { grant_type: 'authorization_code', code, redirect_uri: deps.config.urls.oauthCallback });
  const tokens = toTokenSet(r, now);
  if (tokens.hubId !== undefined) return { ...tokens, hubId: tokens.hubId };
  const info = IntrospectionSchema.safeParse(
    await postOAuthForm(deps, deps.config.HUBSPOT_OAUTH_INTROSPECT_PATH, { token: tokens.accessToken, token_type_hint: 'access_token' }),
  );
  if (!info.success || !info.data.active || info.data.hub_id === undefined) {
    throw new HubSpotBadResponseError('HubSpot did not say which portal the new token belongs to (no hub_id)');
  }
  return { ...tokens, hubId: info.data.hub_id, userId: tokens.userId ?? info.data.user_id, scopes: tokens.scopes ?? info.data.scopes };
}

/** Gets a new access token (and the refresh token to keep from now on). */
export async function refreshTokens(deps: Deps, refreshToken: string): Promise<TokenSet> {
  const now = (deps.now ?? Date.now)();
  return toTokenSet(await requestToken(deps, { grant_type: 'refresh_token', refresh_token: refreshToken }), now, refreshToken);
}
