/**
 * `npm run bench:memory`: Redis memory per scored contact on the demo portal (DEMO_CONTACTS, 9,237 by default),
 * after the backfill and after 10 minutes of the sandbox's default simulated activity (300 rounds of 3 leads
 * engaging, driven round by round rather than waited for), on a redis-server of the benchmark's own.
 */
import { Redis } from 'ioredis';
import { loadConfig } from '../src/config.js';
import { measureBackfill } from './lib/backfill-phase.js';
import { startBenchStack } from './lib/bench-stack.js';
import { formatMemory, ledgerBounds, measureMemory, usedMemory } from './lib/memory-phase.js';

const ROUNDS = 300;
const status = (line: string) => process.stderr.write(`${line}\n`);

const contacts = loadConfig().DEMO_CONTACTS;
status(`setup: sandbox seeded with ${contacts.toLocaleString('en-US')} contacts, web and worker processes…`);
const stack = await startBenchStack({ contacts });
const redis = new Redis(stack.redisUrl);
try {
  const baseline = await usedMemory(redis);
  const backfill = await measureBackfill(stack, () => {});
  await stack.idle(60_000);
  status(`backfill: ${backfill.contacts} contacts in ${backfill.seconds.toFixed(1)} s`);
  process.stdout.write(`After the backfill\n${formatMemory(await measureMemory(redis, stack.prefix, stack.portalId, baseline, ledgerBounds(stack.config)))}\n`);
  let activities = 0;
  for (let i = 0; i < ROUNDS; i++) activities += stack.sandbox.simulator.tick().length;
  await stack.idle(120_000);
  process.stdout.write(`After ${activities} simulated activities (${ROUNDS} rounds of the default simulator, 10 minutes of its time)\n` +
    `${formatMemory(await measureMemory(redis, stack.prefix, stack.portalId, baseline, ledgerBounds(stack.config)))}\n`);
} finally {
  redis.disconnect();
  await stack.close();
}
