import type { RedisClient } from '../../store/redis-client.js';
import type { Logger } from '../../logger.js';
import type { Scheduler } from '../../queue/scheduler.js';
import type { ActivePortals } from '../../store/active-portals.js';
import type { DirtyStore } from '../../store/dirty.js';
import type { AppKeys } from '../../store/keys.js';
import type { LedgerStore } from '../../store/ledger.js';
import type { ModelStore } from '../../store/models.js';
import { createSignalBatch } from '../../store/signal-batch.js';
import { StorageUnavailableError } from '../http-error.js';
import { applyEvents } from './webhook-handlers.js';
import type { ParsedEvent } from './webhook-schema.js';

/** Output prefix of a portal without a published model yet (the starter model's). */
const DEFAULT_OUTPUT_PREFIX = 'lead_score';

export type ReceiveDeps = {
  redis: RedisClient;
  keys: AppKeys;
  ledger: LedgerStore;
  dirty: DirtyStore;
  models: Pick<ModelStore, 'outputPrefixes'>;
  scheduler: Pick<Scheduler, 'scheduleScore'>;
  /** The active-portal index: a portal is entered before its contacts are marked dirty (the sweep's safety net). */
  active: Pick<ActivePortals, 'dirtied'>;
  /** Whether the portal has an active installation (events of any other portal are acknowledged and dropped). */
  isActive: (portalId: number) => Promise<boolean>;
  logger: Logger;
  clock: () => number;
};

export type ReceiveResult = { portals: number; dirty: number; erased: number; stored: number; uninstalled: number; ignored: number };

/**
 * Stores a validated webhook batch durably and enqueues its scoring: per portal, one MULTI with every ledger,
 * dirty, erasure and merge write, then one score job for the portal's settle window. Any storage failure throws
 * StorageUnavailableError (→ 503, HubSpot retries): the batch is never acknowledged before it is stored.
 * Events of a portal without an active installation are dropped (counted as `uninstalled`): the installation is
 * read once per distinct portal of the batch, in the same round trip as the portal's output prefixes.
 */
export function createBatchReceiver(deps: ReceiveDeps) {
  // The window each portal's score job was last enqueued for by this process: every batch of a burst shares the
  // window, and its job id is deterministic, so while the window is open (the job has not run yet) enqueuing it
  // again would only repeat a no-op round trip.
  const scheduled = new Map<number, number>();
  return async function receive(events: ParsedEvent[]): Promise<ReceiveResult> {
    const byPortal = new Map<number, ParsedEvent[]>();
    for (const e of events) byPortal.set(e.event.portalId, [...(byPortal.get(e.event.portalId) ?? []), e]);
    const out: ReceiveResult = { portals: byPortal.size, dirty: 0, erased: 0, stored: 0, uninstalled: 0, ignored: 0 };
    try {
      for (const [portalId, portalEvents] of byPortal) {
        const now = deps.clock();
        const [active, own] = await Promise.all([deps.isActive(portalId), deps.models.outputPrefixes(portalId)]);
        if (!active) {
          out.uninstalled += portalEvents.length;
          continue;
        }
        const prefixes = new Set([DEFAULT_OUTPUT_PREFIX, ...own]);
        const batch = createSignalBatch(deps, portalId, now);
        applyEvents(portalEvents, {
          batch,
          isOwnProperty: (name) => [...prefixes].some((p) => name === p || name.startsWith(`${p}_`)),
          debug: (msg, fields) => deps.logger.debug(fields, msg),
        });
        // The index entry goes in before the batch: one that fails to commit leaves only an early look. Batches that
        // dirty nothing (our own score writes echoed back, deletions) leave the index alone.
        if (batch.marksDirty()) await deps.active.dirtied(portalId, now);
        const result = await batch.commit();
        if (result.due !== null && !(scheduled.get(portalId) === result.due && result.due > now)) {
          await deps.scheduler.scheduleScore(portalId, result.due);
          scheduled.set(portalId, result.due);
        }
        out.dirty += result.dirty;
        out.erased += result.erased;
        const ignored = portalEvents.filter((e) => e.kind === null).length;
        out.ignored += ignored;
        out.stored += portalEvents.length - ignored;
      }
    } catch (err) {
      throw new StorageUnavailableError(err);
    }
    return out;
  };
}

export type BatchReceiver = ReturnType<typeof createBatchReceiver>;
