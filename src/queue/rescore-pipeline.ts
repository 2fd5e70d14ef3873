import type { PortalGateway } from '../hubspot/gateway.js';
import type { ContactUpdate } from '../hubspot/schemas.js';
import { BATCH_LIMIT } from '../hubspot/contacts-api.js';
import { recordScoredBatch } from '../observability/record-scores.js';
import type { PageDone } from '../store/backfill-progress.js';
import type { ScoreWrite } from '../store/scores.js';
import type { PipelineContext } from './context.js';
import { onlyOwnedOutputs } from './owned-outputs.js';
import { scoreContacts, type ScoringModel } from './score-contacts.js';
import { createRangeReader, decodeRanges, type RangePage } from './search-ranges.js';

/** What the caller's progress step says after a page: go on, or stop (and why). */
export type Step = 'next' | 'superseded' | 'draining' | 'yield';

/**
 * Search readers in flight at once. The search budget (4.5/s) paces them; more than one keeps the budget busy
 * while a search is answered (HubSpot answers in a few hundred ms): 3 readers fill it up to ~650 ms a search.
 */
export const RESCORE_READERS = 3;
/** Contacts read but not yet done (scored, and written when changed) before the readers wait: ~5 pages. */
export const READ_AHEAD_CONTACTS = 1_000;
/** Batch updates in flight at once; the 10-second budget paces them. */
const WRITES_IN_FLIGHT = 2;

/**
 * List pages per 10 s the 10-second budget can spare beside the writes, when search reads at its full budget and
 * a share `changed` of the contacts read needs writing: per 10 s, search brings searchBudgetPerS × 10 pages of
 * 200, each list page 100 more, and the writes for all of them plus the list pages must fit in budgetPer10s:
 * L ≤ (budget − searchPages × 2 × changed) / (1 + changed). At the defaults and every contact changing:
 * (99 − 90) / 2 = 4.5 pages, so reads reach 900 + 45 = 945 contacts/s against the 990/s write bound.
 */
export function listPagesPer10s(config: { budgetPer10s: number; searchBudgetPerS: number }, changed: number): number {
  const c = Math.min(1, Math.max(0, changed));
  return Math.max(0, (config.budgetPer10s - config.searchBudgetPerS * 10 * 2 * c) / (1 + c));
}

type PageState = { page: RangePage; outstanding: number; scored: number; written: number };
type Pending = { update: ContactUpdate; writes: ScoreWrite[]; next: number | null; owner: PageState };

/**
 * A rescore as a pipeline: CRM search readers (their own budget) feed a bounded read-ahead buffer; each page is
 * scored as it arrives (stored ledgers + the page's current values), unchanged contacts are stored at once, and
 * changed ones queue for batch updates of exactly 100 (whatever page they came from), sent as soon as 100 are
 * queued. So the 10-second budget is spent on full batch updates only, continuously, while the next pages are
 * read. A contact's new score is stored only after HubSpot accepted its update (as in scoreAndWrite).
 *
 * A page is done when all of its contacts are; then `pageDone` saves the cursor (the id ranges not yet done)
 * and counts, and may stop the run (superseded, draining, yielding the slot): the readers stop, in-flight writes
 * finish and are stored, and what was read but not done is read again when the job resumes. Memory stays
 * bounded by READ_AHEAD_CONTACTS plus the readers' pages in flight.
 */
