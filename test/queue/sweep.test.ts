import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHubSpotGateway } from '../../src/hubspot/gateway.js';
import { createPipelineContext } from '../../src/queue/context.js';
import { QUEUE_NAME } from '../../src/queue/jobs.js';
import { processSweep } from '../../src/queue/process-sweep.js';
import { createScheduler } from '../../src/queue/scheduler.js';
import { loadConfig } from '../../src/config.js';
import { ORPHAN_GRACE_MS } from '../../src/store/active-portals.js';
import { appKeys } from '../../src/store/keys.js';
import { pipelineEnv } from '../pipeline/helpers/harness.js';
import { capturedLogger } from '../helpers/captured-logger.js';
import { connect, dropPrefix, redisUrl, uniquePrefix } from '../helpers/redis.js';

const now = 1_900_000_000_000;
const DAY = 24 * 3600_000;
let redis: Redis;
let prefix: string;
let queue: Queue;
let ctx: ReturnType<typeof createPipelineContext>;
let closeGateway: () => Promise<void>;
/** Commands the sweep's own connection sent (every command of the sweep but BullMQ's). */
let commands = 0;

/** A connection that counts what it sends (ioredis sends every single command and script through sendCommand). */
function countingConnection(): Redis {
  const conn = new Redis(redisUrl(), { maxRetriesPerRequest: null });
  const send = conn.sendCommand.bind(conn);
  conn.sendCommand = ((...args: Parameters<Redis['sendCommand']>) => {
    commands++;
    return send(...args);
  }) as Redis['sendCommand'];
  return conn;
}

function setUp(env: Record<string, string> = {}) {
  redis = countingConnection();
  prefix = uniquePrefix('sweep');
  const keys = appKeys(prefix);
  const config = loadConfig(pipelineEnv(prefix, env));
  const { logger } = capturedLogger();
  queue = new Queue(QUEUE_NAME, { connection: connect(), prefix: `${prefix}:{bull}` });
  const gateway = createHubSpotGateway({ redis, keys, config, logger });
  closeGateway = async () => {
    await gateway.close();
  };
  ctx = createPipelineContext({ redis, keys, config, logger, gateway, scheduler: createScheduler({ queue, clock: () => now }), clock: () => now });
}

async function tearDown() {
  await closeGateway();
  const conn = queue.opts.connection as Redis;
  await queue.close();
  await dropPrefix(redis, prefix);
  redis.disconnect();
  conn.disconnect();
}

const install = (...portalIds: number[]) =>
  Promise.all(portalIds.map((portalId) =>
    ctx.gateway.installations.save({ portalId, hubId: portalId, scopes: ['oauth'], accessToken: 'a', refreshToken: 'r', expiresAt: now + DAY })));

const queuedScoreJobs = async () => (await queue.getJobs(['waiting', 'delayed'])).map((j) => j.id).sort();

