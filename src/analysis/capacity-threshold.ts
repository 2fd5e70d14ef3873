import type { CapacityOption, CapacityThreshold, ScoreCount } from './report-schemas.js';
import { wilsonInterval } from './wilson-interval.js';

const DAY = 86_400_000;

/** A lead as the capacity planner sees it: when it arrived (epoch ms) and its score now. */
export type ArrivedLead = { at: number; total: number };

export type CapacityOptions = {
  now: number;
  /** How many recent weeks of arrivals measure the weekly volume (default 4). */
  weeks?: number;
  /** Arrivals before this moment are not counted (e.g. the backlog scored all at once at install). */
  since?: number;
  /** Held-out contacts per score with their outcomes, for the precision and recall of each threshold. */
  outcomes?: readonly ScoreCount[];
};

/**
 * "Flag the best N leads per week": the threshold whose leads, at the recent arrival rate, number at most
 * `leadsPerWeek` a week. The leads that arrived in the window (the last `weeks` weeks, not before `since`) give
 * the weekly volume and the score distribution; the suggestion is the score of the lowest-scoring lead that still
 * fits (so ties at it are all in), and `nextLower` the next score down, which flags more than N. With the
 * outcomes of an analysis, each option carries its expected precision and recall. Less than a week of arrivals,
 * or none, is not enough to measure a weekly volume.
 */
export function capacityThreshold(leads: readonly ArrivedLead[], leadsPerWeek: number, options: CapacityOptions): CapacityThreshold {
  const { now } = options;
  const start = Math.max(now - (options.weeks ?? 4) * 7 * DAY, options.since ?? -Infinity);
  const windowDays = Math.max(0, (now - start) / DAY);
  const totals = leads.filter((l) => l.at >= start && l.at <= now).map((l) => l.total).sort((a, b) => b - a);
  const arrivals = totals.length;
  if (windowDays < 7 || arrivals === 0) {
    const reason = windowDays < 7
      ? `Only ${windowDays.toFixed(1)} days of new leads so far: the weekly volume needs at least 7.`
      : `No lead arrived in the last ${windowDays.toFixed(0)} days.`;
    return { state: 'not-enough-data', reason, leadsPerWeek, windowDays, arrivals };
  }
  const weeks = windowDays / 7;
  // Distinct scores, best first, with how many leads score at least that much.
  const levels: { score: number; atLeast: number }[] = [];
  totals.forEach((t, i) => {
    const last = levels[levels.length - 1];
    if (last && last.score === t) last.atLeast = i + 1;
    else levels.push({ score: t, atLeast: i + 1 });
  });
  const fits = levels.filter((l) => l.atLeast / weeks <= leadsPerWeek);
  const chosen = fits[fits.length - 1];
  const option = (threshold: number, flagged: number) => ({ threshold, perWeek: flagged / weeks, ...quality(threshold, options.outcomes) });
  // When even the top score's ties exceed the capacity, nothing observed fits: one point above the top flags none.
  const suggested = chosen ? option(chosen.score, chosen.atLeast) : option(levels[0]!.score + 1, 0);
  const below = levels[chosen ? fits.length : 0];
  return {
    state: 'ready',
    leadsPerWeek,
    windowDays,
    arrivals,
    weeklyVolume: arrivals / weeks,
    suggested,
    nextLower: below ? option(below.score, below.atLeast) : null,
  };
}

function quality(threshold: number, outcomes: readonly ScoreCount[] | undefined): Pick<CapacityOption, 'precision' | 'recall'> {
  if (!outcomes) return { precision: null, recall: null };
  let flagged = 0;
  let hits = 0;
  let positives = 0;
  for (const o of outcomes) {
    positives += o.positives;
    if (o.score < threshold) continue;
    flagged += o.rows;
    hits += o.positives;
  }
  return { precision: wilsonInterval(hits, flagged), recall: wilsonInterval(hits, positives) };
}
