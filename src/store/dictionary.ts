import { randomBytes } from 'node:crypto';
import type { RedisClient } from './redis-client.js';
import type { AppKeys } from './keys.js';
import { checkExec, luaScript } from './lua.js';

/**
 * Each portal's string dictionary for the compact records: event types, attribute names and values, output
 * names, grades and stages recur across thousands of contacts, so a record stores a one- or two-byte code instead
 * of the string. Codes are allocated atomically in Redis (any process may add one) and never change, so every
 * process caches them; past DICTIONARY_MAX_ENTRIES per portal new strings stay inline in the records (a portal
 * whose pages carry unique URLs cannot grow its dictionary without bound). A generation (`#g`, random, set when the
 * dictionary is created) tells a process that the portal was erased and its cached codes mean nothing any more.
 * Both keys are written only by the one script, so the string → code hash and the code list always agree.
 */
export const DICTIONARY_MAX_ENTRIES = 100_000;

/**
 * KEYS: dict (string → code, `#g`), codes (a list: code n is its n-th string). ARGV: cap, new generation,
 * strings… → {generation, code per string (0: stays inline)}. Codes read back by index from a list cost a few
 * bytes each; a second hash field per string would cost ~70.
 */
const INTERN = luaScript(`
local gen = redis.call('HGET', KEYS[1], '#g')
if not gen then
  gen = ARGV[2]
  redis.call('HSET', KEYS[1], '#g', gen)
end
local cap = tonumber(ARGV[1])
local out = {gen}
for i = 3, #ARGV do
  local s = ARGV[i]
  local code = redis.call('HGET', KEYS[1], 's:' .. s)
  if not code then
    if redis.call('LLEN', KEYS[2]) < cap then
      code = redis.call('RPUSH', KEYS[2], s)
      redis.call('HSET', KEYS[1], 's:' .. s, code)
    else
      code = 0
    end
  end
  out[#out + 1] = tonumber(code)
end
return out`);

type PortalCache = { gen: string | null; byString: Map<string, number>; byCode: Map<number, string> };

/** Cached entries per portal before the cache starts over (the dictionary in Redis stays). */
const CACHE_MAX = 200_000;

export function createDictionary(deps: { redis: RedisClient; keys: AppKeys; maxEntries?: number }) {
  const { redis, keys } = deps;
  const cap = deps.maxEntries ?? DICTIONARY_MAX_ENTRIES;
  const caches = new Map<number, PortalCache>();

  const cache = (portalId: number): PortalCache => {
    let c = caches.get(portalId);
    if (!c || c.byCode.size > CACHE_MAX) {
      c = { gen: c?.gen ?? null, byString: new Map(), byCode: new Map() };
      caches.set(portalId, c);
    }
    return c;
  };

  /**
   * Starts the portal's cache over when the dictionary in Redis is not the one it was filled from: another
   * generation, or none at all (the portal was erased: its codes must be allocated again, not reused from here).
   */
  function checkGeneration(portalId: number, gen: string | null): void {
    const c = cache(portalId);
    if (c.gen === gen && (gen !== null || !c.byString.size)) return;
    caches.set(portalId, { gen, byString: new Map(), byCode: new Map() });
  }

  return {
    checkGeneration,

    /** Queues reading the generation in a pipeline that reads records (so the decode uses valid codes). */
    generationKey: (portalId: number) => keys.portal(portalId).dict,

    /** The cached code of a string: 0 when it stays inline for good (cap), undefined when not cached yet. */
    cachedCode: (portalId: number, s: string): number | undefined => cache(portalId).byString.get(s),

    /** The cached string of a code, or undefined. */
    cachedString: (portalId: number, code: number) => cache(portalId).byCode.get(code),

    /** Gives codes to strings (allocating new ones, up to the cap): one script call for all. */
    async intern(portalId: number, strings: Iterable<string>): Promise<void> {
      const c = cache(portalId);
      const missing = [...new Set(strings)].filter((s) => !c.byString.has(s));
      if (!missing.length) return;
      const p = keys.portal(portalId);
      const out = (await INTERN.run(redis, [p.dict, p.dictCodes], [cap, randomBytes(6).toString('hex'), ...missing])) as [string, ...number[]];
      checkGeneration(portalId, out[0]);
      const fresh = cache(portalId);
      missing.forEach((s, i) => {
        const code = Number(out[i + 1]);
        fresh.byString.set(s, code);
        if (code > 0) fresh.byCode.set(code, s);
      });
    },

    /** Reads codes the cache lacks (one round trip); an unknown code is an error (the record is corrupt). */
    async resolve(portalId: number, codes: Iterable<number>): Promise<void> {
      const c = cache(portalId);
      const missing = [...new Set(codes)].filter((code) => !c.byCode.has(code));
      if (!missing.length) return;
      const pipe = redis.pipeline();
      for (const code of missing) pipe.lindex(keys.portal(portalId).dictCodes, code - 1);
      const values = checkExec(await pipe.exec()) as (string | null)[];
      missing.forEach((code, i) => {
        const s = values[i];
        if (s === null || s === undefined) throw new Error(`portal ${portalId}: dictionary code ${code} is unknown`);
        c.byCode.set(code, s);
        c.byString.set(s, code);
      });
    },
  };
}

export type Dictionary = ReturnType<typeof createDictionary>;
