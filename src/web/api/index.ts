/**
 * The signed API behind the contact card and the settings page (routes: src/contract/endpoints.ts). createApp
 * mounts `signedApiAuth(...)` on `/api` (before any body parser: the signature covers the raw body), then
 * `modelRoutes(ctx)`. The secret is HUBSPOT_CLIENT_SECRET (the sandbox app's secret in sandbox mode).
 */
export type { ApiContext } from './api-context.js';
export { modelRoutes, type ModelRouteDeps } from './model-routes.js';
export { signedApiAuth, signedRequestOptions, type SignedCaller, type SignedRequestOptions } from './signed-request.js';
