import { z } from 'zod';
import type { Config } from '../config.js';
import { HubSpotBadResponseError, HubSpotError, HubSpotUnavailableError } from './errors.js';

/**
 * HubSpot's OAuth token endpoints, called with global fetch: @hubspot/api-client 13.5 wraps only the deprecated
 * v1 endpoint (PLATFORM.md §5). v3 takes every parameter in an `application/x-www-form-urlencoded` body,
 * never in the query string (HubSpot's API reference, "OAuth token endpoint", POST /oauth/v3/token). The path is
 * config (HUBSPOT_OAUTH_TOKEN_PATH) so the dated successor or a stand-in can be used.
 */

export const TokenResponseSchema = z.object({
  access_token: z.string().min(1),
  /** Required by the v3 reference; optional here so a refresh that omits it keeps the stored one. */
  refresh_token: z.string().min(1).optional(),
  expires_in: z.number().int().positive(),
  token_type: z.string().optional(),
  /** Documented as optional in the v3 reference; absent → ask the introspection endpoint. */
  hub_id: z.number().int().positive().optional(),
  user_id: z.number().int().positive().optional(),
  scopes: z.array(z.string()).optional(),
});

export const IntrospectionSchema = z.object({
  active: z.boolean(),
  hub_id: z.number().int().positive().optional(),
  user_id: z.number().int().positive().optional(),
  scopes: z.array(z.string()).optional(),
});

export type OAuthFetchDeps = { config: Config; fetch?: typeof fetch };

/** The token endpoint refused a request. `invalidGrant` means the refresh token (or code) is dead for good. */
export class TokenRequestError extends HubSpotError {
  constructor(
    readonly status: number,
    readonly invalidGrant: boolean,
    category: string | undefined,
    correlationId: string | undefined,
  ) {
    super(
      'OAUTH_TOKEN_REQUEST_FAILED',
      `HubSpot's token endpoint answered ${status}${category ? ` (${category})` : ''}${invalidGrant ? ': the grant is invalid or revoked' : ''}`,
      status >= 500 || status === 429 ? 'retry' : 'give-up',
      { status, correlationId },
    );
  }
}

/**
 * Unverified: v1 answers a dead refresh token with 400 `{"status":"BAD_REFRESH_TOKEN"}`; v3's error body is not
 * documented beyond `category`/`message`. Standard OAuth says `{"error":"invalid_grant"}`. Accept any of them.
 */
const INVALID_GRANT = /invalid_grant|BAD_REFRESH_TOKEN|BAD_AUTH_CODE|invalid refresh token|refresh token is invalid/i;

const clientCredentials = (config: Config) => ({
  // Sandbox mode has no credentials; the local stand-in accepts these placeholders.
  client_id: config.HUBSPOT_CLIENT_ID ?? 'sandbox-client-id',
  client_secret: config.HUBSPOT_CLIENT_SECRET ?? 'sandbox-client-secret',
});

/** POSTs a form to one of the OAuth endpoints and returns the parsed JSON of a 2xx answer. */
export async function postOAuthForm(deps: OAuthFetchDeps, path: string, form: Record<string, string>): Promise<unknown> {
  const { config } = deps;
  const url = `${config.HUBSPOT_API_BASE_URL.replace(/\/+$/, '')}${path}`;
  let res: Response;
  try {
    res = await (deps.fetch ?? fetch)(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({ ...clientCredentials(config), ...form }).toString(),
      signal: AbortSignal.timeout(config.HUBSPOT_REQUEST_TIMEOUT_MS),
    });
  } catch (err) {
    // The cause is a socket/timeout error; it never holds the request body.
    throw new HubSpotUnavailableError(`HubSpot's OAuth endpoint ${path} is unreachable`, { operation: path }, { cause: err });
  }
  const text = await res.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (!res.ok) {
    const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    const invalidGrant = res.status === 401 || (res.status === 400 && INVALID_GRANT.test(text));
    throw new TokenRequestError(
      res.status,
      invalidGrant,
      typeof b.category === 'string' ? b.category : typeof b.status === 'string' ? b.status : undefined,
      typeof b.correlationId === 'string' ? b.correlationId : undefined,
    );
  }
  if (body === undefined) throw new HubSpotBadResponseError(`HubSpot's OAuth endpoint ${path} answered ${res.status} without JSON`);
  return body;
}

/** Calls the token endpoint with one grant and validates the answer. */
export async function requestToken(
  deps: OAuthFetchDeps,
  grant: { grant_type: 'authorization_code'; code: string; redirect_uri: string } | { grant_type: 'refresh_token'; refresh_token: string },
): Promise<z.infer<typeof TokenResponseSchema>> {
  const body = await postOAuthForm(deps, deps.config.HUBSPOT_OAUTH_TOKEN_PATH, grant);
  const parsed = TokenResponseSchema.safeParse(body);
  if (!parsed.success) {
    // Name the fields only: the body holds tokens.
    const fields = parsed.error.issues.map((i) => i.path.join('.')).join(', ');
    throw new HubSpotBadResponseError(`HubSpot's token response is missing or has bad fields: ${fields}`);
  }
  return parsed.data;
}
