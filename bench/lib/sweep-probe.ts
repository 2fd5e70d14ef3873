import { Redis } from 'ioredis';
import { Queue } from 'bullmq';
import { createHubSpotGateway } from '../../src/hubspot/gateway.js';
import { createLogger } from '../../src/logger.js';
import { createPipelineContext } from '../../src/queue/context.js';
import { QUEUE_NAME } from '../../src/queue/jobs.js';
import { processSweep, type SweepStats } from '../../src/queue/process-sweep.js';
import { createScheduler } from '../../src/queue/scheduler.js';
import { openRedis, queuePrefix } from '../../src/runtime/connections.js';
import type { RedisClient } from '../../src/store/redis-client.js';
import type { FleetStack } from './fleet-stack.js';

/** One sweep's figures: what it did, the commands it sent, its wall time, and the index's size before it. */
export type SweepRun = SweepStats & { commands: number; ms: number; indexed: number };

/**
 * Runs the app's sweep from the benchmark process against the stack's Redis, on a connection that counts the
 * commands it sends (every command and script the sweep issues goes through ioredis' sendCommand; the score jobs
 * it enqueues go through BullMQ's own connection and are not counted), and times it. The worker processes'
 * own minute sweeps keep running meanwhile.
 */
export async function startSweepProbe(stack: FleetStack) {
  let commands = 0;
  const redis = await openRedis(stack.target, 'durable');
  const send = redis.sendCommand.bind(redis) as (...args: unknown[]) => unknown;
  (redis as unknown as { sendCommand: (...args: unknown[]) => unknown }).sendCommand = (...args: unknown[]) => {
    commands++;
    return send(...args);
  };
  const queueConnection = await openRedis(stack.target, 'durable');
  const queue = new Queue(QUEUE_NAME, { connection: queueConnection, prefix: queuePrefix(stack.prefix) });
  const logger = createLogger({ level: 'warn' });
  const gateway = createHubSpotGateway({ redis, keys: stack.keys, config: stack.config, logger });
  const ctx = createPipelineContext({ redis, keys: stack.keys, config: stack.config, logger, gateway, scheduler: createScheduler({ queue }) });

  return {
    async sweep(): Promise<SweepRun> {
      const indexed = await redis.zcard(stack.keys.active);
      commands = 0;
      const started = performance.now();
      const stats = await processSweep(ctx);
      return { ...stats, commands, ms: performance.now() - started, indexed };
    },
    async close(): Promise<void> {
      await gateway.close();
      await queue.close();
      await queueConnection.quit();
      await redis.quit();
    },
  };
}

/** Commands every Redis node has processed so far (INFO stats), summed: the whole system's Redis load. */
export async function totalCommands(nodeUrls: string[]): Promise<number> {
  let sum = 0;
  for (const url of nodeUrls) {
    const node: RedisClient = new Redis(url);
    const info = await node.info('stats');
    sum += Number(/total_commands_processed:(\d+)/.exec(info)?.[1] ?? NaN);
    node.disconnect();
  }
  return sum;
}
