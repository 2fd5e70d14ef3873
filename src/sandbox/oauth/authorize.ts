import type { SandboxContext } from '../context.js';
import type { RegisteredApp } from './apps.js';

/**
 * The authorize step of the install flow: check the install URL against the app's registration, then, once the
 * user approves for an account, install the app there and send the browser back to `redirect_uri` with a
 * single-use `code` and the caller's `state`.
 */
export type AuthorizeRequest = { app: RegisteredApp; redirectUri: string; scopes: string[]; optionalScopes: string[]; state?: string };

const split = (raw: unknown): string[] => (typeof raw === 'string' ? raw.split(/[\s+]+/).filter(Boolean) : []);

/** Validates `client_id`, `redirect_uri`, `scope`, `optional_scope` and `state` as HubSpot's install page does. */
export function checkAuthorize(ctx: SandboxContext, q: Record<string, unknown>): { ok: true; request: AuthorizeRequest } | { ok: false; message: string } {
  const app = typeof q.client_id === 'string' ? ctx.apps.byClientId(q.client_id) : undefined;
  if (!app) return { ok: false, message: 'Unknown or missing client_id.' };
  const redirectUri = typeof q.redirect_uri === 'string' ? q.redirect_uri : '';
  if (!app.redirectUris.includes(redirectUri)) return { ok: false, message: `redirect_uri ${redirectUri || '(missing)'} is not one of the app's redirect URLs.` };
  const scopes = split(q.scope);
  const optionalScopes = split(q.optional_scope);
  const known = new Set([...app.requiredScopes, ...app.optionalScopes]);
  const unknown = [...scopes, ...optionalScopes].filter((s) => !known.has(s));
  if (unknown.length) return { ok: false, message: `Authorization failed because one or more scopes are invalid: ${unknown.join(', ')}` };
  const missing = app.requiredScopes.filter((s) => !scopes.includes(s));
  if (missing.length) {
    return { ok: false, message: `Authorization failed because there is a mismatch between the scopes in the install URL and the app's configured scopes (missing: ${missing.join(', ')}).` };
  }
  const state = typeof q.state === 'string' ? q.state : undefined;
  return { ok: true, request: { app, redirectUri, scopes, optionalScopes, state } };
}

/** Installs the app in the portal and returns where HubSpot redirects the browser. */
export function approve(ctx: SandboxContext, request: AuthorizeRequest, portalId: number): string {
  const portal = ctx.portals.get(portalId);
  if (!portal) throw new Error(`unknown portal ${portalId}`);
  ctx.apps.install(portalId, request.app.appId);
  const code = ctx.tokens.issueCode({
    appId: request.app.appId, portalId, userId: portal.user.id,
    scopes: [...new Set([...request.scopes, ...request.optionalScopes])], redirectUri: request.redirectUri,
  });
  const url = new URL(request.redirectUri);
  url.searchParams.set('code', code);
  if (request.state !== undefined) url.searchParams.set('state', request.state);
  return url.toString();
}

/** Where a declined install sends the browser. */
export function deny(request: AuthorizeRequest): string {
  const url = new URL(request.redirectUri);
  url.searchParams.set('error', 'access_denied');
  if (request.state !== undefined) url.searchParams.set('state', request.state);
  return url.toString();
}
