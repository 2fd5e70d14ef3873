import { z } from 'zod';
import { ForwardResponseSchema, LiveAccuracySchema, SuggestionReportSchema, type LiveAccuracy, type SuggestionStatus } from '../../contract/index.js';
import type { ScoreCount } from '../../analysis/report-schemas.js';
import { createAnalysisRunStore, type AnalysisRun } from '../../store/analysis-runs.js';
import { HttpError } from '../http-error.js';
import { requireInstalled, type ApiContext } from './api-context.js';
import { capacityReport, forwardReport } from './analysis-reports.js';
import type { ApiHandlers } from './endpoint-route.js';

/** A queued or running learning run older than this is taken for dead (its worker crashed) and may be restarted. */
const STALE_RUN_MS = 30 * 60_000;
/**
 * The forward-looking report reads every dated snapshot (0.4 s for 5,000 contacts × 30 days: docs/analysis.md)
 * and changes only as days pass: it is kept this long, unless the page asks for a fresh one.
 */
const FORWARD_CACHE_MS = 10 * 60_000;
const ForwardCacheSchema = z.object({ at: z.number(), reached: z.string(), response: ForwardResponseSchema });

const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());

/** What a finished run stores: the settings page's report, and the live model's figures on the same contacts. */
type RunResult = { report: unknown; live: { version: number | null; report: unknown; outcomes: ScoreCount[] | null } };

/**
 * The analysis routes (src/contract/analysis.ts). Learning reads HubSpot and is CPU work, so it is a worker job
 * (POST queues it, GET follows it); the live model's accuracy comes from the same run; the capacity threshold and
 * the forward-looking report are computed in the request from the store (dated snapshots, lifecycle changes).
 * Every read and write is for the signed portal only.
 */
export function analysisHandlers(ctx: ApiContext): Pick<ApiHandlers, 'startSuggestion' | 'getSuggestion' | 'liveAccuracy' | 'capacityThreshold' | 'forwardAccuracy'> {
  const runs = createAnalysisRunStore({ redis: ctx.redis, keys: ctx.keys });
  const mustExist = async (portalId: number, modelId: string) => {
    if (!(await ctx.models.get(portalId, modelId))) throw new HttpError(404, 'NOT_FOUND', `No model "${modelId}" in this HubSpot account`);
  };
  const resultOf = (run: AnalysisRun | null) => (run?.status === 'done' ? (run.result as RunResult | undefined) ?? null : null);

  return {
    startSuggestion: async ({ portalId, params, body }) => {
      await mustExist(portalId, params.modelId);
      await requireInstalled(ctx, portalId);
      const { run, created } = await runs.start(portalId, params.modelId, body, ctx.clock(), STALE_RUN_MS);
      if (created) await ctx.scheduler.enqueueAnalysis(portalId, params.modelId, run.requestedAt);
      return statusView(params.modelId, run);
    },

    getSuggestion: async ({ portalId, params }) => {
      await mustExist(portalId, params.modelId);
      return statusView(params.modelId, await runs.get(portalId, params.modelId));
    },

    liveAccuracy: async ({ portalId, params }) => {
      await mustExist(portalId, params.modelId);
      const run = await runs.get(portalId, params.modelId);
      const result = resultOf(run);
      const none: LiveAccuracy = { modelId: params.modelId, state: 'none', version: null, computedAt: null, report: null, outcomes: null };
      if (!result?.live.report) return none;
      return LiveAccuracySchema.parse({
        modelId: params.modelId, state: 'ready', version: result.live.version, computedAt: iso(run!.finishedAt), report: result.live.report, outcomes: result.live.outcomes,
      });
    },

    capacityThreshold: async ({ portalId, params, body }) => {
      await mustExist(portalId, params.modelId);
      const run = await runs.get(portalId, params.modelId);
      const live = resultOf(run)?.live ?? null;
      const result = await capacityReport(ctx, portalId, params.modelId, body, live?.outcomes ?? undefined);
      return { modelId: params.modelId, precisionFrom: live?.outcomes ? iso(run!.finishedAt) : null, result };
    },

    forwardAccuracy: async ({ portalId, params, query }) => {
      await mustExist(portalId, params.modelId);
      const run = await runs.get(portalId, params.modelId);
      const reached = (run?.request.reached as 'customer' | 'opportunity' | undefined) ?? 'customer';
      const now = ctx.clock();
      const cached = ForwardCacheSchema.safeParse(query.fresh ? null : await runs.getCached(portalId, params.modelId, 'forward'));
      // Reused while young and for the same outcome; a clock that went backwards (or a test's jump) recomputes.
      if (cached.success && cached.data.reached === reached && now >= cached.data.at && now - cached.data.at < FORWARD_CACHE_MS) {
        return cached.data.response;
      }
      const { report, sampled } = await forwardReport(ctx, portalId, params.modelId, reached);
      const response = { modelId: params.modelId, computedAt: new Date(now).toISOString(), sampled, report };
      await runs.setCached(portalId, params.modelId, 'forward', { at: now, reached, response });
      return response;
    },
  };
}

/** A run as the settings page follows it; a stored report that no longer fits the contract is reported, not served. */
function statusView(modelId: string, run: AnalysisRun | null): SuggestionStatus {
  if (!run) return { modelId, status: 'none', requestedAt: null, finishedAt: null, fetched: 0, error: null, report: null };
  const parsed = run.status === 'done' ? SuggestionReportSchema.safeParse((run.result as RunResult | undefined)?.report) : null;
  return {
    modelId,
    status: parsed && !parsed.success ? 'failed' : run.status,
    requestedAt: iso(run.requestedAt),
    finishedAt: iso(run.finishedAt),
    fetched: run.fetched,
    error: parsed && !parsed.success ? 'The stored analysis is from an older version of the app: run it again.' : run.error ?? null,
    report: parsed?.success ? parsed.data : null,
  };
}
