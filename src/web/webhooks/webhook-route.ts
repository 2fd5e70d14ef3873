import express, { type Router } from 'express';
import { publicRequestUrl, verifyV3 } from '../../hubspot/signature.js';
import type { Logger } from '../../logger.js';
import { webhookEvents } from '../../observability/metrics.js';
import { HttpError } from '../http-error.js';
import type { BatchReceiver } from './receive-batch.js';
import { parseWebhookBatch } from './webhook-schema.js';

export const WEBHOOK_PATH = '/webhooks/hubspot';
/** HubSpot sends at most 100 events per request; 1 MB is far above that and bounds what we buffer. */
export const WEBHOOK_BODY_LIMIT = '1mb';

export type WebhookRouteDeps = {
  /** The app's client secret: HubSpot signs webhooks with it. */
  secret: string;
  publicBaseUrl: string;
  maxAgeMs: number;
  clock: () => number;
  receive: BatchReceiver;
  logger: Logger;
};

/**
 * `POST /webhooks/hubspot`, checked in a fixed order, each failure with its own status: body over 1 MB (413,
 * by the raw parser) → v3 signature on the raw bytes against the public URL (401 missing, stale or wrong) →
 * JSON (400) → a JSON array (400) → each event on its own: a malformed one is skipped, logged with its problems
 * by path (no values: they may be personal data) and counted → store + enqueue the valid events of installed
 * portals (503 when Redis is down) → 204. Counted on `lead_scoring_webhook_events_total` by outcome: received,
 * stored, skipped_malformed, skipped_uninstalled, ignored (a type the app has no handler for).
 */
export function webhookRoute(deps: WebhookRouteDeps): Router {
  const router = express.Router();
  router.post(WEBHOOK_PATH, express.raw({ type: () => true, limit: WEBHOOK_BODY_LIMIT }), async (req, res) => {
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const verified = verifyV3({
      secret: deps.secret,
      method: req.method,
      url: publicRequestUrl(deps.publicBaseUrl, req.originalUrl),
      body,
      headers: req.headers,
      now: deps.clock(),
      maxAgeMs: deps.maxAgeMs,
    });
    if (!verified.ok) throw new HttpError(401, 'UNAUTHORIZED', `Webhook signature ${verified.reason}`);
    let json: unknown;
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch {
      throw new HttpError(400, 'BAD_REQUEST', 'Webhook body is not valid JSON');
    }
    const batch = parseWebhookBatch(json);
    if (!batch.ok) throw new HttpError(400, 'BAD_REQUEST', 'Webhook body is not a HubSpot event batch', batch.issues);
    webhookEvents.inc({ outcome: 'received' }, batch.events.length + batch.skipped.length);
    for (const skipped of batch.skipped) {
      deps.logger.warn({ index: skipped.index, portalId: skipped.portalId, issues: skipped.issues }, 'malformed webhook event skipped');
    }
    if (batch.skipped.length) webhookEvents.inc({ outcome: 'skipped_malformed' }, batch.skipped.length);
    const stored = await deps.receive(batch.events);
    if (stored.stored) webhookEvents.inc({ outcome: 'stored' }, stored.stored);
    if (stored.uninstalled) webhookEvents.inc({ outcome: 'skipped_uninstalled' }, stored.uninstalled);
    if (stored.ignored) webhookEvents.inc({ outcome: 'ignored' }, stored.ignored);
    deps.logger.debug({ events: batch.events.length, skipped: batch.skipped.length, ...stored }, 'webhook batch stored');
    res.status(204).end();
  });
  return router;
}
