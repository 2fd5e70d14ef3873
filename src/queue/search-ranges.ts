import type { PortalGateway } from '../hubspot/gateway.js';
import type { ContactRecord, SearchRequest } from '../hubspot/schemas.js';

/**
 * Contacts whose `hs_object_id` is above `after` and at most `upTo` (no upper bound when null). A rescore's
 * cursor is the list of ranges not yet done, so a job that stops resumes every range where it got to.
 */
export type IdRange = { after: number; upTo: number | null };

/** A page read from one range; `coversTo`: every id of the range up to it is in this page or an earlier one. */
export type RangePage = { results: ContactRecord[]; coversTo: number; range: RangeState };

type RangeState = {
  /** Every id of the range up to this one is done (scored, and written when it changed). */
  doneAfter: number;
  /** The next query asks for ids above this one. */
  readAfter: number;
  upTo: number | null;
  /** Contacts left to read, from the last answer's `total` (Infinity before the first). */
  remaining: number;
  exhausted: boolean;
  busy: boolean;
  /** Pages read and not yet done, in id order. */
  pending: { page: RangePage; done: boolean }[];
};

/** CRM search returns at most 200 records a page; the list API 100. */
export const SEARCH_PAGE_SIZE = 200;
const LIST_PAGE_SIZE = 100;

/** Below this many contacts left (two pages), a range is not worth splitting: the split could cost an empty search. */
const MIN_SPLIT_REMAINING = 2 * SEARCH_PAGE_SIZE;

/** Encodes the ranges still to do; null when none is left. */
export function encodeRanges(ranges: IdRange[]): string | null {
  return ranges.length ? JSON.stringify(ranges.map((r) => [r.after, r.upTo])) : null;
}

/**
 * Reads a saved cursor: absent (start from the lowest id), a bare id (a cursor saved by the single-chain reader
 * of earlier versions: everything above it) or the ranges {@link encodeRanges} wrote. Anything else is refused
 * rather than guessed at, since a wrong guess would skip contacts.
 */
export function decodeRanges(cursor: string | null | undefined): IdRange[] {
  if (cursor === null || cursor === undefined) return [{ after: 0, upTo: null }];
  if (/^\d+$/.test(cursor)) return [{ after: Number(cursor), upTo: null }];
  const parsed: unknown = JSON.parse(cursor);
  const ok = Array.isArray(parsed) && parsed.every((r) =>
    Array.isArray(r) && r.length === 2 && Number.isSafeInteger(r[0]) && (r[1] === null || Number.isSafeInteger(r[1])));
  if (!ok) throw new Error(`unreadable rescore cursor: ${cursor.slice(0, 80)}`);
  return (parsed as [number, number | null][]).map(([after, upTo]) => ({ after, upTo }));
}

/**
 * Every contact through CRM search with several pages in flight: `chains` readers, each paging one
 * `hs_object_id` range in ascending order (`hs_object_id > last id`, so no query pages past HubSpot's
 * 10,000-result cap). A range with no upper bound is first read from the top (one descending page, whose lowest
 * id bounds what is left); when a reader runs out of ranges it takes the upper half of the range with the most
 * contacts left, so the readers stay busy to the end. The search budget paces them all (the gateway waits for a
 * search slot), so more readers mean more pages in flight, never more than the budget.
 *
 * Pages go to `onPage` (which may wait: the caller's read-ahead bound); the caller reports each page done with
 * `pageDone`, and `cursor()` is then the ranges not yet done, each from its first contact not done.
 */