export async function rescorePipeline(input: {
  ctx: PipelineContext;
  gw: Pick<PortalGateway, 'searchContacts' | 'listContacts' | 'batchUpdateContacts'>;
  portalId: number;
  models: ScoringModel[];
  properties: string[];
  cursor: string | null;
  /** Resolves when the output properties exist: reading starts at once, writing waits for it. */
  ready: Promise<unknown>;
  pageDone: (page: PageDone) => Promise<Step>;
}): Promise<'done' | Exclude<Step, 'next'>> {
  const { ctx, gw, portalId, models } = input;
  let stop: Exclude<Step, 'next'> | null = null;
  let failure: { error: unknown } | null = null;
  const stopped = () => stop !== null || failure !== null;
  let buffered = 0;
  const waiters: (() => void)[] = [];
  const wake = () => { for (const w of waiters.splice(0)) w(); };
  const fail = (error: unknown) => { failure ??= { error }; wake(); };

  const queue: Pending[] = [];
  const writes = new Set<Promise<void>>();
  let allScored = false;
  let scoring: Promise<void> = Promise.resolve();
  let progress: Promise<void> = Promise.resolve();

  // List pages (100 contacts for one call of the 10-second budget) use only what the writes leave of it: paced
  // at the spare rate listPagesPer10s gives for the share of contacts changing so far, and only while the
  // writes wait for input (no full batch queued, a write slot free, the read-ahead not full).
  let contactsScored = 0;
  let contactsChanged = 0;
  let nextListAt = 0;
  const listGate = {
    open: () => !stopped() && queue.length < BATCH_LIMIT && writes.size < WRITES_IN_FLIGHT && buffered < READ_AHEAD_CONTACTS &&
      Date.now() >= nextListAt,
    wait: () => new Promise<void>((resolve) => {
      const timer = Number.isFinite(nextListAt) ? setTimeout(resolve, Math.max(10, nextListAt - Date.now())) : undefined;
      timer?.unref();
      waiters.push(() => { clearTimeout(timer); resolve(); });
    }),
    /** Called as a list page is requested: the next one waits for its share of the spare budget. */
    took: () => {
      const per10s = listPagesPer10s(ctx.config, contactsScored ? contactsChanged / contactsScored : 1);
      nextListAt = per10s > 0 ? Date.now() + 10_000 / per10s : Infinity;
    },
  };
  const reader = createRangeReader({
    gw, properties: input.properties, ranges: decodeRanges(input.cursor), chains: RESCORE_READERS, stopped, listGate,
    warn: (message) => ctx.logger.warn({ portalId }, message),
    async onPage(page) {
      buffered += page.results.length;
      scoring = scoring.then(() => (stopped() ? drop(page.results.length) : scorePage(page))).catch(fail);
      while (buffered >= READ_AHEAD_CONTACTS && !stopped()) await new Promise<void>((r) => waiters.push(r));
    },
  });

  function drop(contacts: number): void {
    buffered -= contacts;
    wake();
  }

  async function scorePage(page: RangePage): Promise<void> {
    if (!page.results.length || !models.length) {
      drop(page.results.length);
      return finish({ page, outstanding: 0, scored: 0, written: 0 });
    }
    const now = ctx.clock();
    const ids = page.results.map((c) => c.id);
    const [ledgers, previous] = await Promise.all([ctx.ledger.read(portalId, ids), ctx.scores.readLast(portalId, ids)]);
    const outcome = scoreContacts({ contacts: page.results, ledgers, models, previous, now });
    const { updates, dropped } = onlyOwnedOutputs(outcome.updates, models);
    if (dropped.length) ctx.logger.error({ portalId, dropped }, 'refused to write properties the app does not own; nothing was sent for them');
    await ctx.ledger.append(portalId, outcome.derived, now);
    const changed = new Set(updates.map((u) => u.id));
    contactsScored += page.results.length;
    contactsChanged += updates.length;
    const state: PageState = { page, outstanding: updates.length, scored: outcome.scored, written: 0 };
    // Unchanged contacts (and contacts whose only changes were refused) are done now.
    const keep = outcome.writes.filter((w) => !changed.has(w.contactId));
    const keepNext = new Map([...outcome.nextChangeAt].filter(([id]) => !changed.has(id)));
    await ctx.scores.write(portalId, keep, keepNext);
    recordScoredBatch({ contacts: page.results.length - updates.length, writtenIds: [], failed: 0, ledgers: new Map(), previous: new Map(), now, live: false });
    for (const update of updates) {
      const writesOf = outcome.writes.filter((w) => w.contactId === update.id);
      queue.push({ update, writes: writesOf, next: outcome.nextChangeAt.get(update.id) ?? null, owner: state });
    }
    drop(page.results.length - updates.length);
    if (!updates.length) finish(state);
    pump();
  }

  /** Starts batch updates while there are 100 queued (or any, once everything is scored) and room in flight. */
  function pump(): void {
    while (!stopped() && writes.size < WRITES_IN_FLIGHT && (queue.length >= BATCH_LIMIT || (allScored && queue.length))) {
      const batch = queue.splice(0, BATCH_LIMIT);
      const w = writeBatch(batch).catch(fail).finally(() => {
        writes.delete(w);
        pump();
        wake();
      });
      writes.add(w);
    }
  }

  async function writeBatch(batch: Pending[]): Promise<void> {
    await input.ready;
    const res = await gw.batchUpdateContacts(batch.map((p) => p.update));
    const accepted = new Set(res.updated);
    const failed = batch.filter((p) => !accepted.has(p.update.id));
    if (res.errors.length) {
      ctx.logger.warn(
        { portalId, failed: failed.length, categories: [...new Set(res.errors.map((e) => e.category))], message: res.errors[0]?.message },
        'HubSpot refused some score updates; they keep their previous stored output and are retried on their next change',
      );
    }
    // Refused contacts keep their previous stored output (their unchanged models' scores are still stored).
    const writesToStore = batch.flatMap((p) => (accepted.has(p.update.id) ? p.writes : p.writes.filter((w) => !w.changed)));
    const next = new Map(batch.filter((p) => accepted.has(p.update.id)).map((p) => [p.update.id, p.next] as const));
    await ctx.scores.write(portalId, writesToStore, next);
    recordScoredBatch({
      contacts: batch.length, writtenIds: [...accepted], failed: failed.length, ledgers: new Map(), previous: new Map(), now: ctx.clock(), live: false,
    });
    for (const p of batch) {
      if (accepted.has(p.update.id)) p.owner.written++;
      if (--p.owner.outstanding === 0) finish(p.owner);
    }
    drop(batch.length);
  }

  /** A page whose every contact is done: its range moves on and the progress step runs (in page order). */
  function finish(state: PageState): void {
    reader.pageDone(state.page);
    const cursor = reader.cursor();
    const page: PageDone = { cursor, seen: state.page.results.length, scored: state.scored, written: state.written };
    progress = progress.then(async () => {
      if (stop === 'superseded' || failure) return;
      const step = await input.pageDone(page);
      // After the last page there is nothing left to hand back or give way with: the run is done.
      if (step === 'superseded') stop = step;
      else if (step !== 'next' && cursor !== null) stop ??= step;
      if (stop) wake();
    }).catch(fail);
  }

  try {
    await reader.run();
  } catch (error) {
    fail(error);
  }
  await scoring;
  allScored = true;
  pump();
  while (writes.size) {
    await Promise.allSettled([...writes]);
    pump();
  }
  await progress;
  // Set by the callbacks above (TypeScript cannot see that): read them through their declared types.
  const failed = failure as { error: unknown } | null;
  const stoppedAs = stop as Exclude<Step, 'next'> | null;
  if (failed) throw failed.error;
  if (stoppedAs === 'superseded') return 'superseded';
  return reader.cursor() === null ? 'done' : (stoppedAs ?? 'done');
}
