import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHubSpotGateway } from '../../src/hubspot/gateway.js';
import { createPipelineContext } from '../../src/queue/context.js';
import { QUEUE_NAME } from '../../src/queue/jobs.js';
import { processSweep } from '../../src/queue/process-sweep.js';
import { createScheduler } from '../../src/queue/scheduler.js';
import { loadConfig } from '../../src/config.js';
import { appKeys } from '../../src/store/keys.js';
import { pipelineEnv } from '../pipeline/helpers/harness.js';
import { capturedLogger } from '../helpers/captured-logger.js';
import { connect, dropPrefix, uniquePrefix } from '../helpers/redis.js';

const now = 1_900_000_000_000;
let redis: Redis;
let prefix: string;
let queue: Queue;
let ctx: ReturnType<typeof createPipelineContext>;
let closeGateway: () => Promise<void>;

beforeEach(() => {
  redis = connect();
  prefix = uniquePrefix('sweep');
  const keys = appKeys(prefix);
  const config = loadConfig(pipelineEnv(prefix));
  const { logger } = capturedLogger();
  queue = new Queue(QUEUE_NAME, { connection: redis, prefix: `${prefix}:{bull}` });
  const gateway = createHubSpotGateway({ redis, keys, config, logger });
  closeGateway = async () => {
    await gateway.close();
  };
  ctx = createPipelineContext({ redis, keys, config, logger, gateway, scheduler: createScheduler({ queue, clock: () => now }), clock: () => now });
});
afterEach(async () => {
  await closeGateway();
  await queue.close();
  await dropPrefix(redis, prefix);
  redis.disconnect();
});

describe('the sweep', () => {
  it('makes contacts whose decay moment came dirty and schedules their portal', async () => {
    const k = ctx.keys.portal(1);
    await redis.sadd(ctx.keys.portals, '1', '2', '3');
    const score = (contactId: string) => ({ contactId, changed: true, score: { modelId: 'm', version: 1, scoredAt: now - 1_000, inScope: true, summary: null, outputs: {} } });
    await ctx.scores.write(1, [score('10'), score('11')], new Map([['10', now - 1], ['11', now + 60_000]]));
    const result = await processSweep(ctx);
    expect(result).toEqual({ portals: 3, decayed: 1, restarted: 1, erased: 0 });
    expect(await redis.zrange(k.dirty, '0', '-1', 'WITHSCORES')).toEqual(['10', String(now)]);
    // The schedule holds buckets (contact 10 is in bucket 10): 10's is done, 11's waits.
    expect(await redis.zrange(k.decay, '0', '-1')).toEqual(['b11']);
    expect((await queue.getJobs(['waiting', 'delayed'])).map((j) => [j.id, j.data])).toEqual([[`score-1-${now}`, { portalId: 1 }]]);
  });

  it('restarts a portal whose dirty contacts are long overdue or whose claims expired (their job was lost)', async () => {
    await redis.sadd(ctx.keys.portals, '2', '3', '4');
    await redis.zadd(ctx.keys.portal(2).dirty, String(now - 60_000), '20');
    await redis.zadd(ctx.keys.portal(3).inflight, String(now - 1), '30');
    // Due a moment ago: its own job is presumably about to run; not an orphan.
    await redis.zadd(ctx.keys.portal(4).dirty, String(now - 1_000), '40');
    expect(await processSweep(ctx)).toEqual({ portals: 3, decayed: 0, restarted: 2, erased: 0 });
    expect((await queue.getJobs(['waiting', 'delayed'])).map((j) => j.id).sort()).toEqual([`score-2-${now}`, `score-3-${now}`]);
  });
});
