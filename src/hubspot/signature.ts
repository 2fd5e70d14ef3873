import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * HubSpot request signatures (webhooks, `hubspot.fetch`, workflow actions). Pure: the clock, the secret and the
 * raw request come in as arguments, so every branch is testable without a server.
 *
 * v3 (HubSpot, "Validating requests": developers.hubspot.com/docs/apps/developer-platform/build-apps/authentication/request-validation):
 * base64(HMAC-SHA256(clientSecret, method + uri + body + timestamp)), headers `X-HubSpot-Signature-v3` and
 * `X-HubSpot-Request-Timestamp` (ms since epoch); reject timestamps older than 5 minutes.
 */

export const SIGNATURE_V3_HEADER = 'x-hubspot-signature-v3';
export const TIMESTAMP_HEADER = 'x-hubspot-request-timestamp';
export const SIGNATURE_V2_HEADER = 'x-hubspot-signature';
export const SIGNATURE_VERSION_HEADER = 'x-hubspot-signature-version';
/** HubSpot's documented window (and the official SDK's MAX_ALLOWED_TIMESTAMP). */
export const DEFAULT_MAX_AGE_MS = 300_000;

/**
 * The percent-encoded characters HubSpot's v3 instructions say to decode in the URI before signing.
 * UNVERIFIED: HubSpot's page could not be read in full here; this table (: / ? @ ! $ ' ( ) * , ;) is the one
 * third-party verifiers reproduce from it (e.g. chiragchadha1/hubspot-oauth-generator, hubspot-signature.js).
 * Everything else (%20, %26, %3D, non-ASCII…) is left encoded. Matching is case-insensitive (%3a == %3A).
 */
const DECODED_IN_URI: Record<string, string> = {
  '3A': ':', '2F': '/', '3F': '?', '40': '@', '21': '!', '24': '$',
  '27': "'", '28': '(', '29': ')', '2A': '*', '2C': ',', '3B': ';',
};

/** The URI as HubSpot signs it: the table's characters decoded, everything else untouched. */
export function normalizeSignedUri(uri: string): string {
  return uri.replace(/%([0-9A-Fa-f]{2})/g, (match, hex: string) => DECODED_IN_URI[hex.toUpperCase()] ?? match);
}

export type Body = string | Uint8Array;

/** Computes the v3 signature of a request. `timestamp` is hashed exactly as sent in the header. */
export function signV3(input: { secret: string; method: string; url: string; body: Body; timestamp: number | string }): string {
  return createHmac('sha256', input.secret)
    .update(`${input.method.toUpperCase()}${normalizeSignedUri(input.url)}`, 'utf8')
    // Raw bytes go in as they arrived: re-encoding a decoded body could change it (BOM, invalid UTF-8).
    .update(typeof input.body === 'string' ? Buffer.from(input.body, 'utf8') : input.body)
    .update(String(input.timestamp), 'utf8')
    .digest('base64');
}

export type Headers = Record<string, string | string[] | undefined>;
export type VerifyResult = { ok: true } | { ok: false; reason: 'missing' | 'stale' | 'mismatch' };

/** Reads one header case-insensitively; a repeated header counts as absent (it is never legitimately repeated). */
export function headerValue(headers: Headers, name: string): string | undefined {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  const value = key === undefined ? undefined : headers[key];
  if (Array.isArray(value)) return value.length === 1 ? value[0] : undefined;
  return value === '' ? undefined : value;
}

/**
 * Verifies a v3-signed request: `url` is the full public URL HubSpot called (see {@link publicRequestUrl}),
 * `body` the raw body ('' when none). `missing`: a header is absent or malformed (non-numeric timestamp);
 * `stale`: the timestamp is further than `maxAgeMs` from `now` in either direction (a future timestamp is as
 * replayable as an old one); `mismatch`: the signature is wrong. Compared in constant time.
 */
export function verifyV3(input: {
  secret: string; method: string; url: string; body: Body; headers: Headers; now: number; maxAgeMs?: number;
}): VerifyResult {
  const signature = headerValue(input.headers, SIGNATURE_V3_HEADER);
  const timestamp = headerValue(input.headers, TIMESTAMP_HEADER);
  if (!signature || !timestamp || !/^\d{1,16}$/.test(timestamp)) return { ok: false, reason: 'missing' };
  if (Math.abs(input.now - Number(timestamp)) > (input.maxAgeMs ?? DEFAULT_MAX_AGE_MS)) return { ok: false, reason: 'stale' };
  const expected = signV3({ secret: input.secret, method: input.method, url: input.url, body: input.body, timestamp });
  return constantTimeEqual(expected, signature) ? { ok: true } : { ok: false, reason: 'mismatch' };
}

/**
 * True when the request carries any v3 header (signature or timestamp), even empty or malformed. A caller that
 * accepts v2 must then insist on v3: HubSpot sends v3 beside the older versions ("Introducing version 3 of Webhook
 * signatures", developers.hubspot.com/changelog/introducing-version-3-of-webhook-signatures), so a request whose v3
 * part fails or was partly stripped is a tampered one, and v2 alone would let it be replayed forever.
 */
export function hasV3Headers(headers: Headers): boolean {
  return Object.keys(headers).some((k) => k.toLowerCase() === SIGNATURE_V3_HEADER || k.toLowerCase() === TIMESTAMP_HEADER);
}

/**
 * v2: hex(SHA-256(clientSecret + method + uri + body)), header `X-HubSpot-Signature` with
 * `X-HubSpot-Signature-Version: v2`. HubSpot's custom workflow action guide says action requests carry v2
 * (developers.hubspot.com/docs/api-reference/automation-actions-v4-v4/custom-action-guide); v2 has no timestamp,
 * so prefer v3 whenever its headers are present.
 */
export function signV2(input: { secret: string; method: string; url: string; body: Body }): string {
  return createHash('sha256')
    .update(`${input.secret}${input.method.toUpperCase()}${input.url}`, 'utf8')
    .update(typeof input.body === 'string' ? Buffer.from(input.body, 'utf8') : input.body)
    .digest('hex');
}

/** Verifies a v2-signed request (no freshness check is possible: v2 carries no timestamp). */
export function verifyV2(input: { secret: string; method: string; url: string; body: Body; headers: Headers }): VerifyResult {
  const signature = headerValue(input.headers, SIGNATURE_V2_HEADER);
  const version = headerValue(input.headers, SIGNATURE_VERSION_HEADER);
  if (!signature || version?.toLowerCase() !== 'v2') return { ok: false, reason: 'missing' };
  const expected = signV2(input);
  return constantTimeEqual(expected, signature.toLowerCase()) ? { ok: true } : { ok: false, reason: 'mismatch' };
}

/** timingSafeEqual needs equal lengths; a length difference is not secret (the signature's length is fixed). */
function constantTimeEqual(expected: string, actual: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(actual, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The URL HubSpot signed, rebuilt from the configured public base URL and express's `req.originalUrl`
 * (path + query as received). Behind a proxy the Host header and scheme seen by the app are not the public
 * ones, so the base comes from config (PUBLIC_BASE_URL), never from the request. A path prefix in the base is
 * kept: set it to the prefix your proxy strips.
 */
export function publicRequestUrl(baseUrl: string, originalUrl: string): string {
  const base = baseUrl.replace(/\/+$/, '');
  if (originalUrl === '' || originalUrl === '/') return `${base}/`;
  return originalUrl.startsWith('/') ? `${base}${originalUrl}` : `${base}/${originalUrl}`;
}
