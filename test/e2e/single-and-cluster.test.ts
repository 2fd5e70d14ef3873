import { hasRecord } from '../helpers/records.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScheduler } from '../../src/queue/scheduler.js';
import { loadStarterModel } from '../../src/runtime/starter-model.js';
import { startLocalCluster, type LocalCluster } from '../../src/store/redis-cluster.js';
import { checkAgainstEngine } from './helpers/engine-check.js';
import { startStack, until, type Stack } from './helpers/stack.js';

const CONTACTS = 200;

/**
 * Install → backfill → webhooks → scores → publish → rescore → privacy deletion, on a single Redis and on a Redis
 * Cluster of three masters (local redis-server processes joined with `redis-cli --cluster create`), where the app,
 * BullMQ and the test's own reads use ioredis' cluster client. A cluster refuses any multi-key command, MULTI or
 * Lua script whose keys lie in more than one hash slot (CROSSSLOT, or ioredis' own check before a pipeline is
 * sent; test/store/redis-cluster.test.ts shows both refusals), so every step passing there is the proof that
 * none crosses a slot.
 */
describe.each([
  { on: 'a single Redis', masters: 0 },
  { on: 'a 3-master Redis Cluster', masters: 3 },
])('the pipeline on $on', ({ masters }) => {
  let cluster: LocalCluster | undefined;
  let stack: Stack;
  let installedAt = 0;

  beforeAll(async () => {
    cluster = masters ? await startLocalCluster({ masters }) : undefined;
    stack = await startStack({
      contacts: CONTACTS, seed: 'e2e-cluster', roles: ['web', 'worker'], sandbox: { simulator: { perTick: 40 } }, ...(cluster ? { cluster } : {}),
    });
  });
  afterAll(async () => {
    await stack?.close();
    await cluster?.stop();
  });

  it('installs, backfills and scores every contact equal to the engine', async () => {
    installedAt = Date.now();
    await stack.install();
    const progress = await stack.backfillDone(30_000);
    expect(progress).toMatchObject({ status: 'done', seen: CONTACTS });
    await stack.idle(15_000);
    const check = await checkAgainstEngine(stack, installedAt);
    expect(check.mismatches).toEqual([]);
    expect(check.lost).toEqual([]);
    expect(check.inScope).toBe(CONTACTS - stack.sandbox.seeded.get(stack.portalId)!.customers);
  });

  it('scores the webhooks of simulated activity equal to the engine', async () => {
    const before = stack.sandbox.webhooks.stats().delivered;
    const activities = Array.from({ length: 3 }, () => stack.sandbox.simulator.tick()).flat();
    await stack.idle(20_000);
    expect(stack.sandbox.webhooks.stats().delivered - before).toBeGreaterThan(activities.length);
    const check = await checkAgainstEngine(stack, installedAt);
    expect(check.mismatches).toEqual([]);
    expect(check.lost).toEqual([]);
  });

  it('rescores every contact with a newly published version', async () => {
    const { stores, portalId } = stack;
    const doc = loadStarterModel() as { fit: { groups: { rules: { points: number }[] }[] } };
    doc.fit.groups[0]!.rules[0]!.points = 20;
    await stores.models.saveDraft(portalId, 'starter', doc);
    const v = (await stores.models.publishDraft(portalId, 'starter'))!;
    expect(v.version).toBe(2);
    // What the publish endpoint does after publishing: a rescore record, then the rescore job.
    const progress = await stores.progress.start(portalId, 'rescore', { modelId: 'starter', version: 2 });
    await createScheduler({ queue: stack.queue }).enqueueRescore(portalId, 'starter', 2, progress.startedAt);
    await until(async () => (await stores.progress.get(portalId, 'rescore'))?.status === 'done', 30_000, 'the rescore');
    await stack.idle(15_000);
    const check = await checkAgainstEngine(stack, installedAt);
    expect(check.mismatches).toEqual([]);
    const last = await stores.scores.readLast(portalId, [...stack.sandbox.portal(portalId).objects.contacts.all()].map((r) => r.id));
    const versions = [...last.values()].flatMap((m) => [...m.values()].map((s) => s.version));
    expect(versions.length).toBe(check.contacts - check.unscored);
    expect(new Set(versions)).toEqual(new Set([2]));
  });

  it('erases every key of a contact on its privacy deletion', async () => {
    const { sandbox, portalId, keys, redis } = stack;
    const portal = sandbox.portal(portalId);
    const rec = [...portal.objects.contacts.all()].find((r) => portal.value('contacts', r, 'lead_score'))!;
    expect(await hasRecord(redis, keys, portalId, rec.id)).toBe(true);
    portal.archive('contacts', rec.id, { sourceType: 'CRM_UI' }, 'privacyDeletion');
    await stack.idle(15_000);
    expect(await hasRecord(redis, keys, portalId, rec.id)).toBe(false);
    const p = keys.portal(portalId);
    expect(await redis.zscore(p.inflight, rec.id)).toBeNull();
    expect(await redis.zscore(p.dirty, rec.id)).toBeNull();
  });
});
