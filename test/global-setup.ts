import type { TestProject } from 'vitest/node';
import { ensureRedis, type RedisHandle } from '../src/store/redis-server.js';

let handle: RedisHandle | undefined;

/** Finds or starts the Redis every Redis-backed test uses (each test then works under its own key prefix). */
export async function setup(project: TestProject) {
  handle = await ensureRedis({ url: process.env.REDIS_URL, log: (l) => console.log(`[test redis] ${l}`) });
  project.provide('redisUrl', handle.url);
}

export async function teardown() {
  await handle?.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
  }
}
