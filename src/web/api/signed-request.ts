import express, { type RequestHandler } from 'express';
import type { Config } from '../../config.js';
import { AppError } from '../../errors.js';
import { publicRequestUrl, verifyV3, type VerifyResult } from '../../hubspot/signature.js';
import { HttpError } from '../http-error.js';

/** What a verified request may act on: only what the signed URL names. */
export type SignedCaller = { portalId: number; userId: number | null };

export interface SignedRequestOptions {
  /** The app's client secret: HubSpot signs hubspot.fetch requests with it. */
  secret: string;
  /** PUBLIC_BASE_URL: the signed URL is rebuilt from it and `originalUrl`, never from Host/forwarded headers. */
  publicBaseUrl: string;
  /**
   * A second base whose signatures are accepted: the local URL that `hs project dev`'s proxy signs (it maps the
   * public origin to the local.json target and signs that URL: @hubspot/ui-extensions-dev-server
   * dist/lib/proxy/AppProxyService.js + signing.js). Never set in production (see {@link signedRequestOptions}).
   */
  localBaseUrl?: string | undefined;
  maxAgeMs: number;
  now: () => number;
}

/** The guard's options from the configuration: the local development base only outside production. */
export function signedRequestOptions(
  config: Pick<Config, 'NODE_ENV' | 'PUBLIC_BASE_URL' | 'LOCAL_DEV_BASE_URL' | 'SIGNATURE_MAX_AGE_MS'>,
  secret: string,
  now: () => number,
): SignedRequestOptions {
  const local = config.NODE_ENV === 'production' ? undefined : config.LOCAL_DEV_BASE_URL;
  return { secret, publicBaseUrl: config.PUBLIC_BASE_URL, localBaseUrl: local, maxAgeMs: config.SIGNATURE_MAX_AGE_MS, now };
}

/** hubspot.fetch bodies are at most 1 MB (HubSpot's hubspot.fetch reference). */
const BODY_LIMIT = '1mb';

/**
 * The guard of every `/api/*` route (createApp's `apiMiddleware`), in a fixed order: read the raw body (≤ 1 MB)
 * → verify the v3 signature over method + URL + raw bytes + timestamp, the URL being the public one (or, in
 * development, the local one `hs project dev` signs) (401 when missing, stale or wrong) → take the portal and user
 * from the SIGNED query (`portalId`, `userId`: the UI sends them, HubSpot may append the same names again; every
 * occurrence must agree, the portal must be present: else 401) → parse the JSON body (400). It sets
 * `res.locals.portalId` and `res.locals.caller`, and `req.body` to the parsed JSON; nothing else in the request is
 * trusted for authorisation. Mount before any body parser.
 */
export function signedApiAuth(opts: SignedRequestOptions): RequestHandler[] {
  return [express.raw({ type: () => true, limit: BODY_LIMIT }), verify(opts)];
}

function verify(opts: SignedRequestOptions): RequestHandler {
  const bases = [opts.publicBaseUrl, ...(opts.localBaseUrl ? [opts.localBaseUrl] : [])];
  return (req, res, next) => {
    if (req.body !== undefined && !Buffer.isBuffer(req.body)) {
      return next(new AppError('RAW_BODY_MISSING', 'The /api guard received a parsed body: mount signedApiAuth before any body parser.'));
    }
    const raw: Buffer = req.body ?? Buffer.alloc(0);
    let verdict: VerifyResult = { ok: false, reason: 'missing' };
    let url = '';
    for (const base of bases) {
      url = publicRequestUrl(base, req.originalUrl);
      verdict = verifyV3({ secret: opts.secret, method: req.method, url, body: raw, headers: req.headers, now: opts.now(), maxAgeMs: opts.maxAgeMs });
      if (verdict.ok || verdict.reason !== 'mismatch') break;
    }
    if (!verdict.ok) return next(new HttpError(401, 'UNAUTHORIZED', `The request signature is ${verdict.reason === 'missing' ? 'missing' : verdict.reason === 'stale' ? 'too old' : 'not valid'}`));
    const caller = callerOf(new URL(url).searchParams);
    if (typeof caller === 'string') return next(new HttpError(401, 'UNAUTHORIZED', caller));
    res.locals.caller = caller;
    res.locals.portalId = caller.portalId;
    try {
      req.body = raw.length ? JSON.parse(raw.toString('utf8')) : {};
    } catch {
      return next(new HttpError(400, 'BAD_REQUEST', 'Request body is not valid JSON'));
    }
    next();
  };
}

/**
 * The caller named by the signed query, or why it names none. A parameter may occur more than once (the UI sends
 * it and HubSpot may append it too): accepted only when every occurrence is the same, so no parser downstream can
 * pick a different value than the one checked here.
 */
export function callerOf(query: URLSearchParams): SignedCaller | string {
  const portal = single(query.getAll('portalId'));
  if (portal === null || !/^[1-9]\d{0,14}$/.test(portal)) {
    return query.getAll('portalId').length > 1 ? 'The signed request names different portals' : 'The signed request names no single numeric portalId';
  }
  const users = query.getAll('userId');
  const user = single(users);
  if (users.length && (user === null || !/^\d{1,15}$/.test(user))) return 'The signed request names different or non-numeric users';
  return { portalId: Number(portal), userId: user === null ? null : Number(user) };
}

/** The one value every occurrence agrees on, or null (none, or a disagreement). */
function single(values: string[]): string | null {
  return values.length > 0 && values.every((v) => v === values[0]) ? values[0]! : null;
}
