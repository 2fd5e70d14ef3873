import type { Job } from 'bullmq';
import type { PropertySpec } from '../hubspot/schemas.js';
import { bulkContacts, bulkRuns } from '../observability/metrics.js';
import { OUTPUT_PROPERTY_GROUP, outputPropertyDefinitions } from '../scoring/index.js';
import { eventsFromHistory, needsPropertyHistory, SIGNAL_PROPERTIES, syncProperties, type LedgerEvent } from '../signals/index.js';
import type { PageDone, Progress, ProgressKind } from '../store/backfill-progress.js';
import type { PortalGateway } from '../hubspot/gateway.js';
import type { PipelineContext } from './context.js';
import { handBack, yieldSlot } from './drain.js';
import { handleJobFailure } from './handle-failure.js';
import type { JobData } from './jobs.js';
import { portalIsActive, SCORE_BATCH_SIZE } from './process-score.js';
import { scoreAndWrite } from './score-and-write.js';
import { rescorePipeline } from './rescore-pipeline.js';

type ListingData = JobData<'backfill'> | JobData<'rescore'>;
/** How a listing pass ended: every contact done, superseded by a newer run, or stopped at a page boundary. */
type Ended = 'done' | 'superseded' | 'draining' | 'yield';
type Run = {
  ctx: PipelineContext; gw: PortalGateway; job: Job; token: string | undefined; portalId: number; kind: ProgressKind;
  /** The progress record this run belongs to, or null once a newer run superseded it. */
  current: () => Promise<Progress | null>;
};

/**
 * Backfill (after install) and rescore (after a publish): every contact, scored and written in batch updates of
 * 100. A backfill whose published models count events property history proves (needsPropertyHistory) pages
 * with the list API and also reads the engagement properties' history (HubSpot returns 50 contacts per page
 * with history, so two pages per update) and records every historical event in the ledgers; otherwise it reads
 * current values through CRM search like a rescore. A rescore reuses the stored ledgers and reads through CRM
 * search, whose budget is its own, so the 10-second budget goes to writes (rescore-pipeline.ts); only when the
 * ledgers were filled without history and a model now needs it does it read the history. After each page the cursor and counts are saved, so a crashed or
 * rate-limited job resumes where it stopped. A job whose run was superseded (a newer install or publish
 * restarted the progress record) stops quietly.
 *
 * Fair across portals: a bulk job holds a worker slot for as long as a portal's contacts take (minutes for
 * 100,000), and BullMQ's priorities order only the jobs still waiting. So after each page, when every slot of
 * this process is busy and a plain job (a settle window's score job, of any portal) is due, the bulk job gives
 * its slot away and waits at its bulk priority (BULK_PRIORITY in scheduler.ts): fresh scoring waits at most one
 * page of bulk work. While the process has a free slot nothing is checked, so a lone backfill runs at full speed.
 */
