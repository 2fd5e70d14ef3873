/**
 * The webhook load generator, run as its own process by ingest-phase.ts (so the sandbox's work and the benchmark's
 * large heap never delay autocannon's clock): signs the batches, runs autocannon, prints the results as JSON.
 */
import { pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import { signV3, SIGNATURE_V3_HEADER, TIMESTAMP_HEADER } from '../../src/hubspot/signature.js';

export type LoadOptions = {
  /** The public URL of the webhook route (what the signature covers) and where to send (the same locally). */
  url: string;
  secret: string;
  portalId: number;
  appId: number;
  /** Contact ids 1001… spread over this many contacts. */
  contacts: number;
  connections: number;
  seconds: number;
  eventsPerSecond: number;
};

export type IngestResult = { eventsPerSecond: number; requests: number; p50Ms: number; p99Ms: number; maxMs: number; non2xx: number; errors: number; connections: number; seconds: number };
export type IngestResults = { max: IngestResult; atRate: IngestResult & { offeredEventsPerSecond: number } };

const BATCH = 100;

/**
 * HubSpot-shaped batches of 100 property changes (page views and email clicks), each signed v3 with the app's
 * secret as HubSpot signs them. Signatures cover the timestamp, so the set is signed just before the run, well
 * inside the app's 5-minute window.
 */
function signedBodies(o: LoadOptions, count: number) {
  const timestamp = Date.now();
  let eventId = 50_000_000;
  return Array.from({ length: count }, (_, b) => {
    const events = Array.from({ length: BATCH }, (_, i) => {
      const objectId = 1001 + ((b * BATCH + i) * 7919) % o.contacts;
      const occurredAt = timestamp - 60_000 + i;
      const click = i % 2 === 1;
      return {
        eventId: eventId++, subscriptionId: 100_001, portalId: o.portalId, appId: o.appId, occurredAt, subscriptionType: 'object.propertyChange',
        attemptNumber: 0, objectId, changeSource: click ? 'EMAIL' : 'ANALYTICS', objectTypeId: '0-1',
        propertyName: click ? 'hs_email_last_click_date' : 'hs_analytics_last_url',
        propertyValue: click ? String(occurredAt) : `https://www.example.com/pricing?b=${b}&i=${i}`,
      };
    });
    const body = JSON.stringify(events);
    const signature = signV3({ secret: o.secret, method: 'POST', url: o.url, body, timestamp });
    return { body, headers: { 'content-type': 'application/json', [SIGNATURE_V3_HEADER]: signature, [TIMESTAMP_HEADER]: String(timestamp) } };
  });
}

function run(url: string, bodies: ReturnType<typeof signedBodies>, opts: { connections: number; seconds: number; overallRate?: number }): Promise<autocannon.Result> {
  let n = 0;
  return autocannon({
    url, method: 'POST', connections: opts.connections, duration: opts.seconds, overallRate: opts.overallRate,
    // autocannon's correction assumes requests evenly spaced at ceil(1/rate) ms (1 ms here) and would add made-up
    // samples to every response slower than that; the latencies reported are the measured ones.
    ignoreCoordinatedOmission: opts.overallRate !== undefined,
    requests: [{
      setupRequest: (req) => {
        const b = bodies[n++ % bodies.length]!;
        return { ...req, method: 'POST', body: b.body, headers: b.headers };
      },
    }],
  });
}

function summary(r: autocannon.Result, connections: number): IngestResult {
  return {
    eventsPerSecond: (r['2xx'] * BATCH) / r.duration, requests: r['2xx'], p50Ms: r.latency.p50, p99Ms: r.latency.p99, maxMs: r.latency.max,
    non2xx: r.non2xx, errors: r.errors, connections, seconds: r.duration,
  };
}

/** A warm-up, then the offered rate (latency at that load), then as fast as acknowledged (the maximum). */
export async function generateLoad(o: LoadOptions): Promise<IngestResults> {
  const bodies = signedBodies(o, 1_000);
  const rate = o.eventsPerSecond / BATCH;
  await run(o.url, bodies, { connections: o.connections, seconds: 2, overallRate: rate });
  // The offered rate first: a saturating run leaves the worker a backlog that would compete with it for the CPU.
  const atRate = summary(await run(o.url, bodies, { connections: o.connections, seconds: o.seconds, overallRate: rate }), o.connections);
  const max = summary(await run(o.url, bodies, { connections: o.connections, seconds: o.seconds }), o.connections);
  return { max, atRate: { ...atRate, offeredEventsPerSecond: o.eventsPerSecond } };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.stdout.write(JSON.stringify(await generateLoad(JSON.parse(process.argv[2] ?? '{}') as LoadOptions)));
}
