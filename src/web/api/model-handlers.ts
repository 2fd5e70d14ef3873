import type { Draft as DraftView } from '../../contract/index.js';
import { ValidationError } from '../../errors.js';
import { validateModel } from '../../store/model-records.js';
import { listWarnings, type Model } from '../../scoring/index.js';
import { HttpError } from '../http-error.js';
import type { ApiContext } from './api-context.js';
import { knownProperties } from './crm-lookup-handlers.js';
import type { ApiHandlers } from './endpoint-route.js';
import { refuseForeignOutputs } from './output-ownership.js';

const iso = (ms: number) => new Date(ms).toISOString();

/** A model that fails `parseModel` is refused whole: 422 with every problem by JSON path (nothing is saved). */
export async function asModelInvalid<T>(work: () => Promise<T> | T): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof ValidationError) throw new HttpError(422, 'MODEL_INVALID', 'The model is invalid: nothing was saved', err.issues);
    throw err;
  }
}

const notFound = (modelId: string) => new HttpError(404, 'NOT_FOUND', `No model "${modelId}" in this HubSpot account`);

/** The draft as the editor starts from it: the saved draft, else the published document. */
export async function currentDraft(ctx: ApiContext, portalId: number, modelId: string): Promise<DraftView> {
  const m = await ctx.models.get(portalId, modelId);
  if (!m) throw notFound(modelId);
  if (m.draft) {
    const { model, basedOnVersion, updatedAt } = m.draft;
    return { modelId, draft: model, basedOnVersion, updatedAt: iso(updatedAt), warnings: listWarnings(model, await knownProperties(ctx, portalId)) };
  }
  const published = m.publishedVersion ? await ctx.models.getVersion(portalId, modelId, m.publishedVersion) : null;
  if (!published) throw notFound(modelId);
  return { modelId, draft: published.model, basedOnVersion: published.version, updatedAt: null, warnings: listWarnings(published.model, await knownProperties(ctx, portalId)) };
}

export function modelHandlers(ctx: ApiContext): Pick<ApiHandlers, 'listModels' | 'listVersions' | 'getDraft' | 'putDraft' | 'importModel' | 'exportModel'> {
  const author = (userId: number | null) => (userId === null ? undefined : `user:${userId}`);
  return {
    listModels: async ({ portalId }) => ({
      models: (await ctx.models.list(portalId)).map((s) => ({
        id: s.id, name: s.name, publishedVersion: s.publishedVersion ?? null, draftUpdatedAt: s.draftUpdatedAt === undefined ? null : iso(s.draftUpdatedAt),
      })),
    }),

    listVersions: async ({ portalId, params }) => {
      const m = await ctx.models.get(portalId, params.modelId);
      if (!m) throw notFound(params.modelId);
      return {
        modelId: params.modelId,
        publishedVersion: m.publishedVersion,
        versions: m.versions.map((v) => ({ version: v.version, publishedAt: iso(v.publishedAt), note: v.note ?? null, rolledBackFrom: v.rolledBackFrom ?? null })),
      };
    },

    getDraft: async ({ portalId, params }) => currentDraft(ctx, portalId, params.modelId),

    putDraft: async ({ portalId, userId, params, body }) => {
      if (!(await ctx.models.get(portalId, params.modelId))) throw notFound(params.modelId);
      await asModelInvalid(async () => {
        await refuseForeignOutputs(ctx, portalId, validateModel(body.model, params.modelId));
        return ctx.models.saveDraft(portalId, params.modelId, body.model, author(userId));
      });
      return currentDraft(ctx, portalId, params.modelId);
    },

    importModel: async ({ portalId, userId, body }) => {
      const model = await asModelInvalid(async () => {
        const m = validateModel(parseJsonText(body.json));
        await refuseForeignOutputs(ctx, portalId, m);
        return m;
      });
      await ctx.models.saveDraft(portalId, model.id, model, author(userId));
      return currentDraft(ctx, portalId, model.id);
    },

    exportModel: async ({ portalId, params, query }) => {
      const { modelId } = params;
      let model: Model;
      let version: number | null = null;
      if (query.version === undefined || query.version === 'draft') {
        model = (await currentDraft(ctx, portalId, modelId)).draft;
      } else {
        const v = await ctx.models.getVersion(portalId, modelId, query.version);
        if (!v) throw new HttpError(404, 'NOT_FOUND', `Model "${modelId}" has no version ${query.version}`);
        model = v.model;
        version = v.version;
      }
      return { modelId, version, json: `${JSON.stringify(model, null, 2)}\n` };
    },
  };
}

/** Pasted text → a document; a syntax error is a model error at the root path. */
function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ValidationError([{ path: '', message: `not valid JSON: ${(err as Error).message}` }]);
  }
}
