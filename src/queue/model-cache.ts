import { compileModel } from '../scoring/index.js';
import type { ModelStore } from '../store/models.js';
import type { ScoringModel } from './score-contacts.js';

/** Compiled models kept per process; versions are immutable, so an entry never goes stale. */
const MAX_ENTRIES = 1_000;

/**
 * The published models of a portal, compiled once per version (regexes and conditions are prepared once and
 * reused for every contact). Each call reads only the portal's published version numbers from Redis; a version
 * not seen before is read and compiled.
 */
export function createModelCache(models: ModelStore) {
  const cache = new Map<string, ScoringModel>();

  return {
    async published(portalId: number): Promise<ScoringModel[]> {
      const out: ScoringModel[] = [];
      for (const { modelId, version } of await models.publishedVersions(portalId)) {
        const key = `${portalId}/${modelId}/${version}`;
        let entry = cache.get(key);
        if (!entry) {
          const v = await models.getVersion(portalId, modelId, version);
          if (!v) continue;
          entry = { modelId, version, model: v.model, compiled: compileModel(v.model) };
          if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
          cache.set(key, entry);
        }
        out.push(entry);
      }
      return out;
    },
  };
}

export type ModelCache = ReturnType<typeof createModelCache>;
