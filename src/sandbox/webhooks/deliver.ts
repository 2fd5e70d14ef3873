import { createHash } from 'node:crypto';
import { signV3 } from '../../hubspot/signature.js';
import type { WebhookEvent } from './events.js';

/**
 * One POST of a webhook batch, signed the way HubSpot signs it: v3 (HMAC-SHA256 of method + URL + body +
 * timestamp, keyed with the app's client secret; `X-HubSpot-Signature-v3` and `X-HubSpot-Request-Timestamp`)
 * and the legacy v1 header pair beside it (hex SHA-256 of secret + body). The timestamp is wall-clock time:
 * it stands for HubSpot's sending time, which the app checks against its own clock.
 */
export type AttemptResult = { ok: boolean; status?: number; error?: string; durationMs: number };

export async function postBatch(input: { url: string; secret: string; events: WebhookEvent[]; timeoutMs: number }): Promise<AttemptResult> {
  const body = JSON.stringify(input.events);
  const timestamp = Date.now();
  const headers = {
    'content-type': 'application/json',
    'user-agent': 'HubSpot Connect 2.0 (sandbox)',
    'x-hubspot-signature-v3': signV3({ secret: input.secret, method: 'POST', url: input.url, body, timestamp }),
    'x-hubspot-request-timestamp': String(timestamp),
    'x-hubspot-signature': createHash('sha256').update(input.secret + body, 'utf8').digest('hex'),
    'x-hubspot-signature-version': 'v1',
  };
  const started = performance.now();
  try {
    const res = await fetch(input.url, { method: 'POST', headers, body, signal: AbortSignal.timeout(input.timeoutMs) });
    await res.arrayBuffer();
    return { ok: res.status >= 200 && res.status < 300, status: res.status, durationMs: performance.now() - started };
  } catch (err) {
    const e = err as Error;
    const error = e.name === 'TimeoutError' ? `timeout after ${input.timeoutMs} ms` : e.message;
    return { ok: false, error, durationMs: performance.now() - started };
  }
}
