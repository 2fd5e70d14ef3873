import type { CardData } from '../../contract/index.js';
import { scoreAndWrite } from '../../queue/score-and-write.js';
import { sameOutputs, type ScoringModel } from '../../queue/score-contacts.js';
import { evaluate, modelProperties, outputProperties, type ScoreResult } from '../../scoring/index.js';
import { eventsFromProperties, mergeEvents, syncProperties } from '../../signals/index.js';
import { HttpError } from '../http-error.js';
import { requireInstalled, type ApiContext } from './api-context.js';
import type { ApiHandlers } from './endpoint-route.js';
import { cardData, scopeText } from './score-view.js';

type Properties = Record<string, string | null | undefined>;

/**
 * The card shows the first published model (by id) of the portal: with one model, that model; with several,
 * a stable choice. A contact with no stored score was either never in the model's scope (nothing is stored for
 * those) or not scored yet: `properties` (the contact as just read) or, without them, one read of the scope's
 * properties tells which, so a customer's card says "outside the scope" rather than "not scored yet".
 *
 * A scored contact's breakdown is recomputed, not stored: the store keeps only what the worker needs to decide
 * its writes (the outputs last written), because HubSpot already holds the property values and the engine
 * explains a score from them and the ledger in well under a millisecond. The card reads the model's properties
 * in one batch read through the portal's gateway (its rate budget) and scores them with the stored ledger, the
 * same inputs and engine as the worker (score-contacts.ts), at the current time: exact by construction. When the
 * fresh rounded outputs differ from the stored ones, the card shows the fresh figures (the score the pipeline is
 * about to write) and the contact is marked dirty so the pipeline writes them. When HubSpot cannot be read, the
 * card shows the stored figures without a breakdown.
 */
export async function readCard(ctx: ApiContext, portalId: number, contactId: string, properties?: Properties): Promise<CardData> {
  const published = await ctx.models.publishedVersions(portalId);
  const target = published[0];
  if (!target) return { state: 'not-scored', contactId, model: null };
  const { scores, history } = await ctx.scores.contact(portalId, contactId);
  const score = scores.find((s) => s.modelId === target.modelId);
  const models = await ctx.modelCache.published(portalId);
  const scoring = models.find((m) => m.modelId === target.modelId && m.version === target.version);
  if (!score || !scoring) {
    const version = await ctx.models.getVersion(portalId, target.modelId, score?.version ?? target.version);
    const model = { id: target.modelId, name: version?.model.name ?? target.modelId, version: target.version };
    if (scoring && (await outOfScope(ctx, portalId, contactId, scoring, properties))) {
      return { state: 'out-of-scope', contactId, model, scoredAt: new Date(ctx.clock()).toISOString(), ...scopeText(scoring.model) };
    }
    return { state: 'not-scored', contactId, model };
  }
  const now = ctx.clock();
  const result = await recompute(ctx, portalId, contactId, models, scoring, now, properties);
  const ref = { id: scoring.modelId, name: scoring.model.name, version: scoring.version };
  if (!result) {
    const version = await ctx.models.getVersion(portalId, score.modelId, score.version);
    const model = version?.model ?? scoring.model;
    return cardData({ contactId, model, ref: { ...ref, name: model.name, version: score.version }, scoredAt: score.scoredAt, result: null, stored: score, history });
  }
  const same = score.version === scoring.version && score.inScope === result.inScope &&
    sameOutputs(scoring.model, score.outputs, outputProperties(scoring.model, result, score.outputs));
  if (!same) await rescoreSoon(ctx, portalId, contactId, now);
  return cardData({ contactId, model: scoring.model, ref, scoredAt: same ? score.scoredAt : now, result, stored: score, history });
}

/**
 * The engine's result for the card: the properties every published model syncs (as the worker reads them, so
 * the events they prove are the same) and the stored ledger. Null when HubSpot cannot be read.
 */
async function recompute(
  ctx: ApiContext, portalId: number, contactId: string, models: ScoringModel[], m: ScoringModel, now: number, known?: Properties,
): Promise<ScoreResult | null> {
  const properties = known ?? (await readProperties(ctx, portalId, contactId, syncProperties(models.map((x) => x.model)),
    'Could not read a contact for its card; showing the stored score without its breakdown'));
  if (!properties) return null;
  const ledger = (await ctx.ledger.read(portalId, [contactId])).get(contactId) ?? [];
  return evaluate(m.compiled, { properties, events: mergeEvents(ledger, eventsFromProperties(properties)) }, now);
}

/** The card saw a score the pipeline has not written yet: have the pipeline score the contact. */
async function rescoreSoon(ctx: ApiContext, portalId: number, contactId: string, now: number): Promise<void> {
  try {
    const due = await ctx.dirty.markDirty(portalId, [contactId], now);
    await ctx.scheduler.scheduleScore(portalId, due);
  } catch (err) {
    ctx.logger.warn({ portalId, err: (err as Error).message }, 'Could not mark a contact for rescoring from its card');
  }
}

/**
 * Whether the model's scope excludes the contact. Reads only the scope's properties, and only when it must; when
 * HubSpot cannot answer (not installed, unavailable) the card falls back to "not scored yet".
 */
async function outOfScope(ctx: ApiContext, portalId: number, contactId: string, m: ScoringModel, known?: Properties): Promise<boolean> {
  if (!m.model.scope) return false;
  const scopeOnly = () => modelProperties({ ...m.model, fit: { ...m.model.fit, groups: [] }, engagement: { ...m.model.engagement, groups: [] } });
  const properties = known ?? (await readProperties(ctx, portalId, contactId, scopeOnly(), 'Could not read the scope properties of a contact for its card'));
  if (!properties) return false;
  return !evaluate(m.compiled, { properties, events: [] }, ctx.clock()).inScope;
}

/**
 * One contact's properties for the card, read through the portal's gateway (its rate budget); undefined when
 * HubSpot cannot answer (not installed, unavailable): the card then falls back rather than failing.
 */
async function readProperties(ctx: ApiContext, portalId: number, contactId: string, names: string[], warning: string): Promise<Properties | undefined> {
  try {
    await requireInstalled(ctx, portalId);
    return (await ctx.gateway.forPortal(portalId).batchReadContacts([contactId], names)).results[0]?.properties;
  } catch (err) {
    ctx.logger.warn({ portalId, err: (err as Error).message }, warning);
    return undefined;
  }
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
