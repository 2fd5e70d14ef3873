import type { Job } from 'bullmq';
import { labelledFromPortal } from '../analysis/portal-rows.js';
import { suggestModel } from '../analysis/suggest-model.js';
import { AppError } from '../errors.js';
import { createAnalysisRunStore } from '../store/analysis-runs.js';
import { readPortalContacts } from './analysis-source.js';
import type { PortalGateway } from '../hubspot/gateway.js';
import type { PipelineContext } from './context.js';
import { handleJobFailure } from './handle-failure.js';
import type { JobData } from './jobs.js';
import { portalIsActive } from './process-score.js';

/** The request fields the job uses (validated by the API with the contract's SuggestionRequestSchema). */
type RunRequest = { reached?: 'customer' | 'opportunity'; maxContacts?: number; maxRules?: number; properties?: string[]; exclude?: string[] };

const DEFAULT_MAX_CONTACTS = 10_000;

/**
 * A learning run: read the portal's contacts with history (bounded), label them (lifecycle stage reached the
 * target), learn a model on 70% and measure it and the published version on the other 30%, and store the report
 * for the settings page. Runs in the worker, never in a web request: reading 10,000 contacts takes about 200
 * HubSpot calls (50 per page with history) inside the portal's rate budget, and learning is CPU work. A run
 * superseded by a newer request stops at its next page. Too few conversions, or a learnt model that does not beat
 * its baselines on the held-out contacts, ends the run as failed with the reason, not as an error to retry.
 */
export async function processAnalysis(ctx: PipelineContext, job: Job, token: string | undefined, data: JobData<'analysis'>) {
  const { portalId, modelId, requestedAt } = data;
  const runs = createAnalysisRunStore({ redis: ctx.redis, keys: ctx.keys });
  const run = await runs.get(portalId, modelId);
  if (!run || run.requestedAt !== requestedAt || run.status === 'done' || run.status === 'failed') return { skipped: 'superseded' as const };
  const fail = (message: string) => runs.update(portalId, modelId, requestedAt, { status: 'failed', error: message, finishedAt: ctx.clock() });
  if (!(await portalIsActive(ctx, portalId))) {
    await fail('The app is not installed in this HubSpot account.');
    return { skipped: 'not-installed' as const };
  }
  const request = run.request as RunRequest;
  const reached = request.reached ?? 'customer';
  try {
    if (!(await runs.update(portalId, modelId, requestedAt, { status: 'running', startedAt: ctx.clock() }))) return { skipped: 'superseded' as const };
    const current = await ctx.models.getPublished(portalId, modelId);
    const { contacts, sampledFrom } = await readPortalContacts(
      ctx.gateway.forPortal(portalId),
      { current: current?.model ?? null, extra: request.properties, exclude: request.exclude, maxContacts: request.maxContacts ?? DEFAULT_MAX_CONTACTS },
      (fetched) => runs.update(portalId, modelId, requestedAt, { fetched }),
    );
    const now = ctx.clock();
    const { rows } = labelledFromPortal(contacts, now, { reached, closedWonDeals: false });
    const propertyLabels = await portalPropertyLabels(ctx.gateway.forPortal(portalId));
    const suggestion = suggestModel(rows, current?.model ?? null, { now, maxRules: request.maxRules, exclude: request.exclude, propertyLabels });
    const report = {
      computedAt: new Date(now).toISOString(),
      currentVersion: current?.version ?? null,
      contacts: contacts.length,
      sampledFrom,
      reached,
      suggested: suggestion.suggested,
      rules: suggestion.rules,
      leakage: suggestion.leakage,
      skipped: suggestion.skipped,
      training: suggestion.training,
      heldOut: suggestion.heldOut,
      accuracy: suggestion.accuracy.suggested,
      outcomes: suggestion.outcomes.suggested,
      diff: suggestion.diff,
    };
    const live = { version: current?.version ?? null, report: suggestion.accuracy.current, outcomes: suggestion.outcomes.current };
    await runs.update(portalId, modelId, requestedAt, { status: 'done', finishedAt: ctx.clock(), fetched: contacts.length, result: { report, live } });
    ctx.logger.info({ portalId, modelId, contacts: contacts.length, auc: report.accuracy.auc.auc }, 'analysis finished');
    return { contacts: contacts.length };
  } catch (err) {
    if (err instanceof AppError && (err.code === 'NOT_ENOUGH_DATA' || err.code === 'NO_USEFUL_MODEL')) {
      await fail(err.message);
      return { skipped: err.code === 'NOT_ENOUGH_DATA' ? ('not-enough-data' as const) : ('no-useful-model' as const) };
    }
    return handleJobFailure(err, job, token, ctx.logger, async (decision) => {
      const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (decision === 'drop' || decision === 'uninstalled' || (decision === 'retry' && lastAttempt)) {
        await fail(err instanceof Error ? err.message : String(err));
      }
    });
  }
}

/**
 * The portal's contact property labels by name (one HubSpot call), so learnt rules speak in the labels marketing
 * ops know. Labels are a nicety: a failure to read them leaves the names, and the run goes on.
 */
async function portalPropertyLabels(gw: PortalGateway): Promise<Record<string, string>> {
  try {
    const defs = await gw.listContactProperties();
    return Object.fromEntries(defs.filter((d) => d.label && d.label.trim()).map((d) => [d.name, d.label]));
  } catch {
    return {};
  }
}
