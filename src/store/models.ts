import type { RedisClient } from './redis-client.js';
import { ValidationError } from '../errors.js';
import type { Model } from '../scoring/index.js';
import type { AppKeys } from './keys.js';
import { luaScript } from './lua.js';
import {
  DraftSchema, ModelSummarySchema, validateModel, VersionSchema, type Draft, type ModelSummary, type ModelVersion, type PublishedModel,
} from './model-records.js';

/**
 * Scoring models per portal: an editable draft, immutable numbered versions (1, 2, …) and a pointer to the
 * published one. Only a model that passes `parseModel` is stored, draft or version. Publishing appends a version
 * and moves the pointer in one atomic script; a rollback publishes an earlier version's document again as a new
 * version, so history only grows and every published state stays reproducible. The stored shapes are in
 * model-records.ts.
 */

/** KEYS: index, draft. ARGV: modelId, name, draftUpdatedAt, draft JSON. Saves the draft and its summary. */
const SAVE_DRAFT = luaScript(`
local s = cjson.decode(redis.call('HGET', KEYS[1], ARGV[1]) or '{}')
s.id = ARGV[1]
s.name = ARGV[2]
s.draftUpdatedAt = tonumber(ARGV[3])
redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(s))
redis.call('SET', KEYS[2], ARGV[4])
return 1`);

/**
 * KEYS: index, versions, published, draft. ARGV: modelId, version body JSON (without `version`), name, prefix.
 * Appends the version, points `published` at it and drops the draft (it is now the published document), all
 * at once. → the new version number, or -1 when another published model already writes that prefix.
 */
const PUBLISH = luaScript(`
for _, json in ipairs(redis.call('HVALS', KEYS[1])) do
  local o = cjson.decode(json)
  if o.id ~= ARGV[1] and o.propertyPrefix == ARGV[4] and o.publishedVersion then return -1 end
end
local v = redis.call('HLEN', KEYS[2]) + 1
redis.call('HSET', KEYS[2], v, '{"version":' .. v .. ',' .. string.sub(ARGV[2], 2))
redis.call('SET', KEYS[3], v)
redis.call('DEL', KEYS[4])
local s = cjson.decode(redis.call('HGET', KEYS[1], ARGV[1]) or '{}')
s.id = ARGV[1]
s.name = ARGV[3]
s.propertyPrefix = ARGV[4]
s.publishedVersion = v
s.latestVersion = v
s.draftUpdatedAt = nil
redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(s))
return v`);

