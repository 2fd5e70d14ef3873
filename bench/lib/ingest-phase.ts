import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { DEMO_APP_CREDENTIALS } from '../../src/sandbox/index.js';
import type { BenchStack } from './bench-stack.js';
import type { IngestResults, LoadOptions } from './ingest-load.js';

export type { IngestResult, IngestResults } from './ingest-load.js';

const LOAD = fileURLToPath(new URL('./ingest-load.ts', import.meta.url));

/**
 * Webhook ingest under load with autocannon, run in its own process: `connections` concurrent senders (HubSpot's
 * maxConcurrentRequests is 10) post signed batches of 100 events, after a short warm-up, first at a fixed offered
 * rate of `eventsPerSecond` (the acknowledgement latency at that load; autocannon sends each second's share at the
 * start of the second, so it arrives in bursts of up to `connections` concurrent batches), then as fast as the app
 * acknowledges (the sustained maximum). Events/s counts only acknowledged (2xx) batches; latency is the time to
 * the acknowledgement.
 *
 * The events name a portal the app is not installed in: the web does exactly the same work for them (verify,
 * parse, ledger, dirty marks, score job), while the worker drops that portal's jobs without calling the sandbox.
 * Scoring under load is what the burst and freshness rows measure.
 */
export async function measureIngest(stack: BenchStack, opts: { connections: number; seconds: number; eventsPerSecond: number }): Promise<IngestResults> {
  const load: LoadOptions = {
    url: `${stack.publicBaseUrl}/webhooks/hubspot`, secret: DEMO_APP_CREDENTIALS.clientSecret, portalId: stack.portalId + 1,
    appId: stack.sandbox.apps.list()[0]!.appId, contacts: stack.sandbox.seeded.get(stack.portalId)!.contacts, ...opts,
  };
  // The benchmark runs under tsx: the child gets the same loader flags.
  const child = spawn(process.execPath, [...process.execArgv, LOAD, JSON.stringify(load)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (c: Buffer) => { out += c.toString(); });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`the load generator exited with ${code}`);
  return JSON.parse(out) as IngestResults;
}
