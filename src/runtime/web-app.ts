import type { Queue } from 'bullmq';
import type { RedisClient } from '../store/redis-client.js';
import type { Config } from '../config.js';
import type { HubSpotGateway } from '../hubspot/gateway.js';
import { createInstallFlow } from '../hubspot/install-flow.js';
import type { Logger } from '../logger.js';
import { checkReadiness } from '../observability/readiness.js';
import { createPipelineContext } from '../queue/context.js';
import { createScheduler } from '../queue/scheduler.js';
import type { AppKeys } from '../store/keys.js';
import { signedApiAuth, signedRequestOptions } from '../web/api/signed-request.js';
import { createApp, type AppDeps } from '../web/app.js';
import { completeInstall } from '../web/oauth/complete-install.js';
import { createBatchReceiver } from '../web/webhooks/receive-batch.js';
import { workflowActionDeps, workflowActionsRouter } from '../web/workflow-actions-route.js';

export type WebAppDeps = {
  config: Config;
  logger: Logger;
  /** A fail-fast connection (see connections.ts). */
  redis: RedisClient;
  keys: AppKeys;
  queue: Queue;
  gateway: Pick<HubSpotGateway, 'forPortal' | 'installations'>;
  /** The secret HubSpot signs with (HUBSPOT_CLIENT_SECRET, or the sandbox app's). */
  clientSecret: string;
  /** The model a new portal starts with (examples/starter-model.json). */
  starterModel: unknown;
  clock?: () => number;
  /** For the OAuth token endpoint (tests). */
  fetch?: typeof fetch;
  /** Replaces the `/api` guard (default: HubSpot-signed requests only). */
  apiGuard?: AppDeps['apiGuard'];
  routers?: AppDeps['routers'];
  /** `/readyz` (default: Redis answers PING). */
  ready?: AppDeps['ready'];
};

/** Wires the web process: the pipeline's stores on the fail-fast connection, the scheduler, the adapter's flows. */
export function buildWebApp(deps: WebAppDeps) {
  const { config, logger, redis, keys } = deps;
  const clock = deps.clock ?? Date.now;
  const scheduler = createScheduler({ queue: deps.queue, clock });
  const ctx = createPipelineContext({ redis, keys, config, logger, gateway: deps.gateway, scheduler, clock });
  const signed = { secret: deps.clientSecret, publicBaseUrl: config.PUBLIC_BASE_URL, maxAgeMs: config.SIGNATURE_MAX_AGE_MS };
  const flowConfig = { ...config, HUBSPOT_CLIENT_SECRET: deps.clientSecret };
  const flow = createInstallFlow({ redis, keys, config: flowConfig, logger, fetch: deps.fetch, clock, installations: deps.gateway.installations });

  const requestScore = async (portalId: number, contactId: string) => {
    const now = clock();
    await ctx.active.dirtied(portalId, now);
    await scheduler.scheduleScore(portalId, await ctx.dirty.markDirty(portalId, [contactId], now));
  };

  return createApp({
    logger,
    trustProxy: config.TRUST_PROXY,
    webhooks: {
      ...signed,
      clock,
      logger,
      receive: createBatchReceiver({
        redis, keys, ledger: ctx.ledger, dirty: ctx.dirty, active: ctx.active, models: ctx.models, scheduler, logger, clock, isActive: deps.gateway.installations.isActive,
      }),
    },
    oauth: {
      flow,
      completeInstall: (portalId) =>
        completeInstall({ models: ctx.models, forPortal: deps.gateway.forPortal, progress: ctx.progress, scheduler, starterModel: deps.starterModel, logger }, portalId),
      logger,
    },
    api: ctx,
    apiGuard: deps.apiGuard ?? signedApiAuth(signedRequestOptions(config, deps.clientSecret, clock)),
    isInstalled: deps.gateway.installations.isActive,
    rawRouters: [
      workflowActionsRouter(workflowActionDeps({
        config, secret: deps.clientSecret, installations: deps.gateway.installations, models: ctx.models, scores: ctx.scores, requestScore, now: clock,
      })),
    ],
    routers: deps.routers,
    ready: deps.ready ?? (() => checkReadiness({ redis: () => redis.ping() })),
  });
}
