import type { RescoreProgress } from '../../contract/index.js';
import type { PropertySpec } from '../../hubspot/schemas.js';
import { listWarnings, OUTPUT_PROPERTY_GROUP, outputPropertyDefinitions } from '../../scoring/index.js';
import { validateModel, type ModelVersion } from '../../store/model-records.js';
import { HttpError } from '../http-error.js';
import type { ApiContext } from './api-context.js';
import { knownProperties } from './crm-lookup-handlers.js';
import type { ApiHandlers } from './endpoint-route.js';
import { asModelInvalid } from './model-handlers.js';
import { refuseForeignOutputs } from './output-ownership.js';

/**
 * Publish and rollback both end the same way: a new version is live and a rescore of every contact is queued
 * (the pipeline's `rescore` job, deduplicated by model and version). Progress is the pipeline's rescore record.
 */
export function publishHandlers(ctx: ApiContext): Pick<ApiHandlers, 'publish' | 'rollback' | 'rescoreProgress'> {
  const author = (userId: number | null) => (userId === null ? {} : { author: `user:${userId}` });

  async function started(portalId: number, v: ModelVersion) {
    // New stage labels or grades must exist as enumeration options before anything writes them: the rescore job
    // ensures this too, but a Recalculate on a card may come first.
    const inst = await ctx.gateway.installations.get(portalId);
    if (inst?.status === 'active') {
      await ctx.gateway.forPortal(portalId).ensureScoreProperties({ ...OUTPUT_PROPERTY_GROUP }, outputPropertyDefinitions(v.model) as PropertySpec[]);
    }
    // The job only runs while the progress record it was queued for is current (a newer publish supersedes it).
    const progress = await ctx.progress.start(portalId, 'rescore', { modelId: v.model.id, version: v.version });
    await ctx.scheduler.enqueueRescore(portalId, v.model.id, v.version, progress.startedAt);
    const rescore = await progressOf(ctx, portalId, v.model.id, v.version);
    return { model: { id: v.model.id, name: v.model.name, version: v.version }, rescore, warnings: listWarnings(v.model, await knownProperties(ctx, portalId)) };
  }

  return {
    publish: async ({ portalId, userId, params, body }) => {
      if (!(await ctx.models.get(portalId, params.modelId))) throw new HttpError(404, 'NOT_FOUND', `No model "${params.modelId}"`);
      const v = await asModelInvalid(async () => {
        const draft = await ctx.models.getDraft(portalId, params.modelId);
        if (draft) await refuseForeignOutputs(ctx, portalId, validateModel(draft.model, params.modelId));
        return ctx.models.publishDraft(portalId, params.modelId, { ...author(userId), ...(body.note ? { note: body.note } : {}) });
      });
      if (!v) throw new HttpError(409, 'CONFLICT', 'There is no draft to publish: the published version is already the latest document');
      return started(portalId, v);
    },

    rollback: async ({ portalId, userId, params, body }) => {
      const current = await ctx.models.getPublished(portalId, params.modelId);
      if (current && current.version === body.version) throw new HttpError(409, 'CONFLICT', `v${body.version} is already live`);
      const v = await asModelInvalid(async () => {
        const old = await ctx.models.getVersion(portalId, params.modelId, body.version);
        if (old) await refuseForeignOutputs(ctx, portalId, validateModel(old.model, params.modelId));
        return ctx.models.rollback(portalId, params.modelId, body.version, author(userId));
      });
      if (!v) throw new HttpError(404, 'NOT_FOUND', `Model "${params.modelId}" has no version ${body.version}`);
      return started(portalId, v);
    },

    rescoreProgress: async ({ portalId, params }) => {
      const published = await ctx.models.getPublished(portalId, params.modelId);
      if (!published) throw new HttpError(404, 'NOT_FOUND', `Model "${params.modelId}" has no published version`);
      return progressOf(ctx, portalId, params.modelId, published.version);
    },
  };
}

/**
 * The rescore of `modelId` v`version` as the UI shows it. The pipeline keeps one rescore record per portal
 * (started here at publish, advanced by the job); when it is about another model or version, this one was
 * superseded by a later publish (done as far as the user is concerned) or is still queued. `total` is the number of contacts the app knows
 * in the portal (an estimate until the listing finishes; then what was seen).
 */
export async function progressOf(ctx: ApiContext, portalId: number, modelId: string, version: number): Promise<RescoreProgress> {
  const [p, known] = await Promise.all([ctx.progress.get(portalId, 'rescore'), ctx.records.count(portalId)]);
  if (p && p.modelId === modelId && p.version === version) {
    const total = p.status === 'done' ? p.seen : Math.max(known, p.seen);
    return { modelId, version, status: p.status, done: p.seen, total };
  }
  const v = await ctx.models.getVersion(portalId, modelId, version);
  const superseded = p !== null && v !== null && v.publishedAt < p.startedAt;
  return { modelId, version, status: superseded ? 'done' : 'queued', done: 0, total: superseded ? 0 : known };
}
