import { AppError } from '../errors.js';

/**
 * Coded errors of the HubSpot adapter. Each carries a `disposition`, the one thing the worker needs to decide
 * what happens to the job (ARCHITECTURE.md "Error model"):
 * - `retry`: transient (5xx, network, timeout): let BullMQ back off and try again;
 * - `rate-limited`: the portal is paused: delay the job until `retryAt`, it is not a failure;
 * - `give-up`: the request itself is wrong (4xx) or the answer unusable: retrying cannot help;
 * - `uninstalled`: the portal is gone: drop its jobs, call nothing.
 */
export type Disposition = 'retry' | 'rate-limited' | 'give-up' | 'uninstalled';

/** Base class of every error this adapter throws on purpose. */
export class HubSpotError extends AppError {
  constructor(
    code: string,
    message: string,
    readonly disposition: Disposition,
    readonly details: { portalId?: number; operation?: string; status?: number; correlationId?: string } = {},
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
  }
}

/** HubSpot answered 429 (or the portal is paused after one): nothing may be sent for it before `retryAt`. */
export class RateLimitedError extends HubSpotError {
  constructor(readonly retryAt: number, details: HubSpotError['details'] = {}, options?: { cause?: unknown }) {
    super('HUBSPOT_RATE_LIMITED', `Portal ${details.portalId ?? '?'} is rate limited until ${new Date(retryAt).toISOString()}`, 'rate-limited', details, options);
  }
}

/** The portal has no usable installation: never installed, uninstalled, or its refresh token was revoked. */
export class PortalUninstalledError extends HubSpotError {
  constructor(
    readonly portalId: number,
    readonly reason: 'not-installed' | 'uninstalled' | 'invalid-grant',
    options?: { cause?: unknown },
  ) {
    const why = { 'not-installed': 'the app is not installed there', uninstalled: 'the app was uninstalled', 'invalid-grant': 'HubSpot rejected its refresh token (app uninstalled or access revoked)' }[reason];
    super('PORTAL_UNINSTALLED', `Portal ${portalId}: ${why}; its work is dropped until the app is installed again`, 'uninstalled', { portalId }, options);
  }
}

/** A transient failure: HubSpot 5xx, a network error or a timeout. */
export class HubSpotUnavailableError extends HubSpotError {
  constructor(message: string, details: HubSpotError['details'] = {}, options?: { cause?: unknown }) {
    super('HUBSPOT_UNAVAILABLE', message, 'retry', details, options);
  }
}

/** HubSpot refused the request (4xx other than 401/429, or 401 again after a fresh token). Not retried. */
export class HubSpotRejectedError extends HubSpotError {
  constructor(message: string, details: HubSpotError['details'] & { category?: string } = {}, options?: { cause?: unknown }) {
    super('HUBSPOT_REJECTED', message, 'give-up', details, options);
  }
}

/** HubSpot answered 2xx with a body we cannot use (schema drift or a stand-in's bug). Not retried. */
export class HubSpotBadResponseError extends HubSpotError {
  constructor(message: string, details: HubSpotError['details'] = {}, options?: { cause?: unknown }) {
    super('HUBSPOT_BAD_RESPONSE', message, 'give-up', details, options);
  }
}

/** The OAuth callback failed: bad state, or HubSpot would not exchange the code. The user should start again. */
export class OAuthError extends HubSpotError {
  constructor(
    code: 'OAUTH_STATE_INVALID' | 'OAUTH_EXCHANGE_FAILED' | 'OAUTH_CALLBACK_INVALID',
    message: string,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(code, message, status !== undefined && status >= 500 ? 'retry' : 'give-up', { status }, options);
  }
}

/**
 * What the worker should do with any error (coded or not). Unknown errors count as transient: BullMQ's bounded
 * attempts cap the cost, while giving up on an unknown cause could lose an event.
 */
export function dispositionOf(err: unknown): Disposition {
  return err instanceof HubSpotError ? err.disposition : 'retry';
}

/**
 * A property the app was about to create or write already exists and is not the app's own (another group, another
 * type, or HubSpot-defined): the app never adopts it. Not retried: someone must choose another prefix.
 */
export class ForeignPropertyError extends HubSpotError {
  constructor(readonly property: string, reason: string, details: HubSpotError['details'] = {}) {
    super('HUBSPOT_FOREIGN_PROPERTY', `The contact property "${property}" already exists and the app did not create it (${reason}): the app writes only properties it creates; choose another prefix`, 'give-up', details);
  }
}
