import type { ForwardAccuracy, ForwardHorizon } from './report-schemas.js';
import { upperBound } from './upper-bound.js';

const DAY = 86_400_000;

/** A score the app had given a contact by `at` (epoch ms); `total` null when the contact was out of scope. */
export type ScoreSnapshot = { contactId: string; at: number; total: number | null };
/** A contact's conversion (e.g. lifecycle stage reached customer) at `at` (epoch ms). */
export type Conversion = { contactId: string; at: number };

export type ForwardOptions = {
  now: number;
  /** Days before the conversion at which the score is read (default 7, 14, 30). */
  horizons?: readonly number[];
  /** Fewer converters or comparators than this at a horizon is "not enough data" (default 5 each). */
  minConverters?: number;
  minComparators?: number;
};

type Timeline = { at: number[]; total: (number | null)[] };

/**
 * Forward-looking accuracy: did the scores the app gave N days before a conversion rank the contacts that went on
 * to convert above the others? For each converter (conversion at t), its score as of t − N days is compared with
 * the score, as of the same moment, of every contact that had not converted by t (never, or later): the share of
 * such pairs where the converter scored higher (ties count one half) is a time-matched ROC AUC. Its 95% interval
 * follows DeLong: the variance of the converters' placements over their count plus that of the comparators'
 * placements over theirs. A score "as of" a moment is the newest snapshot at or before it; contacts without one,
 * or out of scope then, take no part. Each horizon says when there is not enough data to say anything.
 */
export function forwardAccuracy(snapshots: readonly ScoreSnapshot[], conversions: readonly Conversion[], options: ForwardOptions): ForwardAccuracy {
  const horizons = options.horizons ?? [7, 14, 30];
  const timelines = new Map<string, Timeline>();
  for (const s of [...snapshots].sort((a, b) => a.at - b.at)) {
    const t = timelines.get(s.contactId) ?? { at: [], total: [] };
    t.at.push(s.at);
    t.total.push(s.total);
    timelines.set(s.contactId, t);
  }
  const convertedAt = new Map<string, number>();
  for (const c of conversions) {
    if (c.at > options.now) continue;
    convertedAt.set(c.contactId, Math.min(c.at, convertedAt.get(c.contactId) ?? Infinity));
  }
  const firstSnapshotAt = snapshots.length ? snapshots.reduce((m, s) => Math.min(m, s.at), Infinity) : null;
  const results = horizons.map((days) => horizon(days, timelines, convertedAt, options));
  return {
    state: firstSnapshotAt === null ? 'no-snapshots' : results.some((h) => h.state === 'ready') ? 'ready' : 'waiting',
    firstSnapshotAt,
    earliestReadyAt: firstSnapshotAt === null ? null : firstSnapshotAt + Math.min(...horizons) * DAY,
    contacts: timelines.size,
    conversions: convertedAt.size,
    horizons: results,
  };
}

function horizon(days: number, timelines: Map<string, Timeline>, convertedAt: Map<string, number>, options: ForwardOptions): ForwardHorizon {
  const ids = [...timelines.keys()];
  const lists = ids.map((id) => timelines.get(id)!);
  const converted = ids.map((id) => convertedAt.get(id) ?? Infinity);
  const scoresAsOf = asOfCache(lists);
  // Per comparator: the sum of its pair outcomes and its number of pairs (its DeLong placement = sum / count).
  const otherSum = new Float64Array(ids.length);
  const otherCount = new Uint32Array(ids.length);
  const placements: number[] = [];
  let pairs = 0;
  let wins = 0;
  let converterScores = 0;
  let comparatorScores = 0;
  let withScore = 0;
  for (const [id, t] of convertedAt) {
    const timeline = timelines.get(id);
    const asOf = t - days * DAY;
    const own = timeline ? scoreAsOf(timeline, asOf) : null;
    if (own === null) continue;
    withScore++;
    const scores = scoresAsOf(asOf);
    let n = 0;
    let w = 0;
    for (let j = 0; j < ids.length; j++) {
      const s = scores[j]!;
      if (Number.isNaN(s) || converted[j]! <= t || ids[j] === id) continue;
      const psi = own > s ? 1 : own === s ? 0.5 : 0;
      n++;
      w += psi;
      comparatorScores += s;
      otherSum[j]! += psi;
      otherCount[j]!++;
    }
    if (n === 0) continue;
    placements.push(w / n);
    converterScores += own;
    pairs += n;
    wins += w;
  }
  const others: number[] = [];
  otherCount.forEach((count, j) => { if (count > 0) others.push(otherSum[j]! / count); });
  const base = { days, converters: placements.length, comparators: others.length, pairs };
  const reason = notReady(days, convertedAt.size, withScore, placements.length, others.length, options);
  if (reason) return { ...base, state: 'not-enough-data', reason, auc: null, meanConverterScore: null, meanComparatorScore: null };
  const auc = wins / pairs;
  const se = Math.sqrt(variance(placements) / placements.length + variance(others) / others.length);
  return {
    ...base,
    state: 'ready',
    reason: null,
    auc: { auc, se, low: Math.max(0, auc - 1.96 * se), high: Math.min(1, auc + 1.96 * se), positives: placements.length, negatives: others.length },
    meanConverterScore: converterScores / placements.length,
    meanComparatorScore: comparatorScores / pairs,
  };
}

/**
 * Every contact's score as of a moment (NaN: none, or out of scope), cached by the set of snapshot times at or
 * before it: scores only change at those times, so the thousands of conversions of a portal share a few dozen
 * arrays instead of each looking up every contact again.
 */
function asOfCache(lists: readonly Timeline[]): (at: number) => Float64Array {
  const times = [...new Set(lists.flatMap((t) => t.at))].sort((a, b) => a - b);
  const cache = new Map<number, Float64Array>();
  return (at) => {
    const known = upperBound(times, at);
    let scores = cache.get(known);
    if (!scores) {
      const moment = known === 0 ? -Infinity : times[known - 1]!;
      scores = Float64Array.from(lists, (t) => scoreAsOf(t, moment) ?? NaN);
      cache.set(known, scores);
    }
    return scores;
  };
}

function notReady(days: number, conversions: number, withScore: number, converters: number, comparators: number, o: ForwardOptions): string | null {
  const minConverters = o.minConverters ?? 5;
  const minComparators = o.minComparators ?? 5;
  if (conversions === 0) return 'No conversion recorded yet.';
  if (withScore === 0) return `No conversion yet has a score from at least ${days} days before it.`;
  if (converters < minConverters) return `${converters} conversion${converters === 1 ? '' : 's'} with a score from ${days} days before and other contacts to compare with; at least ${minConverters} needed.`;
  if (comparators < minComparators) return `${comparators} not-yet-converted contact${comparators === 1 ? '' : 's'} to compare with; at least ${minComparators} needed.`;
  return null;
}

/** The newest score at or before `at`; null when there is none or the contact was out of scope then. */
function scoreAsOf(t: Timeline, at: number): number | null {
  let lo = 0;
  let hi = t.at.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (t.at[mid]! <= at) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found < 0 ? null : t.total[found]!;
}

/** Sample variance (n − 1); 0 for fewer than two values. */
function variance(xs: readonly number[]): number {
  if (xs.length < 2) return 0;
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  return xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1);
}
