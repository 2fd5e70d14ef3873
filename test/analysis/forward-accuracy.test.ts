import { describe, expect, it } from 'vitest';
import { forwardAccuracy, type ScoreSnapshot } from '../../src/analysis/forward-accuracy.js';
import { lifecycleConversions } from '../../src/analysis/lifecycle-conversions.js';

const DAY = 86_400_000;
const snap = (contactId: string, day: number, total: number | null): ScoreSnapshot => ({ contactId, at: day * DAY, total });

/*
 * Scores (known from the day shown) and conversions, the table every expectation below is computed from:
 *
 *   contact  scores                 converts
 *   A        day 0: 40, day 10: 70  day 20
 *   B        day 0: 30              day 12
 *   C        day 0: 50, day 12: 90  day 30
 *   X        day 0: 20, day 11: 60  never
 *   Y        day 0: 50              never
 *   Z        day 6: 10              never
 *   W        day 0: out of scope    never
 *
 * Horizon 7 days, each converter's score 7 days before it converted against everyone not converted by then:
 *   A (day 13): 70 vs C 90 (0), X 60 (1), Y 50 (1), Z 10 (1); B had converted; W out of scope → 3 of 4
 *   B (day 5):  30 vs A 40 (0), C 50 (0), X 20 (1), Y 50 (0); Z not scored yet             → 1 of 4
 *   C (day 23): 90 vs X 60 (1), Y 50 (1), Z 10 (1); A and B had converted                  → 3 of 3
 * AUC = (3 + 1 + 3) / (4 + 4 + 3) = 7/11 = 0.636364.
 * DeLong: converter placements 0.75, 0.25, 1 (mean 2/3, sample variance 0.291667/2 = 0.145833);
 * comparator placements A 0/1, C 0/2, X 3/3, Y 2/3, Z 2/2 = 0, 0, 1, 0.666667, 1 (mean 0.533333, variance
 * 1.022222/4 = 0.255556); se = √(0.145833/3 + 0.255556/5) = √0.099722 = 0.315788;
 * interval 0.636364 ± 1.96·0.315788 = 0.017419 … 1.255309, clipped to 1.
 * Mean scores: converters (70 + 30 + 90)/3 = 63.333333; comparators, pair-weighted, (210 + 160 + 120)/11 = 44.545455.
 */
const snapshots = [
  snap('A', 0, 40), snap('A', 10, 70), snap('B', 0, 30), snap('C', 0, 50), snap('C', 12, 90),
  snap('X', 0, 20), snap('X', 11, 60), snap('Y', 0, 50), snap('Z', 6, 10), snap('W', 0, null),
];
const conversions = [{ contactId: 'A', at: 20 * DAY }, { contactId: 'B', at: 12 * DAY }, { contactId: 'C', at: 30 * DAY }];
const loose = { minConverters: 1, minComparators: 1 };

describe('forwardAccuracy', () => {
  it('ranks converters by the score they had N days before converting against the others at the same moment', () => {
    const r = forwardAccuracy(snapshots, conversions, { now: 40 * DAY, horizons: [7], ...loose });
    expect(r).toMatchObject({ state: 'ready', firstSnapshotAt: 0, earliestReadyAt: 7 * DAY, contacts: 7, conversions: 3 });
    const h = r.horizons[0]!;
    expect(h).toMatchObject({ days: 7, state: 'ready', reason: null, converters: 3, comparators: 5, pairs: 11 });
    expect(h.auc!.auc).toBeCloseTo(7 / 11, 10);
    expect(h.auc!.se).toBeCloseTo(0.315788, 5);
    expect(h.auc!.low).toBeCloseTo(0.017419, 5);
    expect(h.auc!.high).toBe(1);
    expect([h.auc!.positives, h.auc!.negatives]).toEqual([3, 5]);
    expect(h.meanConverterScore).toBeCloseTo(63.333333, 5);
    expect(h.meanComparatorScore).toBeCloseTo(44.545455, 5);
  });

  it('uses only conversions with a score old enough for the horizon', () => {
    // 30 days before: only C (day 0: 50) has a score; against X 20 (1) and Y 50 (½) → 1.5 / 2 = 0.75.
    const r = forwardAccuracy(snapshots, conversions, { now: 40 * DAY, horizons: [30], ...loose });
    expect(r.horizons[0]).toMatchObject({ converters: 1, comparators: 2, pairs: 2, auc: { auc: 0.75 } });
  });

  it('says why a horizon is not ready: too few converters with an old-enough score', () => {
    const r = forwardAccuracy(snapshots, conversions, { now: 40 * DAY, horizons: [7, 30] });
    expect(r.state).toBe('waiting');
    expect(r.horizons.map((h) => [h.state, h.reason, h.auc])).toEqual([
      ['not-enough-data', '3 conversions with a score from 7 days before and other contacts to compare with; at least 5 needed.', null],
      ['not-enough-data', '1 conversion with a score from 30 days before and other contacts to compare with; at least 5 needed.', null],
    ]);
  });

  it('appears as the clock moves on: nothing before the first snapshot, waiting until conversions happen, then a report', () => {
    expect(forwardAccuracy([], [], { now: 0, horizons: [7] })).toMatchObject({
      state: 'no-snapshots', firstSnapshotAt: null, earliestReadyAt: null, horizons: [{ state: 'not-enough-data', reason: 'No conversion recorded yet.' }],
    });
    // Day 11: no conversion has happened yet (conversions in the future are not known).
    const early = forwardAccuracy(snapshots, conversions, { now: 11 * DAY, horizons: [7], ...loose });
    expect(early).toMatchObject({ state: 'waiting', conversions: 0, horizons: [{ reason: 'No conversion recorded yet.' }] });
    // Day 25: A and B converted; C is still an unconverted contact, scoring 90 on day 13 → A: 70 vs C 90, X 60, Y 50, Z 10
    // (3 of 4); B as before (1 of 4) → 4/8.
    const later = forwardAccuracy(snapshots, conversions, { now: 25 * DAY, horizons: [7], ...loose });
    expect(later.state).toBe('ready');
    expect(later.horizons[0]).toMatchObject({ converters: 2, pairs: 8, auc: { auc: 0.5 } });
  });

  it('says when conversions exist but none has a score from early enough', () => {
    const r = forwardAccuracy([snap('A', 0, 40), snap('B', 0, 10)], [{ contactId: 'A', at: 3 * DAY }], { now: 10 * DAY, horizons: [7] });
    expect(r).toMatchObject({ state: 'waiting', earliestReadyAt: 7 * DAY, horizons: [{ reason: 'No conversion yet has a score from at least 7 days before it.' }] });
  });
});

describe('lifecycleConversions', () => {
  it('dates a conversion at the first change to the target stage or a later one', () => {
    const changes = new Map([
      ['1', [{ at: 5, value: 'lead' }, { at: 9, value: 'opportunity' }, { at: 12, value: 'customer' }]],
      ['2', [{ at: 3, value: 'lead' }, { at: 8, value: 'marketingqualifiedlead' }]],
      ['3', [{ at: 4, value: 'evangelist' }]],
    ]);
    expect(lifecycleConversions(changes)).toEqual([{ contactId: '1', at: 12 }, { contactId: '3', at: 4 }]);
    expect(lifecycleConversions(changes, 'opportunity')).toEqual([{ contactId: '1', at: 9 }, { contactId: '3', at: 4 }]);
  });
});
