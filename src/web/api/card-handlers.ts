import type { CardData } from '../../contract/index.js';
import { scoreAndWrite } from '../../queue/score-and-write.js';
import type { ScoringModel } from '../../queue/score-contacts.js';
import { evaluate, modelProperties } from '../../scoring/index.js';
import { syncProperties } from '../../signals/index.js';
import { HttpError } from '../http-error.js';
import { requireInstalled, type ApiContext } from './api-context.js';
import type { ApiHandlers } from './endpoint-route.js';
import { cardData, scopeText } from './score-view.js';

type Properties = Record<string, string | null | undefined>;

/**
 * The card shows the first published model (by id) of the portal: with one model, that model; with several,
 * a stable choice. Its data is the stored score (what was written to HubSpot), never a fresh computation.
 * A contact with no stored score was either never in the model's scope (nothing is stored for those) or not
 * scored yet: `properties` (the contact as just read) or, without them, one read of the scope's properties
 * tells which, so a customer's card says "outside the scope" rather than "not scored yet".
 */
export async function readCard(ctx: ApiContext, portalId: number, contactId: string, properties?: Properties): Promise<CardData> {
  const published = await ctx.models.publishedVersions(portalId);
  const target = published[0];
  if (!target) return { state: 'not-scored', contactId, model: null };
  const { scores, history } = await ctx.scores.contact(portalId, contactId);
  const score = scores.find((s) => s.modelId === target.modelId);
  const version = await ctx.models.getVersion(portalId, target.modelId, score?.version ?? target.version);
  if (!score || !version) {
    const name = version?.model.name ?? target.modelId;
    const model = { id: target.modelId, name, version: target.version };
    const scoring = (await ctx.modelCache.published(portalId)).find((m) => m.modelId === target.modelId && m.version === target.version);
    if (scoring && (await outOfScope(ctx, portalId, contactId, scoring, properties))) {
      return { state: 'out-of-scope', contactId, model, scoredAt: new Date(ctx.clock()).toISOString(), ...scopeText(scoring.model) };
    }
    return { state: 'not-scored', contactId, model };
  }
  return cardData({ contactId, model: version.model, name: version.model.name, score, history });
}

/**
 * Whether the model's scope excludes the contact. Reads only the scope's properties, and only when it must; when
 * HubSpot cannot answer (not installed, unavailable) the card falls back to "not scored yet".
 */
async function outOfScope(ctx: ApiContext, portalId: number, contactId: string, m: ScoringModel, known?: Properties): Promise<boolean> {
  if (!m.model.scope) return false;
  let properties = known;
  if (!properties) {
    const names = modelProperties({ ...m.model, fit: { ...m.model.fit, groups: [] }, engagement: { ...m.model.engagement, groups: [] } });
    try {
      await requireInstalled(ctx, portalId);
      properties = (await ctx.gateway.forPortal(portalId).batchReadContacts([contactId], names)).results[0]?.properties;
    } catch (err) {
      ctx.logger.warn({ portalId, err: (err as Error).message }, 'Could not read the scope properties of a contact for its card');
      return false;
    }
  }
  if (!properties) return false;
  return !evaluate(m.compiled, { properties, events: [] }, ctx.clock()).inScope;
}

export function cardHandlers(ctx: ApiContext): Pick<ApiHandlers, 'getCard' | 'recalculate'> {
  return {
    getCard: async ({ portalId, params }) => readCard(ctx, portalId, params.contactId),

    /**
     * Scores this one contact now with the pipeline's own read → score → write (one batch read, at most one
     * batch update, through the portal's rate limiter), then answers the new card: scored, or outside the scope.
     */
    recalculate: async ({ portalId, params }) => {
      const models = await ctx.modelCache.published(portalId);
      if (!models.length) return readCard(ctx, portalId, params.contactId);
      await requireInstalled(ctx, portalId);
      const gw = ctx.gateway.forPortal(portalId);
      const read = await gw.batchReadContacts([params.contactId], syncProperties(models.map((m) => m.model)));
      const contact = read.results[0];
      if (!contact) throw new HttpError(404, 'NOT_FOUND', `Contact ${params.contactId} does not exist in this HubSpot account`);
      await scoreAndWrite(ctx, gw, portalId, read.results, models);
      return readCard(ctx, portalId, params.contactId, contact.properties);
    },
  };
}
