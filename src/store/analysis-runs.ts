import type { RedisClient } from './redis-client.js';
import { z } from 'zod';
import type { AppKeys } from './keys.js';
import { luaScript } from './lua.js';

/**
 * A model's learning run per portal (the settings page's "learn from past conversions"): requested by the API,
 * carried out by a worker job, read back by the API. One run per model at a time: the record is a hash whose
 * `requestedAt` identifies the run, so a job whose run was superseded by a newer request cannot overwrite it.
 */
export const AnalysisRunSchema = z.object({
  status: z.enum(['queued', 'running', 'done', 'failed']),
  requestedAt: z.number(),
  startedAt: z.number().optional(),
  finishedAt: z.number().optional(),
  /** Contacts read from HubSpot so far. */
  fetched: z.number().int().min(0),
  error: z.string().optional(),
  /** The request as the API validated it (its schema is the contract's SuggestionRequestSchema). */
  request: z.record(z.string(), z.unknown()),
  /** The finished report (its schema is the contract's SuggestionReportSchema). */
  result: z.unknown().optional(),
});
export type AnalysisRun = z.infer<typeof AnalysisRunSchema>;

/**
 * KEYS: run hash. ARGV: requestedAt, status, record JSON, now, staleMs. Starts a run unless one is queued or
 * running and younger than staleMs (a run whose worker died is given up on after that). → the run in force (JSON).
 */
const START = luaScript(`
local status = redis.call('HGET', KEYS[1], 'status')
local since = tonumber(redis.call('HGET', KEYS[1], 'requestedAt') or '0')
if (status == 'queued' or status == 'running') and since > tonumber(ARGV[4]) - tonumber(ARGV[5]) then
  return redis.call('HGET', KEYS[1], 'json')
end
redis.call('HSET', KEYS[1], 'requestedAt', ARGV[1], 'status', ARGV[2], 'json', ARGV[3])
return ARGV[3]`);

/** KEYS: run hash. ARGV: requestedAt, status, record JSON. Writes only while that run is the current one. */
const UPDATE = luaScript(`
if redis.call('HGET', KEYS[1], 'requestedAt') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'status', ARGV[2], 'json', ARGV[3])
return 1`);

export function createAnalysisRunStore(deps: { redis: RedisClient; keys: AppKeys }) {
  const { redis, keys } = deps;
  const key = (portalId: number, modelId: string) => keys.portal(portalId).analysis(modelId);
  const parse = (json: string | null): AnalysisRun | null => {
    if (!json) return null;
    const r = AnalysisRunSchema.safeParse(JSON.parse(json));
    return r.success ? r.data : null;
  };

  return {
    async get(portalId: number, modelId: string): Promise<AnalysisRun | null> {
      return parse(await redis.hget(key(portalId, modelId), 'json'));
    },

    /** Queues a new run, or answers the one already under way (`created` false). */
    async start(portalId: number, modelId: string, request: Record<string, unknown>, now: number, staleMs: number) {
      const run: AnalysisRun = { status: 'queued', requestedAt: now, fetched: 0, request };
      const json = (await START.run(redis, [key(portalId, modelId)], [String(now), run.status, JSON.stringify(run), now, staleMs])) as string;
      const current = parse(json)!;
      return { run: current, created: current.requestedAt === now };
    },

    /** Applies a change to the run `requestedAt`; false when a newer run has replaced it (the caller stops). */
    async update(portalId: number, modelId: string, requestedAt: number, change: Partial<Omit<AnalysisRun, 'requestedAt'>>): Promise<boolean> {
      const current = await this.get(portalId, modelId);
      if (!current || current.requestedAt !== requestedAt) return false;
      const next = { ...current, ...change };
      const ok = await UPDATE.run(redis, [key(portalId, modelId)], [String(requestedAt), next.status, JSON.stringify(next)]);
      return ok === 1;
    },

    /** A report computed from the store, kept beside the run (field `cache:<name>`) so repeated views are cheap. */
    async getCached(portalId: number, modelId: string, name: string): Promise<unknown> {
      const json = await redis.hget(key(portalId, modelId), `cache:${name}`);
      return json === null ? null : JSON.parse(json);
    },

    async setCached(portalId: number, modelId: string, name: string, value: unknown): Promise<void> {
      await redis.hset(key(portalId, modelId), `cache:${name}`, JSON.stringify(value));
    },
  };
}

export type AnalysisRunStore = ReturnType<typeof createAnalysisRunStore>;