export async function processListing(ctx: PipelineContext, job: Job, token: string | undefined, kind: ProgressKind, data: ListingData) {
  const { portalId, startedAt } = data;
  if (!(await portalIsActive(ctx, portalId))) return { skipped: 'not-installed' as const };
  const current = async () => {
    const p = await ctx.progress.get(portalId, kind);
    return p && p.startedAt === startedAt ? p : null;
  };
  const progress = await current();
  if (!progress) return { skipped: 'superseded' as const };
  if (progress.status === 'done') return { skipped: 'done' as const };
  const gw = ctx.gateway.forPortal(portalId);

  try {
    const run: Run = { ctx, gw, job, token, portalId, kind, current };
    const cursor = progress.cursor ?? null;
    const historyNeeded = needsPropertyHistory((await ctx.modelCache.published(portalId)).map((m) => m.model));
    let ended: Ended;
    if (kind === 'rescore') {
      // New stage labels or grade bands need their enumeration options before any contact is written; the
      // reading starts meanwhile (writes wait for them).
      const ready = progress.pages === 0 && 'modelId' in data ? ensureOutputs(ctx, gw, portalId, data.modelId, data.version) : Promise.resolve();
      ready.catch(() => undefined);
      // Ledgers filled without history (the backfill's models needed none) and a model that needs it now:
      // this rescore reads the history, as a backfill would, and the ledgers hold it from then on.
      const ledgersLackHistory = (await ctx.progress.get(portalId, 'backfill'))?.reads === 'current';
      if (ledgersLackHistory && historyNeeded) {
        await ready;
        ended = await backfillThroughList(run, cursor);
        if (ended === 'done') await ctx.progress.setReads(portalId, 'backfill', 'history');
      } else {
        ended = await rescoreThroughSearch(run, cursor, ready);
      }
      await ready;
    } else {
      // Decided on the first page and kept: a resumed backfill reads as it began (its cursor depends on it).
      let reads = progress.reads ?? (progress.pages === 0 ? undefined : 'history');
      if (!reads) {
        reads = historyNeeded ? 'history' : 'current';
        await ctx.progress.setReads(portalId, 'backfill', reads);
      }
      ended = reads === 'current' ? await rescoreThroughSearch(run, cursor, Promise.resolve()) : await backfillThroughList(run, cursor);
    }
    if (ended === 'superseded') return { skipped: 'superseded' as const };
    // Shutting down: the saved cursor lets another worker continue from the next page.
    if (ended === 'draining') return handBack(job, token, ctx.clock());
    if (ended === 'yield') return yieldSlot(job, token);
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

/** Creates the version's output properties (and options) when missing. */
async function ensureOutputs(ctx: PipelineContext, gw: PortalGateway, portalId: number, modelId: string, version: number): Promise<void> {
  const v = await ctx.models.getVersion(portalId, modelId, version);
  if (v) await gw.ensureScoreProperties({ ...OUTPUT_PROPERTY_GROUP }, outputPropertyDefinitions(v.model) as PropertySpec[]);
}

/** Backfill pages: the list API with property history, 100 contacts per unit. */
async function backfillThroughList(run: Run, cursor: string | null): Promise<Ended> {
  const { ctx, gw, portalId } = run;
  for (;;) {
    const models = await ctx.modelCache.published(portalId);
    const properties = syncProperties(models.map((m) => m.model));
    const contacts = [];
    let next = cursor;
    do {
      const page = await gw.listContacts({
        after: next ?? undefined,
        properties,
        propertiesWithHistory: [...SIGNAL_PROPERTIES],
        limit: SCORE_BATCH_SIZE - contacts.length,
      });
      contacts.push(...page.results);
      next = page.nextAfter;
    } while (next && contacts.length < SCORE_BATCH_SIZE);

    const history = new Map<string, LedgerEvent[]>();
    for (const c of contacts) history.set(c.id, eventsFromHistory(c.propertiesWithHistory ?? {}));
    const stats = models.length ? await scoreAndWrite(ctx, gw, portalId, contacts, models, history) : { scored: 0, written: 0 };
    if (!next) return (await pageDone(run, { cursor: next, seen: contacts.length, ...stats })) === 'superseded' ? 'superseded' : 'done';
    const after = await pageDone(run, { cursor: next, seen: contacts.length, ...stats });
    if (after !== 'next') return after;
    cursor = next;
  }
}

/**
 * Through CRM search, current values only: a rescore (stored ledgers + current values), or a backfill whose
 * models need no property history. Search readers and full batch updates, pipelined (rescore-pipeline.ts).
 */
async function rescoreThroughSearch(run: Run, cursor: string | null, ready: Promise<unknown>): Promise<Ended> {
  const { ctx, gw, portalId } = run;
  const models = await ctx.modelCache.published(portalId);
  return rescorePipeline({
    ctx, gw, portalId, models, cursor, ready,
    properties: syncProperties(models.map((m) => m.model)),
    pageDone: (page) => pageDone(run, page),
  });
}

/**
 * Saves a page's cursor and counts; says whether to go on, stop (superseded), hand the job back (draining) or
 * give the slot to due fresh work (yield).
 */
async function pageDone(run: Run, page: PageDone): Promise<'next' | 'superseded' | 'draining' | 'yield'> {
  const { ctx, job, portalId, kind } = run;
  const before = await run.current();
  if (!before) return 'superseded';
  await ctx.progress.pageDone(portalId, kind, page);
  await job.updateProgress({ pages: before.pages + 1 });
  bulkContacts.inc({ kind, result: 'listed' }, page.seen);
  bulkContacts.inc({ kind, result: 'written' }, page.written);
  if (ctx.drain.draining) return 'draining';
  return ctx.slots.full() && (await ctx.scheduler.freshWorkDue(ctx.clock())) ? 'yield' : 'next';
}
