import { HubSpotError, RateLimitedError } from './errors.js';

/**
 * Turns any failure of a HubSpot call (an `ApiException` from @hubspot/api-client 13.5, which carries the
 * numeric HTTP `code`, the parsed `body` and the lower-cased response `headers`; a node-fetch `FetchError`; a
 * global-fetch `TypeError('fetch failed')`; a timeout) into the one decision the caller acts on.
 */
export type Classification = {
  status?: number;
  /** HubSpot's `category` and `correlationId` from an error body, for logs and support tickets. */
  category?: string;
  correlationId?: string;
  reason: string;
} & (
  | { kind: 'retry' }
  | { kind: 'rate-limited'; retryAfterMs: number }
  | { kind: 'refresh-token' }
  | { kind: 'give-up' }
  | { kind: 'uninstalled' }
);

/** HubSpot's rolling window; the pause after a 429 when the response names no better one (PLATFORM.md §7). */
export const DEFAULT_PAUSE_MS = 10_000;
/** Search is limited per second and sends no rate-limit headers (PLATFORM.md §6). */
export const DEFAULT_SEARCH_PAUSE_MS = 1_000;

const NETWORK_CODES = new Set([
  'ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH',
  'EHOSTUNREACH', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT',
]);

type HttpParts = { status: number; headers: Record<string, string>; body: unknown };

/** An ApiException (`code`) or our own fetch wrappers (`status`): anything with an HTTP status and headers. */
function httpParts(err: unknown): HttpParts | null {
  if (typeof err !== 'object' || err === null) return null;
  const e = err as { code?: unknown; status?: unknown; headers?: unknown; body?: unknown };
  const status = typeof e.code === 'number' ? e.code : typeof e.status === 'number' ? e.status : undefined;
  if (status === undefined || status < 100 || status > 599) return null;
  const headers: Record<string, string> = {};
  if (e.headers && typeof e.headers === 'object') {
    for (const [k, v] of Object.entries(e.headers as Record<string, unknown>)) headers[k.toLowerCase()] = String(v);
  }
  return { status, headers, body: e.body };
}

/** Milliseconds to wait after a 429: Retry-After (seconds or HTTP date), else HubSpot's interval header. */
export function retryAfterMs(headers: Record<string, string>, now: number, fallbackMs: number): number {
  const ra = headers['retry-after']?.trim();
  if (ra && /^\d+(\.\d+)?$/.test(ra)) return Math.ceil(Number(ra) * 1000);
  if (ra && !Number.isNaN(Date.parse(ra))) return Math.max(0, Date.parse(ra) - now);
  const interval = Number(headers['x-hubspot-ratelimit-interval-milliseconds']);
  return Number.isFinite(interval) && interval > 0 ? interval : fallbackMs;
}

function bodyInfo(body: unknown): { category?: string; correlationId?: string } {
  if (typeof body !== 'object' || body === null) return {};
  const b = body as Record<string, unknown>;
  return {
    category: typeof b.category === 'string' ? b.category : typeof b.errorType === 'string' ? b.errorType : undefined,
    correlationId: typeof b.correlationId === 'string' ? b.correlationId : undefined,
  };
}

function isNetworkError(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && NETWORK_CODES.has(code)) return true;
  if (err.name === 'FetchError' && (err as { type?: unknown }).type === 'system') return true;
  if (err.name === 'AbortError' || err.name === 'TimeoutError') return true;
  // Global fetch wraps the socket error: TypeError('fetch failed', { cause }).
  return err instanceof TypeError && err.message === 'fetch failed';
}

/** Classifies a failed HubSpot call. `search` selects the per-second default pause. */
export function classifyFailure(
  err: unknown,
  ctx: { now: number; search?: boolean; response?: { status: number; headers: Record<string, string> } },
): Classification {
  if (err instanceof RateLimitedError) {
    return { kind: 'rate-limited', reason: err.code, retryAfterMs: Math.max(0, err.retryAt - ctx.now) };
  }
  if (err instanceof HubSpotError) {
    const kind = err.disposition === 'rate-limited' ? 'retry' : err.disposition;
    return { kind, reason: err.code, status: err.details.status };
  }
  // An SDK error without a status (unparseable body): fall back on the status the client saw.
  const http = httpParts(err) ?? (ctx.response && ctx.response.status >= 300 ? httpParts({ ...ctx.response, body: undefined }) : null);
  if (http) {
    const info = { status: http.status, ...bodyInfo(http.body) };
    if (http.status === 401) return { kind: 'refresh-token', reason: 'unauthorized', ...info };
    if (http.status === 429) {
      const fallback = ctx.search ? DEFAULT_SEARCH_PAUSE_MS : DEFAULT_PAUSE_MS;
      return { kind: 'rate-limited', reason: 'too many requests', retryAfterMs: retryAfterMs(http.headers, ctx.now, fallback), ...info };
    }
    if (http.status >= 500 || http.status === 408) return { kind: 'retry', reason: `HTTP ${http.status}`, ...info };
    if (http.status >= 400) return { kind: 'give-up', reason: `HTTP ${http.status}`, ...info };
    return { kind: 'give-up', reason: `unexpected HTTP ${http.status}`, ...info };
  }
  if (isNetworkError(err)) return { kind: 'retry', reason: `network: ${(err as Error).message}` };
  return { kind: 'retry', reason: `unknown: ${err instanceof Error ? err.message : String(err)}` };
}
