import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The process's Prometheus metrics, served at `GET /metrics`. One registry per process: web and worker processes
 * each expose their own, and Prometheus sums them. Labels are bounded by construction: outcomes, job names and
 * HubSpot call kinds are closed sets; there is no per-contact label and no per-portal label (a marketplace app has
 * an unbounded number of portals).
 */
export const registry = new Registry();
collectDefaultMetrics({ register: registry });

/** Webhook events by outcome: `received` (parsed from a signed batch), `stored`, `skipped` (malformed or unknown). */
export const webhookEvents = new Counter({
  name: 'lead_scoring_webhook_events_total',
  help: 'HubSpot webhook events by outcome (received, stored, skipped_malformed, skipped_uninstalled, ignored).',
  labelNames: ['outcome'] as const,
  registers: [registry],
});

/** HubSpot API calls by kind of call and outcome (`ok`, `429`, `4xx`, `5xx`, `network`). */
export const hubspotCalls = new Counter({
  name: 'lead_scoring_hubspot_calls_total',
  help: 'HubSpot API calls by call kind and outcome (ok, 429, 4xx, 5xx, network).',
  labelNames: ['call', 'outcome'] as const,
  registers: [registry],
});

/** Seconds from the newest event of a contact to its score being written back to HubSpot. */
export const scoreFreshness = new Histogram({
  name: 'lead_scoring_score_freshness_seconds',
  help: 'Seconds from the event that changed a score to the score written back to HubSpot.',
  buckets: [0.5, 1, 2, 5, 10, 30, 60, 120, 300, 900, 3600],
  registers: [registry],
});

/** Contacts scored by the worker, and of those written (changed). */
export const contactsScored = new Counter({
  name: 'lead_scoring_contacts_scored_total',
  help: 'Contacts scored by the worker, by result (written, unchanged).',
  labelNames: ['result'] as const,
  registers: [registry],
});

/** Backfill / rescore progress: contacts done and total of the runs in progress in this process. */
export const bulkProgress = new Gauge({
  name: 'lead_scoring_bulk_contacts',
  help: 'Backfill and rescore runs in progress in this process: contacts done and total, by kind.',
  labelNames: ['kind', 'measure'] as const,
  registers: [registry],
});
