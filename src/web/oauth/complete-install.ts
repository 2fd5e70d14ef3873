import type { PortalGateway } from '../../hubspot/gateway.js';
import type { PropertySpec } from '../../hubspot/schemas.js';
import type { Logger } from '../../logger.js';
import type { Scheduler } from '../../queue/scheduler.js';
import { OUTPUT_PROPERTY_GROUP, outputPropertyDefinitions } from '../../scoring/index.js';
import type { ProgressStore } from '../../store/backfill-progress.js';
import type { ModelStore } from '../../store/models.js';

export type CompleteInstallDeps = {
  models: Pick<ModelStore, 'hasPublished' | 'publishDocument' | 'listPublished'>;
  forPortal: (portalId: number) => Pick<PortalGateway, 'ensureScoreProperties'>;
  progress: Pick<ProgressStore, 'start'>;
  scheduler: Pick<Scheduler, 'enqueueBackfill'>;
  /** The model a new portal starts with (examples/starter-model.json). */
  starterModel: unknown;
  logger: Logger;
};

/**
 * What follows a successful token exchange: a portal with no model gets the starter model as its first
 * published version; the property group and every published model's output properties are created
 * (idempotent); then the backfill of every contact is enqueued with fresh progress.
 */
export async function completeInstall(deps: CompleteInstallDeps, portalId: number): Promise<{ backfillStartedAt: number; starterPublished: boolean }> {
  let starterPublished = false;
  if (!(await deps.models.hasPublished(portalId))) {
    await deps.models.publishDocument(portalId, deps.starterModel, { author: 'install', note: 'Starter model, published on install' });
    starterPublished = true;
  }
  const gw = deps.forPortal(portalId);
  for (const { model } of await deps.models.listPublished(portalId)) {
    await gw.ensureScoreProperties({ ...OUTPUT_PROPERTY_GROUP }, outputPropertyDefinitions(model) as PropertySpec[]);
  }
  const progress = await deps.progress.start(portalId, 'backfill');
  await deps.scheduler.enqueueBackfill(portalId, progress.startedAt);
  deps.logger.info({ portalId, starterPublished }, 'app installed: properties ensured, backfill enqueued');
  return { backfillStartedAt: progress.startedAt, starterPublished };
}
