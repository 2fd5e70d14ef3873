import type { Job } from 'bullmq';
import type { PropertySpec } from '../hubspot/schemas.js';
import { bulkContacts, bulkRuns } from '../observability/metrics.js';
import { OUTPUT_PROPERTY_GROUP, outputPropertyDefinitions } from '../scoring/index.js';
import { eventsFromHistory, SIGNAL_PROPERTIES, syncProperties, type LedgerEvent } from '../signals/index.js';
import type { ProgressKind } from '../store/backfill-progress.js';
import type { PipelineContext } from './context.js';
import { handBack } from './drain.js';
import { handleJobFailure } from './handle-failure.js';
import type { JobData } from './jobs.js';
import { portalIsActive, SCORE_BATCH_SIZE } from './process-score.js';
import { scoreAndWrite } from './score-and-write.js';

type ListingData = JobData<'backfill'> | JobData<'rescore'>;

/**
 * Backfill (after install) and rescore (after a publish): pages through every contact with the list API and
 * scores them 100 at a time: one batch update per 100 contacts. A backfill also reads the engagement
 * properties' history (HubSpot returns 50 contacts per page with history, so two pages per update) and records
 * every historical event in the ledgers; a rescore reuses the stored ledgers. After each 100 the cursor and
 * counts are saved, so a crashed or rate-limited job resumes where it stopped. A job whose run was superseded
 * (a newer install or publish restarted the progress record) stops quietly.
 */
export async function processListing(ctx: PipelineContext, job: Job, token: string | undefined, kind: ProgressKind, data: ListingData) {
  const { portalId, startedAt } = data;
  if (!(await portalIsActive(ctx, portalId))) return { skipped: 'not-installed' as const };
  const current = async () => {
    const p = await ctx.progress.get(portalId, kind);
    return p && p.startedAt === startedAt ? p : null;
  };
  let progress = await current();
  if (!progress) return { skipped: 'superseded' as const };
  if (progress.status === 'done') return { skipped: 'done' as const };
  const gw = ctx.gateway.forPortal(portalId);

  try {
    if (kind === 'rescore' && progress.pages === 0 && 'modelId' in data) {
      // New stage labels or grade bands need their enumeration options before any contact is written.
      const v = await ctx.models.getVersion(portalId, data.modelId, data.version);
      if (v) await gw.ensureScoreProperties({ ...OUTPUT_PROPERTY_GROUP }, outputPropertyDefinitions(v.model) as PropertySpec[]);
    }
    let cursor = progress.cursor ?? null;
    for (;;) {
      const models = await ctx.modelCache.published(portalId);
      const properties = syncProperties(models.map((m) => m.model));
      const contacts = [];
      let next = cursor;
      do {
        const page = await gw.listContacts({
          after: next ?? undefined,
          properties,
          propertiesWithHistory: kind === 'backfill' ? [...SIGNAL_PROPERTIES] : undefined,
          limit: SCORE_BATCH_SIZE - contacts.length,
        });
        contacts.push(...page.results);
        next = page.nextAfter;
      } while (next && contacts.length < SCORE_BATCH_SIZE);

      const history = new Map<string, LedgerEvent[]>();
      if (kind === 'backfill') for (const c of contacts) history.set(c.id, eventsFromHistory(c.propertiesWithHistory ?? {}));
      const stats = models.length
        ? await scoreAndWrite(ctx, gw, portalId, contacts, models, history)
        : { scored: 0, written: 0 };
      await ctx.progress.pageDone(portalId, kind, { cursor: next, seen: contacts.length, scored: stats.scored, written: stats.written });
      await job.updateProgress({ pages: progress.pages + 1 });
      bulkContacts.inc({ kind, result: 'listed' }, contacts.length);
      bulkContacts.inc({ kind, result: 'written' }, stats.written);
      if (!next) break;
      // Shutting down: the saved cursor lets another worker continue from the next page.
      if (ctx.drain.draining) return handBack(job, token, ctx.clock());
      cursor = next;
      progress = await current();
      if (!progress) return { skipped: 'superseded' as const };
    }
    await ctx.progress.finish(portalId, kind, 'done');
    bulkRuns.inc({ kind, status: 'done' });
    const done = await ctx.progress.get(portalId, kind);
    ctx.logger.info({ portalId, kind, seen: done?.seen, scored: done?.scored, written: done?.written }, `${kind} finished`);
    return { seen: done?.seen ?? 0, written: done?.written ?? 0 };
  } catch (err) {
    return handleJobFailure(err, job, token, ctx.logger, async (decision) => {
      if (decision === 'drop' || decision === 'uninstalled') {
        await ctx.progress.finish(portalId, kind, 'failed', err instanceof Error ? err.message : String(err));
      }
    });
  }
}
