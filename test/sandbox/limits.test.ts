import { afterEach, describe, expect, it } from 'vitest';
import { manualClock, startSandbox, type Sandbox, type SandboxOptions } from '../../src/sandbox/index.js';
import { json } from './helpers.js';

/** Rate limits on a manual clock, forced faults, and the per-portal request log. */
const PORTAL = 34_000_001;
let sandbox: Sandbox;
let token: string;
const clock = manualClock(Date.parse('2026-03-01T00:00:00Z'));
afterEach(async () => { await sandbox?.close(); });

async function start(options: SandboxOptions = {}): Promise<void> {
  sandbox = await startSandbox({ portals: [{ id: PORTAL, contacts: 10 }], ...options }, clock);
  const app = sandbox.registerApp({ redirectUris: ['http://127.0.0.1:9/cb'] });
  token = sandbox.installApp({ appId: app.appId, portalId: PORTAL }).access_token;
}
const list = () => fetch(`${sandbox.url}/crm/v3/objects/contacts?limit=1`, { headers: { authorization: `Bearer ${token}` } });
const search = () => fetch(`${sandbox.url}/crm/v3/objects/contacts/search`, {
  method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ limit: 1 }),
});
async function statuses(n: number, call: () => Promise<Response>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await call()).status);
  return out;
}

describe('sandbox rate limits', () => {
  it('allows 110 requests per rolling 10 s by default and answers the 111th with HubSpot\'s 429', async () => {
    await start();
    expect(await statuses(110, list)).toEqual(Array(110).fill(200));
    const res = await list();
    expect(res.status).toBe(429);
    expect(await json(res)).toEqual({
      status: 'error', message: 'You have reached your ten_secondly_rolling limit.', errorType: 'RATE_LIMIT',
      policyName: 'TEN_SECONDLY_ROLLING', correlationId: expect.any(String),
    });
    expect([res.headers.get('x-hubspot-ratelimit-max'), res.headers.get('x-hubspot-ratelimit-remaining'), res.headers.get('x-hubspot-ratelimit-interval-milliseconds')])
      .toEqual(['110', '0', '10000']);
  });

  it('slides the window: requests older than the interval stop counting', async () => {
    await start({ rateLimit: { max: 5, intervalMs: 1_000 } });
    expect(await statuses(3, list)).toEqual([200, 200, 200]);
    clock.advance(600);
    expect(await statuses(3, list)).toEqual([200, 200, 429]);
    clock.advance(400); // the first three are now 1,000 ms old
    expect((await list()).headers.get('x-hubspot-ratelimit-remaining')).toBe('2');
    expect(await statuses(3, list)).toEqual([200, 200, 429]);
  });

  it('limits search to 5 a second on its own budget, without rate-limit headers', async () => {
    await start({ rateLimit: { max: 3, intervalMs: 10_000 } });
    const first = await search();
    expect(first.headers.get('x-hubspot-ratelimit-max')).toBeNull();
    expect(await statuses(5, search)).toEqual([200, 200, 200, 200, 429]);
    const limited = await search();
    expect(await json(limited)).toMatchObject({ errorType: 'RATE_LIMIT', policyName: 'SECONDLY' });
    expect(await statuses(3, list)).toEqual([200, 200, 200]);
    clock.advance(1_000);
    expect((await search()).status).toBe(200);
  });
});

describe('sandbox fault injection and request log', () => {
  it('forces 429s, 5xx and latency on a portal\'s next requests, in order', async () => {
    await start();
    const inject = (fault: object) => fetch(`${sandbox.url}/_sandbox/portals/${PORTAL}/faults`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(fault),
    });
    expect((await inject({ kind: 'rateLimit', count: 2 })).status).toBe(201);
    expect((await inject({ kind: 'serverError', count: 1, status: 503 })).status).toBe(201);
    expect((await inject({ kind: 'latency', count: 1, ms: 120 })).status).toBe(201);
    expect((await inject({ kind: 'meteor', count: 1 })).status).toBe(400);
    const forced = await list();
    expect([forced.status, (await json(forced)).policyName, forced.headers.get('x-hubspot-ratelimit-remaining')]).toEqual([429, 'TEN_SECONDLY_ROLLING', '0']);
    expect(await statuses(2, list)).toEqual([429, 503]);
    const started = performance.now();
    expect((await list()).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(115);
    expect((await list()).status).toBe(200);
  });

  it('logs each API request with its status and route, readable from the admin endpoint', async () => {
    await start({ rateLimit: { max: 2, intervalMs: 10_000 } });
    await statuses(3, list);
    await fetch(`${sandbox.url}/crm/v3/objects/contacts/1001`, { headers: { authorization: `Bearer ${token}` } });
    const log = await json(fetch(`${sandbox.url}/_sandbox/portals/${PORTAL}/requests`));
    expect(log.total).toBe(4);
    expect(log.byStatus).toEqual({ 200: 2, 429: 2 });
    expect(log.byRoute).toEqual({ 'GET /crm/v3/objects/contacts': 3, 'GET /crm/v3/objects/contacts/{id}': 1 });
    expect(log.requests[0]).toMatchObject({ method: 'GET', path: '/crm/v3/objects/contacts', status: 200, at: clock.now() });
    await fetch(`${sandbox.url}/_sandbox/portals/${PORTAL}/requests`, { method: 'DELETE' });
    expect(sandbox.requests(PORTAL).total).toBe(0);
  });
});
