import { signV3, SIGNATURE_V3_HEADER, TIMESTAMP_HEADER } from '../hubspot/signature.js';

/** What the page's `hubspot.fetch` asks the preview server to send. */
export type ProxiedRequest = { url: string; method: 'GET' | 'POST' | 'PUT'; body?: unknown };

export type SigningProxyOptions = {
  /** The secret HubSpot signs with (the sandbox app's, in sandbox mode). */
  secret: string;
  /** PUBLIC_BASE_URL: the only origin the extension may call (HubSpot's `permittedUrls.fetch`). */
  publicBaseUrl: string;
  /** Where this app actually listens (the signed URL stays the public one). */
  localOrigin: string;
  portalId: number;
  userId: number;
  appId: number;
  now: () => number;
};

/**
 * Does what HubSpot's proxy does for `hubspot.fetch` (PLATFORM.md §2, §3): refuses origins outside the permitted
 * one, appends `appId`, `portalId`, `userId` and `userEmail` to the query, serialises the body as JSON, signs
 * method + URL + body + timestamp (v3) with the client secret, and relays the answer's status and JSON.
 */
export async function forwardSigned(opts: SigningProxyOptions, req: ProxiedRequest): Promise<{ status: number; body: unknown }> {
  const base = opts.publicBaseUrl.replace(/\/+$/, '');
  const basePath = new URL(base).pathname.replace(/\/+$/, '');
  const target = new URL(req.url);
  if (target.origin !== new URL(base).origin || !target.pathname.startsWith(`${basePath}/`)) {
    return { status: 403, body: { error: { code: 'UNAUTHORIZED', message: `${req.url} is not under permittedUrls.fetch (${base})` } } };
  }
  target.searchParams.set('appId', String(opts.appId));
  target.searchParams.set('portalId', String(opts.portalId));
  target.searchParams.set('userId', String(opts.userId));
  target.searchParams.set('userEmail', 'preview@example.com');
  // The app sees the path below PUBLIC_BASE_URL (a proxy strips any prefix) and rebuilds the signed URL from it.
  const path = `${target.pathname.slice(basePath.length)}${target.search}`;
  const body = req.method === 'GET' || req.body === undefined ? '' : JSON.stringify(req.body);
  const timestamp = opts.now();
  const signature = signV3({ secret: opts.secret, method: req.method, url: `${base}${path}`, body, timestamp });
  const res = await fetch(`${opts.localOrigin}${path}`, {
    method: req.method,
    headers: { 'content-type': 'application/json', [SIGNATURE_V3_HEADER]: signature, [TIMESTAMP_HEADER]: String(timestamp) },
    ...(body ? { body } : {}),
  });
  return { status: res.status, body: await res.json().catch(() => null) };
}