export function createRangeReader(opts: {
  gw: Pick<PortalGateway, 'searchContacts' | 'listContacts'>;
  properties: string[];
  ranges: IdRange[];
  chains: number;
  onPage: (page: RangePage) => Promise<void>;
  /** True once the caller stopped (draining, superseded, failed): readers issue no further query. */
  stopped: () => boolean;
  /**
   * When set, one more reader pages with the list API (100 a page, on the 10-second budget) whenever `open()`
   * says that budget has room the writes cannot use (they wait for input); `wait()` resolves when that may
   * have changed.
   */
  listGate?: { open: () => boolean; wait: () => Promise<void>; took: () => void };
  /** Told once if the list API's pages are not in id order (the list reader then stops; search reads on). */
  warn?: (message: string) => void;
}) {
  const ranges: RangeState[] = opts.ranges.map((r) => ({
    doneAfter: r.after, readAfter: r.after, upTo: r.upTo, remaining: Infinity, exhausted: false, busy: false, pending: [],
  }));

  const search = (filters: NonNullable<SearchRequest['filterGroups']>[number]['filters'], direction: 'ASCENDING' | 'DESCENDING') =>
    opts.gw.searchContacts({
      filterGroups: [{ filters }],
      sorts: [{ propertyName: 'hs_object_id', direction }],
      properties: opts.properties,
      limit: SEARCH_PAGE_SIZE,
    });

  async function emit(range: RangeState, results: ContactRecord[], coversTo: number): Promise<void> {
    const page: RangePage = { results, coversTo, range };
    range.pending.push({ page, done: false });
    await opts.onPage(page);
  }

  /** An unbounded range, read from the top: the highest page is its own range, the rest gets an upper bound. */
  async function readTop(range: RangeState): Promise<void> {
    const res = await search([{ propertyName: 'hs_object_id', operator: 'GT', value: String(range.readAfter) }], 'DESCENDING');
    if (res.results.length < SEARCH_PAGE_SIZE || res.total <= SEARCH_PAGE_SIZE) {
      range.exhausted = true;
      return emit(range, res.results, Number.MAX_SAFE_INTEGER);
    }
    const lowest = Math.min(...res.results.map((c) => Number(c.id)));
    const top: RangeState = {
      doneAfter: lowest - 1, readAfter: lowest - 1, upTo: null, remaining: 0, exhausted: true, busy: false, pending: [],
    };
    ranges.push(top);
    range.upTo = lowest - 1;
    range.remaining = res.total - res.results.length;
    await emit(top, res.results, Number.MAX_SAFE_INTEGER);
  }

  async function readNext(range: RangeState): Promise<void> {
    if (range.upTo === null) return readTop(range);
    const res = await search([
      { propertyName: 'hs_object_id', operator: 'GT', value: String(range.readAfter) },
      { propertyName: 'hs_object_id', operator: 'LTE', value: String(range.upTo) },
    ], 'ASCENDING');
    // A reader may have taken the upper half of this range while the query was in flight: drop what is now
    // theirs. Ascending order means that, if anything was dropped, this page reached the (new) end.
    const upTo = range.upTo;
    const results = res.results.filter((c) => Number(c.id) <= upTo);
    const more = results.length === res.results.length && res.results.length === SEARCH_PAGE_SIZE && res.total > SEARCH_PAGE_SIZE;
    if (!more) {
      range.exhausted = true;
      return emit(range, results, upTo);
    }
    range.readAfter = Number(results.at(-1)!.id);
    range.remaining = res.total - results.length;
    await emit(range, results, range.readAfter);
  }

  let listDisabled = false;

  /**
   * One list page from the range's next id. The list API's `after` is the id of the next record (HubSpot's
   * cursor, as the sandbox models it); asking `after` = the last id read and dropping that id if it comes back
   * is right whether HubSpot starts at or above it. Should the ids not come back in ascending order, the page
   * is dropped and list reading stops: search reads the range, so no contact is skipped.
   */
  async function listNext(range: RangeState): Promise<void> {
    opts.listGate?.took();
    const res = await opts.gw.listContacts({ after: String(range.readAfter), properties: opts.properties, limit: LIST_PAGE_SIZE });
    const ids = res.results.map((c) => Number(c.id));
    const ordered = ids.every((id, i) => Number.isSafeInteger(id) && id >= range.readAfter && (i === 0 || id > ids[i - 1]!));
    if (!ordered || (res.nextAfter !== null && !/^\d+$/.test(res.nextAfter))) {
      listDisabled = true;
      opts.warn?.('the list API did not page in id order: reading through search only');
      return;
    }
    const upTo = range.upTo ?? Number.MAX_SAFE_INTEGER;
    const results = res.results.filter((c) => Number(c.id) > range.readAfter && Number(c.id) <= upTo);
    const beyond = ids.some((id) => id > upTo);
    if (beyond || res.nextAfter === null) {
      range.exhausted = true;
      return emit(range, results, upTo);
    }
    if (!results.length) {
      // No progress (a page holding only the id asked from): leave the rest to search rather than loop.
      listDisabled = true;
      return;
    }
    range.readAfter = Number(results.at(-1)!.id);
    range.remaining = Math.max(0, range.remaining - results.length);
    await emit(range, results, range.readAfter);
  }

  /** The list reader: a page whenever the gate is open, from a range of its own, released when the gate shuts. */
  async function listChain(gate: NonNullable<typeof opts.listGate>): Promise<void> {
    for (;;) {
      while (!gate.open() && !opts.stopped() && !allRead()) await gate.wait();
      if (opts.stopped() || listDisabled) return;
      const range = claim();
      if (!range) return;
      range.busy = true;
      try {
        do await listNext(range); while (!range.exhausted && !listDisabled && !opts.stopped() && gate.open());
      } finally {
        range.busy = false;
      }
    }
  }

  const allRead = () => ranges.every((r) => r.exhausted);

  /** A range nobody reads, or the upper half of the one with the most left; null when none is worth it. */
  function claim(): RangeState | null {
    const free = ranges.find((r) => !r.busy && !r.exhausted);
    if (free) return free;
    const splittable = ranges
      .filter((r) => r.busy && !r.exhausted && r.upTo !== null && r.upTo - r.readAfter >= 2 && r.remaining >= MIN_SPLIT_REMAINING)
      .sort((a, b) => b.remaining - a.remaining)[0];
    if (!splittable) return null;
    const upTo = splittable.upTo!;
    const mid = Math.floor((splittable.readAfter + upTo) / 2);
    splittable.upTo = mid;
    splittable.remaining /= 2;
    const half: RangeState = {
      doneAfter: mid, readAfter: mid, upTo, remaining: splittable.remaining, exhausted: false, busy: false, pending: [],
    };
    ranges.push(half);
    return half;
  }

  async function chain(): Promise<void> {
    for (let range = claim(); range && !opts.stopped(); range = claim()) {
      range.busy = true;
      try {
        while (!range.exhausted && !opts.stopped()) await readNext(range);
      } finally {
        range.busy = false;
      }
    }
  }

  return {
    /**
     * Reads until every range is read or the caller stopped. The first range without an upper bound is read
     * from the top before the readers start, so they have bounded ranges to share.
     */
    async run(): Promise<void> {
      const unbounded = ranges.find((r) => r.upTo === null && !r.exhausted);
      if (unbounded && !opts.stopped()) {
        unbounded.busy = true;
        await readTop(unbounded).finally(() => { unbounded.busy = false; });
      }
      const gate = opts.listGate;
      await Promise.all([...Array.from({ length: opts.chains }, chain), ...(gate ? [listChain(gate)] : [])]);
    },

    /** Marks a page done (every contact scored and stored); moves its range's done point over done pages. */
    pageDone(page: RangePage): void {
      const { pending } = page.range;
      const entry = pending.find((p) => p.page === page);
      if (entry) entry.done = true;
      while (pending[0]?.done) page.range.doneAfter = pending.shift()!.page.coversTo;
    },

    /** The ranges not yet done, each from its first contact not done; null when everything is. */
    cursor(): string | null {
      const open = ranges.filter((r) => !(r.exhausted && !r.pending.length));
      return encodeRanges(open.map((r) => ({ after: r.doneAfter, upTo: r.upTo })));
    },
  };
}

export type RangeReader = ReturnType<typeof createRangeReader>;
