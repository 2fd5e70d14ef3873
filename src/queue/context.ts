import type { RedisClient } from '../store/redis-client.js';
import type { Config } from '../config.js';
import type { HubSpotGateway } from '../hubspot/gateway.js';
import type { Logger } from '../logger.js';
import { createActivePortals } from '../store/active-portals.js';
import { createProgressStore } from '../store/backfill-progress.js';
import { createDirtyStore } from '../store/dirty.js';
import { createDrain, type Drain } from './drain.js';
import type { AppKeys } from '../store/keys.js';
import { createContactStores } from '../store/contact-stores.js';
import { createModelStore } from '../store/models.js';
import { createSlots, type Slots } from './slots.js';
import { createModelCache } from './model-cache.js';
import type { Scheduler } from './scheduler.js';

/** Everything the job processors use: stores, the HubSpot gateway, the scheduler, a clock. */
export type PipelineContext = ReturnType<typeof createPipelineContext>;

export function createPipelineContext(deps: {
  redis: RedisClient;
  keys: AppKeys;
  config: Config;
  logger: Logger;
  gateway: Pick<HubSpotGateway, 'forPortal' | 'installations'>;
  scheduler: Scheduler;
  clock?: () => number;
  /** The worker process's shutdown state (a web process never drains jobs). */
  drain?: Drain;
  /** The worker process's job slots (a web process runs none). */
  slots?: Slots;
}) {
  const { redis, keys, config } = deps;
  const clock = deps.clock ?? Date.now;
  const models = createModelStore({ redis, keys, clock });
  const bounds = { maxAgeDays: config.LEDGER_MAX_AGE_DAYS, maxEvents: config.LEDGER_MAX_EVENTS };
  return {
    ...deps,
    clock,
    drain: deps.drain ?? createDrain(),
    slots: deps.slots ?? createSlots(config.WORKER_CONCURRENCY, config.WORKER_FRESH_SLOTS),
    active: createActivePortals({ redis, keys, settleMs: config.SETTLE_WINDOW_MS }),
    dirty: createDirtyStore({ redis, keys, settleMs: config.SETTLE_WINDOW_MS, leaseMs: config.WORKER_LEASE_MS }),
    ...createContactStores({ redis, keys, bounds, historyMax: config.HISTORY_MAX_ENTRIES }),
    progress: createProgressStore({ redis, keys, clock }),
    models,
    modelCache: createModelCache(models),
  };
}
