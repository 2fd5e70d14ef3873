import type { CardData } from '../../contract/index.js';
import { scoreAndWrite } from '../../queue/score-and-write.js';
import { syncProperties } from '../../signals/index.js';
import { HttpError } from '../http-error.js';
import { requireInstalled, type ApiContext } from './api-context.js';
import type { ApiHandlers } from './endpoint-route.js';
import { cardData } from './score-view.js';

/**
 * The card shows the first published model (by id) of the portal: with one model, that model; with several,
 * a stable choice. Its data is the stored score (what was written to HubSpot), never a fresh computation.
 */
export async function readCard(ctx: ApiContext, portalId: number, contactId: string): Promise<CardData> {
  const published = await ctx.models.publishedVersions(portalId);
  const target = published[0];
  if (!target) return { state: 'not-scored', contactId, model: null };
  const { scores, history } = await ctx.scores.contact(portalId, contactId);
  const score = scores.find((s) => s.modelId === target.modelId);
  const version = await ctx.models.getVersion(portalId, target.modelId, score?.version ?? target.version);
  if (!score || !version) {
    const name = version?.model.name ?? target.modelId;
    return { state: 'not-scored', contactId, model: { id: target.modelId, name, version: target.version } };
  }
  return cardData({ contactId, model: version.model, name: version.model.name, score, history });
}

export function cardHandlers(ctx: ApiContext): Pick<ApiHandlers, 'getCard' | 'recalculate'> {
  return {
    getCard: async ({ portalId, params }) => readCard(ctx, portalId, params.contactId),

    /**
     * Scores this one contact now with the pipeline's own read → score → write (one batch read, at most one
     * batch update, through the portal's rate limiter), then answers the new card.
     */
    recalculate: async ({ portalId, params }) => {
      const models = await ctx.modelCache.published(portalId);
      if (!models.length) return readCard(ctx, portalId, params.contactId);
      await requireInstalled(ctx, portalId);
      const gw = ctx.gateway.forPortal(portalId);
      const read = await gw.batchReadContacts([params.contactId], syncProperties(models.map((m) => m.model)));
      if (!read.results.length) throw new HttpError(404, 'NOT_FOUND', `Contact ${params.contactId} does not exist in this HubSpot account`);
      await scoreAndWrite(ctx, gw, portalId, read.results, models);
      return readCard(ctx, portalId, params.contactId);
    },
  };
}
