import { describe, expect, it } from 'vitest';
import { capacityThreshold } from '../../src/analysis/capacity-threshold.js';

const DAY = 86_400_000;
const now = 28 * DAY;
/*
 * Eight leads arrived in the last four weeks (days 1…22), scoring 90, 80, 80, 70, 50, 40, 30, 20, and one before
 * the window (day −1, 99) that does not count. Weekly volume: 8 / 4 = 2. Leads scoring at least each distinct score:
 *   ≥ 90: 1 (0.25 a week)   ≥ 80: 3 (0.75)   ≥ 70: 4 (1.0)   ≥ 50: 5 (1.25)   ≥ 40: 6   ≥ 30: 7   ≥ 20: 8 (2.0)
 */
const leads = [
  { at: 1 * DAY, total: 90 }, { at: 3 * DAY, total: 80 }, { at: 5 * DAY, total: 80 }, { at: 8 * DAY, total: 70 },
  { at: 12 * DAY, total: 50 }, { at: 15 * DAY, total: 40 }, { at: 19 * DAY, total: 30 }, { at: 22 * DAY, total: 20 },
  { at: -1 * DAY, total: 99 },
];
/*
 * Held-out outcomes per score (20 converters in all). At ≥ 70: 20 flagged, 9 + 5 = 14 converters → precision
 * 14/20 = 0.7, recall 14/20 = 0.7. Wilson 95% for 14/20: centre (0.7 + 1.96²/40) / (1 + 1.96²/20) = 0.79604 / 1.19208
 * = 0.667774, half-width 1.96·√(0.7·0.3/20 + 1.96²/1600) / 1.19208 = 0.186750 → 0.481023 … 0.854525.
 * At ≥ 50: 40 flagged, 16 converters → precision 0.4, recall 16/20 = 0.8.
 */
const outcomes = [
  { score: 90, rows: 10, positives: 9 }, { score: 70, rows: 10, positives: 5 }, { score: 50, rows: 20, positives: 2 }, { score: 10, rows: 60, positives: 4 },
];

describe('capacityThreshold', () => {
  it('suggests the score of the lowest lead that still fits the weekly capacity, and the next score down', () => {
    const r = capacityThreshold(leads, 1, { now, weeks: 4 });
    expect(r).toEqual({
      state: 'ready', leadsPerWeek: 1, windowDays: 28, arrivals: 8, weeklyVolume: 2,
      suggested: { threshold: 70, perWeek: 1, precision: null, recall: null },
      nextLower: { threshold: 50, perWeek: 1.25, precision: null, recall: null },
    });
  });

  it('keeps tied leads together, so a threshold may flag fewer than the capacity', () => {
    const r = capacityThreshold(leads, 0.5, { now });
    expect(r.state === 'ready' && [r.suggested.threshold, r.suggested.perWeek, r.nextLower?.threshold, r.nextLower?.perWeek]).toEqual([90, 0.25, 80, 0.75]);
  });

  it('flags nobody when even the best lead exceeds the capacity, and flags everyone when the capacity exceeds the volume', () => {
    const tight = capacityThreshold(leads, 0.2, { now });
    expect(tight.state === 'ready' && [tight.suggested, tight.nextLower?.threshold]).toEqual([{ threshold: 91, perWeek: 0, precision: null, recall: null }, 90]);
    const loose = capacityThreshold(leads, 10, { now });
    expect(loose.state === 'ready' && [loose.suggested.threshold, loose.suggested.perWeek, loose.nextLower]).toEqual([20, 2, null]);
  });

  it('gives each option its precision and recall on held-out outcomes', () => {
    const r = capacityThreshold(leads, 1, { now, outcomes });
    if (r.state !== 'ready') throw new Error(r.reason);
    expect(r.suggested.precision).toMatchObject({ successes: 14, n: 20, rate: 0.7 });
    expect(r.suggested.precision!.low).toBeCloseTo(0.481023, 5);
    expect(r.suggested.precision!.high).toBeCloseTo(0.854525, 5);
    expect(r.suggested.recall).toMatchObject({ successes: 14, n: 20, rate: 0.7 });
    expect(r.nextLower!.precision).toMatchObject({ successes: 16, n: 40, rate: 0.4 });
    expect(r.nextLower!.recall).toMatchObject({ successes: 16, n: 20, rate: 0.8 });
  });

  it('counts arrivals only after `since`, over the shorter window', () => {
    // Window day 14 … 28 (two weeks): leads of days 15, 19, 22 scoring 40, 30, 20 → 1.5 a week.
    const r = capacityThreshold(leads, 1, { now, since: 14 * DAY });
    expect(r.state === 'ready' && [r.windowDays, r.arrivals, r.weeklyVolume, r.suggested.threshold, r.suggested.perWeek]).toEqual([14, 3, 1.5, 30, 1]);
  });

  it('says there is not enough data with less than a week of arrivals, or none', () => {
    expect(capacityThreshold(leads, 1, { now, since: 25 * DAY })).toEqual({
      state: 'not-enough-data', reason: 'Only 3.0 days of new leads so far: the weekly volume needs at least 7.', leadsPerWeek: 1, windowDays: 3, arrivals: 0,
    });
    expect(capacityThreshold([], 1, { now })).toMatchObject({ state: 'not-enough-data', reason: 'No lead arrived in the last 28 days.' });
  });
});
