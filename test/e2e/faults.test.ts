import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAgainstEngine } from './helpers/engine-check.js';
import { startStack, until, type Stack } from './helpers/stack.js';

const CONTACTS = 300;

/**
 * The same end-to-end run with trouble in the middle: the worker process is killed (SIGKILL) halfway through the
 * backfill and another one started, and HubSpot answers bursts of 429s, during the backfill and during the
 * activity that follows. The end state must not change: every score in HubSpot equal to the engine on the same
 * data, every contact counted once, no event lost.
 */
describe('a 429 storm and a killed worker in the middle', () => {
  let stack: Stack;
  let installedAt = 0;

  beforeAll(async () => {
    stack = await startStack({
      contacts: CONTACTS, seed: 'e2e-faults', roles: ['web'],
      // A killed worker's job and claims are taken over within seconds instead of the production 30 s / 120 s.
      env: { WORKER_LOCK_MS: '2000', WORKER_LEASE_MS: '5000' },
      // HubSpot's 429 names the window to wait for; a 1 s window keeps each pause short.
      sandbox: { rateLimit: { max: 110, intervalMs: 1_000 }, simulator: { perTick: 40 } },
    });
  });
  afterAll(() => stack?.close());

  it('finishes the backfill exactly once after the worker is killed mid-way and HubSpot answers 429s', async () => {
    const { sandbox, portalId, stores } = stack;
    // Every HubSpot call slowed down, so the backfill is surely running when the worker dies.
    sandbox.faults.inject(portalId, { kind: 'latency', count: 1_000, ms: 250 });
    const first = stack.spawnWorker();
    installedAt = Date.now();
    await stack.install();

    await until(async () => ((await stores.progress.get(portalId, 'backfill'))?.pages ?? 0) >= 1, 30_000, 'the first backfill page');
    first.kill('SIGKILL');
    await once(first, 'exit');
    const atKill = (await stores.progress.get(portalId, 'backfill'))!;
    expect(atKill.status).toBe('running');
    expect(atKill.seen).toBeLessThan(CONTACTS);

    sandbox.faults.clear(portalId);
    sandbox.faults.inject(portalId, { kind: 'rateLimit', count: 4 });
    stack.spawnWorker();
    const done = await stack.backfillDone(40_000);
    expect(done).toMatchObject({ status: 'done', seen: CONTACTS });
    await stack.idle(20_000);
    expect(sandbox.faults.pending(portalId)).toBe(0);
    expect(sandbox.requests(portalId).byStatus['429']).toBe(4);

    const check = await checkAgainstEngine(stack, installedAt);
    expect(check.mismatches).toEqual([]);
    expect(check.lost).toEqual([]);
    expect(check.inScope).toBe(CONTACTS - sandbox.seeded.get(portalId)!.customers);
  });

  it('rescores simulated activity through a 429 storm without losing an event', async () => {
    const { sandbox, portalId } = stack;
    sandbox.faults.inject(portalId, { kind: 'rateLimit', count: 3 });
    const activities = Array.from({ length: 5 }, () => sandbox.simulator.tick()).flat();
    expect(activities.length).toBe(200);
    await stack.idle(30_000);
    expect(sandbox.faults.pending(portalId)).toBe(0);
    expect(sandbox.requests(portalId).byStatus['429']).toBe(7);
    expect(sandbox.webhooks.stats()).toMatchObject({ dropped: 0, pending: 0 });

    const check = await checkAgainstEngine(stack, installedAt);
    expect(check.mismatches).toEqual([]);
    expect(check.lost).toEqual([]);
  });
});
