import type { Queue, Worker } from 'bullmq';
import type { RedisClient } from '../store/redis-client.js';
import { checkReadiness, type ReadinessReport } from '../observability/readiness.js';
import type { Drain } from '../queue/drain.js';

/**
 * `/readyz` of an app process: every Redis connection open and Redis answering PING, the queue's connection
 * ready, the worker (if any) running, and no shutdown under way (so a load balancer stops sending requests
 * as soon as the drain begins).
 */
export function appReadiness(parts: { connections: RedisClient[]; queue: () => Queue | undefined; worker: () => Worker | undefined; hasWorker: boolean; drain: Drain }) {
  return (): Promise<ReadinessReport> => checkReadiness({
    redis: async () => {
      const down = parts.connections.find((c) => c.status !== 'ready');
      if (down) throw new Error(`a Redis connection is ${down.status}`);
      await parts.connections[0]?.ping();
    },
    // A round trip through the queue itself (its connection is one of `connections`).
    queue: async () => {
      const queue = parts.queue();
      if (!queue || queue.closing) throw new Error('the queue is not open');
      await queue.getJobCounts('wait');
    },
    ...(parts.hasWorker
      ? { worker: () => {
          if (!parts.worker()?.isRunning()) throw new Error('the worker is not running');
        } }
      : {}),
    shutdown: () => {
      if (parts.drain.draining) throw new Error('shutting down');
    },
  });
}
