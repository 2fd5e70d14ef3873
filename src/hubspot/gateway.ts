import type { RedisClient } from '../store/redis-client.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { createInstallationStore } from '../store/installations.js';
import type { AppKeys } from '../store/keys.js';
import { uninstallApp } from './app-uninstall.js';
import { createCaller, type HubSpotCallEvent } from './call-hubspot.js';
import { batchReadContacts, batchUpdateContacts, listContacts, searchContacts } from './contacts-api.js';
import { listContactProperties } from './properties-api.js';
import { ensureScoreProperties } from './property-bootstrap.js';
import { readContactProperties } from './property-ownership.js';
import { createRateLimiter } from './rate-limiter.js';
import type { ContactUpdate, PropertyGroupSpec, PropertySpec, SearchRequest } from './schemas.js';
import { createTokenManager } from './token-manager.js';

export interface GatewayDeps {
  redis: RedisClient;
  keys: AppKeys;
  config: Config;
  logger: Logger;
  /** Called after every HubSpot HTTP call (success or failure): count calls, export metrics. */
  onCall?: (e: HubSpotCallEvent) => void;
  /** Used for the OAuth token endpoint (tests may pass their own). */
  fetch?: typeof fetch;
  clock?: () => number;
  /** Tuning, mostly for tests: limiter windows, the longest in-process wait for a budget slot, token timings. */
  options?: {
    windowMs?: number;
    searchWindowMs?: number;
    maxWaitMs?: number;
    refreshMarginMs?: number;
    lockTtlMs?: number;
  };
}

/**
 * The HubSpot gateway: the only way the rest of the app calls HubSpot's CRM API. Every call goes through the
 * portal's shared Redis budget, a valid (refreshed when due) token and one error classification; failures come
 * out as coded errors with a `disposition` (see errors.ts) for the worker to act on.
 */
export function createHubSpotGateway(deps: GatewayDeps) {
  const { redis, keys, config, logger } = deps;
  const clock = deps.clock ?? Date.now;
  const o = deps.options ?? {};
  const installations = createInstallationStore({ redis, keys, encryptionKey: config.TOKEN_ENCRYPTION_KEY!, clock });
  const limiter = createRateLimiter({
    redis,
    keys,
    budgetPer10s: config.budgetPer10s,
    searchBudgetPerS: config.searchBudgetPerS,
    windowMs: o.windowMs,
    searchWindowMs: o.searchWindowMs,
  });
  const tokens = createTokenManager({
    redis, keys, config, installations, logger, clock, fetch: deps.fetch, refreshMarginMs: o.refreshMarginMs, lockTtlMs: o.lockTtlMs,
  });
  const call = createCaller({
    config, logger, limiter, tokens, clock, onCall: deps.onCall,
    // Wait through ordinary budget waits (at most one window); hand long pauses back to the queue.
    maxWaitMs: o.maxWaitMs ?? (o.windowMs ?? 10_000) + 1_000,
  });

  /** The calls for one portal. Cheap to create; create one per job. */
  function forPortal(portalId: number) {
    return {
      portalId,
      batchReadContacts: (ids: string[], properties: string[], propertiesWithHistory?: string[]) =>
        batchReadContacts(call, portalId, ids, properties, propertiesWithHistory),
      batchUpdateContacts: (inputs: ContactUpdate[]) => batchUpdateContacts(call, portalId, inputs),
      listContacts: (opts: { after?: string; properties: string[]; propertiesWithHistory?: string[]; limit?: number }) =>
        listContacts(call, portalId, opts),
      searchContacts: (request: SearchRequest) => searchContacts(call, portalId, request),
      listContactProperties: () => listContactProperties(call, portalId),
      ensureScoreProperties: (group: PropertyGroupSpec, properties: PropertySpec[]) =>
        ensureScoreProperties(call, portalId, group, properties),
      /** Uninstalls the app from the portal in HubSpot (the portal's "Delete this portal's data"). */
      uninstallApp: () => uninstallApp(call, portalId),
      /** Every contact property of the portal by name (to tell the app's own from anyone else's). */
      contactProperties: () => readContactProperties(call, portalId),
    };
  }

  return {
    forPortal,
    installations,
    limiter,
    tokens,
    /** Closes the gateway's own Redis subscriber (the `redis` passed in stays open: it belongs to the caller). */
    close: () => tokens.close(),
  };
}

export type HubSpotGateway = ReturnType<typeof createHubSpotGateway>;
export type PortalGateway = ReturnType<HubSpotGateway['forPortal']>;
