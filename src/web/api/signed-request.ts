import express, { type RequestHandler } from 'express';
import { AppError } from '../../errors.js';
import { publicRequestUrl, verifyV3 } from '../../hubspot/signature.js';
import { HttpError } from '../http-error.js';

/** What a verified request may act on: only what HubSpot signed. */
export type SignedCaller = { portalId: number; userId: number | null };

export interface SignedRequestOptions {
  /** The app's client secret: HubSpot signs hubspot.fetch requests with it (PLATFORM.md §3). */
  secret: string;
  /** PUBLIC_BASE_URL: the signed URL is rebuilt from it and `originalUrl`, never from Host/forwarded headers. */
  publicBaseUrl: string;
  maxAgeMs: number;
  now: () => number;
}

/** hubspot.fetch bodies are at most 1 MB (PLATFORM.md §2). */
const BODY_LIMIT = '1mb';

/**
 * The guard of every `/api/*` route (createApp's `apiMiddleware`), in a fixed order: read the raw body (≤ 1 MB)
 * → verify the v3 signature over method + public URL + raw bytes + timestamp (401 when missing, stale or wrong)
 * → take the portal from the SIGNED query (`portalId`, appended by HubSpot; exactly one, numeric, else 401)
 * → parse the JSON body (400). It sets `res.locals.portalId` and `res.locals.caller`, and `req.body` to the
 * parsed JSON; nothing else in the request is trusted for authorisation. Mount before any body parser.
 */
export function signedApiAuth(opts: SignedRequestOptions): RequestHandler[] {
  return [express.raw({ type: () => true, limit: BODY_LIMIT }), verify(opts)];
}

function verify(opts: SignedRequestOptions): RequestHandler {
  return (req, res, next) => {
    if (req.body !== undefined && !Buffer.isBuffer(req.body)) {
      return next(new AppError('RAW_BODY_MISSING', 'The /api guard received a parsed body: mount signedApiAuth before any body parser.'));
    }
    const raw: Buffer = req.body ?? Buffer.alloc(0);
    const url = publicRequestUrl(opts.publicBaseUrl, req.originalUrl);
    const verdict = verifyV3({ secret: opts.secret, method: req.method, url, body: raw, headers: req.headers, now: opts.now(), maxAgeMs: opts.maxAgeMs });
    if (!verdict.ok) return next(new HttpError(401, 'UNAUTHORIZED', `The request signature is ${verdict.reason === 'missing' ? 'missing' : verdict.reason === 'stale' ? 'too old' : 'not valid'}`));
    const caller = callerOf(new URL(url).searchParams);
    if (!caller) return next(new HttpError(401, 'UNAUTHORIZED', 'The signed request names no single numeric portalId'));
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

/** A repeated parameter is refused: two `portalId`s would let a parser pick a different one than we checked. */
function callerOf(query: URLSearchParams): SignedCaller | null {
  const portals = query.getAll('portalId');
  if (portals.length !== 1 || !/^[1-9]\d{0,14}$/.test(portals[0]!)) return null;
  const users = query.getAll('userId');
  const userId = users.length === 1 && /^\d{1,15}$/.test(users[0]!) ? Number(users[0]) : null;
  return { portalId: Number(portals[0]), userId };
}
