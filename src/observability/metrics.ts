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

/** Backfill / rescore progress: contacts listed and written, by kind (the rate is the run's speed). */
export const bulkContacts = new Counter({
  name: 'lead_scoring_bulk_contacts_total',
  help: 'Contacts handled by backfill and rescore runs, by kind (backfill, rescore) and result (listed, written).',
  labelNames: ['kind', 'result'] as const,
  registers: [registry],
});

/** Backfill / rescore runs by how they ended (done, failed, handed_back at a shutdown). */
export const bulkRuns = new Counter({
  name: 'lead_scoring_bulk_runs_total',
  help: 'Backfill and rescore runs that ended in this process, by kind and status (done, failed).',
  labelNames: ['kind', 'status'] as const,
  registers: [registry],
});

/** What the queue gauges read at scrape time (src/observability/queue-snapshot.ts). */
export type QueueSnapshot = {
  jobs: { name: string; state: string; count: number }[];
  oldestWaitingSeconds: { name: string; seconds: number }[];
};

let readQueue: (() => Promise<QueueSnapshot>) | undefined;
/** The read the jobs gauge started for the current scrape; the age gauge (collected right after) reuses it. */
let pendingRead: Promise<QueueSnapshot> | undefined;

function startQueueRead(): Promise<QueueSnapshot> | undefined {
  pendingRead = readQueue?.();
  return pendingRead;
}

function takeQueueRead(): Promise<QueueSnapshot> | undefined {
  const read = pendingRead ?? readQueue?.();
  pendingRead = undefined;
  return read;
}

/** Points the queue gauges at this process's queue; returns the function that detaches it. */
export function setQueueSource(read: () => Promise<QueueSnapshot>): () => void {
  readQueue = read;
  pendingRead = undefined;
  return () => {
    if (readQueue === read) readQueue = undefined;
  };
}

/** Jobs in the scoring queue by job name and state (waiting, delayed, active), read from Redis at scrape time. */
export const queueJobs = new Gauge({
  name: 'lead_scoring_queue_jobs',
  help: 'Jobs in the scoring queue by job name (score, backfill, rescore, analysis, sweep) and state (waiting, delayed, active).',
  labelNames: ['name', 'state'] as const,
  registers: [registry],
  async collect() {
    const snapshot = await startQueueRead()?.catch(() => undefined);
    this.reset();
    for (const j of snapshot?.jobs ?? []) this.set({ name: j.name, state: j.state }, j.count);
  },
});

/** How long the oldest job ready to run (its delay over) has been waiting for a worker, by job name. */
export const queueOldestWaiting = new Gauge({
  name: 'lead_scoring_queue_oldest_waiting_seconds',
  help: 'Seconds the oldest job ready to run has waited for a worker since it was due, by job name (absent: none waiting).',
  labelNames: ['name'] as const,
  registers: [registry],
  async collect() {
    const snapshot = await takeQueueRead()?.catch(() => undefined);
    this.reset();
    for (const o of snapshot?.oldestWaitingSeconds ?? []) this.set({ name: o.name }, o.seconds);
  },
});