function stripUndefined<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export function createModelStore(deps: { redis: RedisClient; keys: AppKeys; clock?: () => number }) {
  const { redis, keys } = deps;
  const clock = deps.clock ?? Date.now;
  const mk = (portalId: number, modelId: string) => keys.portal(portalId).model(modelId);
  const index = (portalId: number) => keys.portal(portalId).models;
  const summaries = async (portalId: number): Promise<ModelSummary[]> =>
    (await redis.hvals(index(portalId))).map((j) => ModelSummarySchema.parse(JSON.parse(j)));

  async function getVersion(portalId: number, modelId: string, version: number): Promise<ModelVersion | null> {
    const json = await redis.hget(mk(portalId, modelId).versions, String(version));
    return json ? VersionSchema.parse(JSON.parse(json)) : null;
  }

  async function getDraft(portalId: number, modelId: string): Promise<Draft | null> {
    const json = await redis.get(mk(portalId, modelId).draft);
    return json ? DraftSchema.parse(JSON.parse(json)) : null;
  }

  async function publishModel(
    portalId: number, model: Model, meta: { author?: string; note?: string; rolledBackFrom?: number },
  ): Promise<ModelVersion> {
    const k = mk(portalId, model.id);
    const body = { model, publishedAt: clock(), ...stripUndefined(meta) };
    const prefix = model.propertyPrefix;
    const version = Number(await PUBLISH.run(redis, [index(portalId), k.versions, k.published, k.draft], [model.id, JSON.stringify(body), model.name, prefix]));
    if (version < 0) {
      throw new ValidationError([{ path: 'propertyPrefix', message: `"${prefix}" is already written by another published model of this portal` }]);
    }
    return VersionSchema.parse({ version, ...body });
  }

  return {
    getVersion,
    getDraft,

    /** Every model of the portal (drafts and published), by id. */
    async list(portalId: number): Promise<ModelSummary[]> {
      return (await summaries(portalId)).sort((a, b) => a.id.localeCompare(b.id));
    },

    /** One model: its draft, the published version number and every version's metadata (newest first). */
    async get(portalId: number, modelId: string) {
      const k = mk(portalId, modelId);
      const [draft, published, versions] = await Promise.all([getDraft(portalId, modelId), redis.get(k.published), redis.hvals(k.versions)]);
      if (!draft && !published && !versions.length) return null;
      const metas = versions
        .map((j) => VersionSchema.parse(JSON.parse(j)))
        .map(({ model: _m, ...meta }) => meta)
        .sort((a, b) => b.version - a.version);
      return { id: modelId, draft, publishedVersion: published ? Number(published) : null, versions: metas };
    },

    /** The published version of one model, or null. */
    async getPublished(portalId: number, modelId: string): Promise<ModelVersion | null> {
      const v = await redis.get(mk(portalId, modelId).published);
      return v ? getVersion(portalId, modelId, Number(v)) : null;
    },

    /** Which version of each model is published (cheap: the worker's cache key). */
    async publishedVersions(portalId: number): Promise<{ modelId: string; version: number }[]> {
      return (await summaries(portalId))
        .flatMap((s) => (s.publishedVersion ? [{ modelId: s.id, version: s.publishedVersion }] : []))
        .sort((a, b) => a.modelId.localeCompare(b.modelId));
    },

    /** Every published model of the portal (what the worker scores with). */
    async listPublished(portalId: number): Promise<PublishedModel[]> {
      const out: PublishedModel[] = [];
      for (const s of await summaries(portalId)) {
        if (!s.publishedVersion) continue;
        const v = await getVersion(portalId, s.id, s.publishedVersion);
        if (v) out.push({ modelId: s.id, version: v.version, model: v.model });
      }
      return out.sort((a, b) => a.modelId.localeCompare(b.modelId));
    },

    /** The property prefixes the portal's published models write (webhooks about them are ignored). */
    async outputPrefixes(portalId: number): Promise<string[]> {
      return (await summaries(portalId)).flatMap((s) => (s.publishedVersion && s.propertyPrefix ? [s.propertyPrefix] : []));
    },

    /** Validates and saves a draft; on any error nothing is saved and the error lists every problem. */
    async saveDraft(portalId: number, modelId: string, doc: unknown, author?: string): Promise<Draft> {
      const model = validateModel(doc, modelId);
      const published = await redis.get(mk(portalId, modelId).published);
      const draft: Draft = { model, updatedAt: clock(), basedOnVersion: published ? Number(published) : null, ...stripUndefined({ author }) };
      await SAVE_DRAFT.run(redis, [index(portalId), mk(portalId, modelId).draft], [modelId, model.name, draft.updatedAt, JSON.stringify(draft)]);
      return draft;
    },

    /** Publishes the current draft as a new version; null when the model has no draft. */
    async publishDraft(portalId: number, modelId: string, meta: { author?: string; note?: string } = {}): Promise<ModelVersion | null> {
      const draft = await getDraft(portalId, modelId);
      if (!draft) return null;
      return publishModel(portalId, validateModel(draft.model, modelId), meta);
    },

    /** Validates and publishes a document directly (the starter model on install, the CLI). */
    async publishDocument(portalId: number, doc: unknown, meta: { author?: string; note?: string } = {}): Promise<ModelVersion> {
      return publishModel(portalId, validateModel(doc), meta);
    },

    /** Publishes an earlier version's document again, as a new version; null when that version does not exist. */
    async rollback(portalId: number, modelId: string, version: number, meta: { author?: string; note?: string } = {}): Promise<ModelVersion | null> {
      const old = await getVersion(portalId, modelId, version);
      if (!old) return null;
      return publishModel(portalId, validateModel(old.model, modelId), { ...meta, rolledBackFrom: version });
    },

    /** Whether the portal has any published model. */
    async hasPublished(portalId: number): Promise<boolean> {
      return (await summaries(portalId)).some((s) => s.publishedVersion !== undefined);
    },
  };
}

export type ModelStore = ReturnType<typeof createModelStore>;