describe('the sweep', () => {
  beforeEach(() => setUp());
  afterEach(tearDown);

  it('makes contacts whose decay moment came dirty, schedules their portal, and files its next decay moment', async () => {
    await install(1, 2, 3);
    const k = ctx.keys.portal(1);
    // As a score write leaves it: the index entry first, then the decay schedule it points at.
    await ctx.active.mark([1], now - 1);
    const score = (contactId: string) => ({ contactId, changed: true, score: { modelId: 'm', version: 1, scoredAt: now - 1_000, inScope: true, summary: null, outputs: {} } });
    await ctx.scores.write(1, [score('10'), score('11')], new Map([['10', now - 1], ['11', now + 60_000]]));
    expect(await processSweep(ctx)).toMatchObject({ due: 1, decayed: 1, restarted: 1, erased: 0 });
    expect(await redis.zrange(k.dirty, '0', '-1', 'WITHSCORES')).toEqual(['10', String(now)]);
    // The schedule holds buckets (contact 10 is in bucket 10): 10's is done, 11's waits.
    expect(await redis.zrange(k.decay, '0', '-1')).toEqual(['b11']);
    expect(await queuedScoreJobs()).toEqual([`score-1-${now}`]);
    // Next look: the promoted contact's job is lost if it is still dirty after the grace, before the next decay.
    expect(await ctx.active.wakeUpOf(1)).toBe(now + ORPHAN_GRACE_MS);
  });

  it('restarts a portal whose dirty contacts are long overdue or whose claims expired (their job was lost)', async () => {
    await install(2, 3, 4);
    await ctx.active.mark([2, 3, 4], now - 1);
    await redis.zadd(ctx.keys.portal(2).dirty, String(now - 60_000), '20');
    await redis.zadd(ctx.keys.portal(3).inflight, String(now - 1), '30');
    // Due a moment ago: its own job is presumably about to run; not an orphan.
    await redis.zadd(ctx.keys.portal(4).dirty, String(now - 1_000), '40');
    expect(await processSweep(ctx)).toMatchObject({ due: 3, decayed: 0, restarted: 2, erased: 0 });
    expect(await queuedScoreJobs()).toEqual([`score-2-${now}`, `score-3-${now}`]);
    expect(await ctx.active.wakeUpOf(4)).toBe(now - 1_000 + ORPHAN_GRACE_MS);
  });

  it('drops the entry of a portal with nothing pending, and of a portal no longer installed', async () => {
    await install(5);
    await ctx.active.mark([5, 6], now - 1);
    expect(await processSweep(ctx)).toMatchObject({ due: 2, restarted: 0 });
    expect([await ctx.active.wakeUpOf(5), await ctx.active.wakeUpOf(6)]).toEqual([null, null]);
    expect(await redis.hlen(ctx.keys.activeRev)).toBe(0);
  });

  it('keeps an entry written while the portal was being looked at (its work may not have been seen)', async () => {
    await ctx.active.mark([7], now - 1);
    const [seen] = await ctx.active.due(now, 10);
    // A webhook for portal 7 arrives between the sweep's read of the entry and its verdict "nothing pending".
    await ctx.active.dirtied(7, now);
    expect(await ctx.active.settle(seen!, null)).toBe(false);
    expect(await ctx.active.wakeUpOf(7)).toBe(now - 1);
    const [again] = await ctx.active.due(now, 10);
    expect(await ctx.active.settle(again!, null)).toBe(true);
    expect(await ctx.active.wakeUpOf(7)).toBeNull();
  });

  it('finds a portal whose index entry was lost, through the audit of installed portals', async () => {
    await install(8);
    await redis.zadd(ctx.keys.portal(8).dirty, String(now - 60_000), '80');
    expect(await ctx.active.wakeUpOf(8)).toBeNull();
    expect(await processSweep(ctx)).toMatchObject({ due: 0, audited: 1, restarted: 1 });
    expect(await queuedScoreJobs()).toEqual([`score-8-${now}`]);
    expect(await ctx.active.wakeUpOf(8)).toBe(now + ORPHAN_GRACE_MS);
  });

  it('erases a portal once its grace period after an uninstall has passed, and forgets its index entry', async () => {
    await install(9);
    await ctx.active.mark([9], now + DAY);
    await redis.zadd(ctx.keys.portal(9).decay, String(now + DAY), '90');
    await ctx.gateway.installations.markUninstalled(9, now - (ctx.config.UNINSTALL_GRACE_DAYS + 1) * DAY);
    expect(await processSweep(ctx)).toMatchObject({ erased: 1 });
    expect(await redis.exists(ctx.keys.portal(9).decay, ctx.keys.portal(9).installation)).toBe(0);
    expect(await ctx.active.wakeUpOf(9)).toBeNull();
  });
});

describe('the sweep with many idle portals', () => {
  /** `idle` installed portals with decay days away, 10 active ones with a decay moment due; one sweep. */
  async function sweepWith(idle: number) {
    setUp({ SWEEP_AUDIT_COUNT: '5' });
    try {
      const idlePortals = Array.from({ length: idle }, (_, i) => 1 + i);
      const active = Array.from({ length: 10 }, (_, i) => 100_001 + i);
      for (let i = 0; i < idlePortals.length; i += 200) await install(...idlePortals.slice(i, i + 200));
      await install(...active);
      // As a score write leaves it: the index entry, then contact 1's record with its decay moment.
      const decayAt = async (p: number, at: number) => {
        await ctx.active.mark([p], at);
        const score = { modelId: 'm', version: 1, scoredAt: now - 1_000, inScope: true, summary: null, outputs: {} };
        await ctx.scores.write(p, [{ contactId: '1', changed: true, score }], new Map([['1', at]]));
      };
      for (const p of idlePortals) await decayAt(p, now + 3 * DAY);
      for (const p of active) await decayAt(p, now - 1);
      commands = 0;
      const stats = await processSweep(ctx);
      return { stats, sent: commands, jobs: await queuedScoreJobs(), expectedJobs: active.map((p) => `score-${p}-${now}`).sort() };
    } finally {
      await tearDown();
    }
  }

  it('looks at the active portals only (and a bounded audit), whether 10 or 1,000 idle portals are installed', async () => {
    const few = await sweepWith(10);
    const many = await sweepWith(1_000);
    for (const run of [few, many]) {
      expect(run.stats).toMatchObject({ due: 10, decayed: 10, restarted: 10 });
      expect(run.jobs).toEqual(run.expectedJobs);
    }
    // 20 small ids come whole and sorted from SSCAN: the audit takes 5 idle ones. Of 1,010 it takes about 5 (SSCAN
    // returns whole buckets; a reply up to 1.5 × as long is taken whole), fewer to look at if some of them are the
    // active portals already looked at.
    expect(few.stats.audited).toBe(5);
    expect(many.stats.audited).toBeLessThanOrEqual(7);
    // Nothing in the sweep reads the installed set as a whole: each idle portal audited costs the same 6 commands
    // (installation, decay promotion, dirty, in flight, next decay, filing), each due one a few more (its due decay
    // buckets are read and promoted), and the rest is the same few commands with 100 times the idle portals.
    const beyondAudits = (run: typeof few) => run.sent - 6 * run.stats.audited;
    expect(beyondAudits(many)).toBe(beyondAudits(few));
    expect(beyondAudits(few)).toBeGreaterThan(6 * 10);
    expect(beyondAudits(few)).toBeLessThan(10 * 10);
  });
});
