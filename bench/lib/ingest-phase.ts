import autocannon from 'autocannon';
import { signV3, SIGNATURE_V3_HEADER, TIMESTAMP_HEADER } from '../../src/hubspot/signature.js';
import { DEMO_APP_CREDENTIALS } from '../../src/sandbox/index.js';
import type { BenchStack } from './bench-stack.js';

export type IngestResult = { eventsPerSecond: number; requests: number; p50Ms: number; p99Ms: number; maxMs: number; non2xx: number; errors: number; connections: number; seconds: number };

const BATCH = 100;

/**
 * HubSpot-shaped batches of 100 property changes (page views and email clicks spread over the portal's
 * contacts), each signed v3 with the app's secret as HubSpot signs them. Signatures cover the timestamp, so the
 * set is signed just before the run, well inside the app's 5-minute window.
 */
function signedBodies(stack: BenchStack, count: number, appId: number) {
  const { portalId, publicBaseUrl } = stack;
  const firstId = 1001;
  const contacts = stack.sandbox.seeded.get(portalId)!.contacts;
  const timestamp = Date.now();
  let eventId = 50_000_000;
  return Array.from({ length: count }, (_, b) => {
    const events = Array.from({ length: BATCH }, (_, i) => {
      const objectId = firstId + ((b * BATCH + i) * 7919) % contacts;
      const occurredAt = timestamp - 60_000 + i;
      const click = i % 2 === 1;
      return {
        eventId: eventId++, subscriptionId: 100_001, portalId, appId, occurredAt, subscriptionType: 'object.propertyChange', attemptNumber: 0,
        objectId, changeSource: click ? 'EMAIL' : 'ANALYTICS', objectTypeId: '0-1',
        propertyName: click ? 'hs_email_last_click_date' : 'hs_analytics_last_url',
        propertyValue: click ? String(occurredAt) : `https://www.example.com/pricing?b=${b}&i=${i}`,
      };
    });
    const body = JSON.stringify(events);
    const signature = signV3({ secret: DEMO_APP_CREDENTIALS.clientSecret, method: 'POST', url: `${publicBaseUrl}/webhooks/hubspot`, body, timestamp });
    return { body, headers: { 'content-type': 'application/json', [SIGNATURE_V3_HEADER]: signature, [TIMESTAMP_HEADER]: String(timestamp) } };
  });
}

function run(url: string, bodies: ReturnType<typeof signedBodies>, opts: { connections: number; seconds: number; overallRate?: number }): Promise<autocannon.Result> {
  let n = 0;
  return autocannon({
    url, method: 'POST', connections: opts.connections, duration: opts.seconds, overallRate: opts.overallRate,
    requests: [{
      setupRequest: (req) => {
        const b = bodies[n++ % bodies.length]!;
        return { ...req, method: 'POST', body: b.body, headers: b.headers };
      },
    }],
  });
}

export type IngestResults = { max: IngestResult; atRate: IngestResult & { offeredEventsPerSecond: number } };

/**
 * Webhook ingest under load with autocannon, `connections` concurrent senders (HubSpot's maxConcurrentRequests
 * is 10), after a short warm-up: first as fast as the app acknowledges (the sustained maximum), then at a fixed
 * offered rate of `eventsPerSecond` (the acknowledgement latency at that load). Events/s counts only
 * acknowledged (2xx) batches; latency is the time to the acknowledgement.
 */
export async function measureIngest(stack: BenchStack, opts: { connections: number; seconds: number; eventsPerSecond: number }): Promise<IngestResults> {
  const appId = stack.sandbox.apps.list()[0]!.appId;
  const url = `${stack.publicBaseUrl}/webhooks/hubspot`;
  const bodies = signedBodies(stack, 1_000, appId);
  await run(url, bodies, { connections: opts.connections, seconds: 2 });
  const max = summary(await run(url, bodies, opts), opts.connections);
  const rate = opts.eventsPerSecond / BATCH;
  const atRate = summary(await run(url, bodies, { ...opts, overallRate: rate }), opts.connections);
  return { max, atRate: { ...atRate, offeredEventsPerSecond: opts.eventsPerSecond } };
}

function summary(r: autocannon.Result, connections: number): IngestResult {
  return {
    eventsPerSecond: (r['2xx'] * BATCH) / r.duration, requests: r['2xx'], p50Ms: r.latency.p50, p99Ms: r.latency.p99, maxMs: r.latency.max,
    non2xx: r.non2xx, errors: r.errors, connections, seconds: r.duration,
  };
}
