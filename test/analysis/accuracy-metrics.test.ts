import { describe, expect, it } from 'vitest';
import { calibrationBands } from '../../src/analysis/calibration.js';
import { evaluateModel, stageAccuracy } from '../../src/analysis/evaluate-model.js';
import { liftByDecile } from '../../src/analysis/lift-by-decile.js';
import { rocAuc } from '../../src/analysis/roc-auc.js';
import { wilsonInterval } from '../../src/analysis/wilson-interval.js';
import { parseModel } from '../../src/scoring/index.js';

/*
 * The small table every expectation below is computed from by hand.
 *
 *   row  score  converted          ascending mid-rank
 *   a     100     yes               10
 *   b      80     yes                8.5  (tied with c: ranks 8 and 9 share 8.5)
 *   c      80     no                 8.5
 *   d      70     yes                7
 *   e      60     no                 6
 *   f      50     yes                5
 *   g      40     no                 4
 *   h      30     no                 3
 *   i      20     no                 2
 *   j      10     no                 1
 *
 * P = 4 converters, N = 6 others, base rate 4/10 = 0.4.
 */
const scores = [100, 80, 80, 70, 60, 50, 40, 30, 20, 10];
const labels = [true, true, false, true, false, true, false, false, false, false];

describe('accuracy metrics on a hand-computed table', () => {
  it('computes ROC AUC as Mann–Whitney with ties counted as one half', () => {
    // Rank sum of converters = 10 + 8.5 + 7 + 5 = 30.5; U = 30.5 − P(P+1)/2 = 30.5 − 10 = 20.5; AUC = U / (P·N) = 20.5/24.
    // Pair view: a beats 6, b beats 5 and ties c (+0.5), d beats 5, f beats 4: 6 + 5.5 + 5 + 4 = 20.5.
    // Hanley–McNeil: A = 0.854167, Q1 = A/(2−A) = 0.745455, Q2 = 2A²/(1+A) = 0.786985, A² = 0.729601;
    // var = (A(1−A) + 3(Q1−A²) + 5(Q2−A²)) / 24 = (0.124566 + 0.047561 + 0.286920) / 24 = 0.019127, se = 0.138301;
    // interval A ± 1.96·se = 0.583098 … 1.125236, clipped to 1.
    const r = rocAuc(scores, labels);
    expect(r.auc).toBeCloseTo(20.5 / 24, 10);
    expect(r.se).toBeCloseTo(0.138301, 5);
    expect(r.low).toBeCloseTo(0.583098, 5);
    expect(r.high).toBe(1);
    expect([r.positives, r.negatives]).toEqual([4, 6]);
  });

  it('gives AUC 0.5 with the whole interval when one class is missing', () => {
    expect(rocAuc([1, 2, 3], [true, true, true])).toMatchObject({ auc: 0.5, low: 0, high: 1 });
  });

  it('computes lift by decile, spreading a tied run evenly over the deciles it straddles', () => {
    // 10 rows, so each decile is one position in the ranking a, {b,c}, d, e, f, g, h, i, j.
    // The tie {b,c} holds 1 converter in 2 positions: each position carries 0.5 converters.
    // Rates: 1, 0.5, 0.5, 1, 0, 1, 0, 0, 0, 0; lift = rate / 0.4: 2.5, 1.25, 1.25, 2.5, 0, 2.5, 0, 0, 0, 0.
    // Cumulative captured (of 4 converters): 1/4, 1.5/4, 2/4, 3/4, 3/4, 4/4, then 1.
    const deciles = liftByDecile(scores, labels);
    expect(deciles.map((d) => d.rows)).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
    expect(deciles.map((d) => d.rate)).toEqual([1, 0.5, 0.5, 1, 0, 1, 0, 0, 0, 0]);
    expect(deciles.map((d) => d.lift)).toEqual([2.5, 1.25, 1.25, 2.5, 0, 2.5, 0, 0, 0, 0]);
    expect(deciles.map((d) => d.cumulativeCapture)).toEqual([0.25, 0.375, 0.5, 0.75, 0.75, 1, 1, 1, 1, 1]);
    expect(deciles.map((d) => [d.maxScore, d.minScore])[1]).toEqual([80, 80]);
  });

  it('gives the same lift whatever the order of tied rows', () => {
    // Swapping b and c in the input must not move the converter between deciles 2 and 3.
    const swapped = liftByDecile([100, 80, 80, 70, 60, 50, 40, 30, 20, 10], [true, false, true, true, false, true, false, false, false, false]);
    expect(swapped.map((d) => d.rate)).toEqual([1, 0.5, 0.5, 1, 0, 1, 0, 0, 0, 0]);
  });

  it('computes lift by quintile on the same table', () => {
    // Pairs of positions: (a, ½) = 1.5/2, (½, d) = 1.5/2, (e, f) = 1/2, (g, h) = 0, (i, j) = 0.
    // Lifts: 0.75/0.4 = 1.875, 1.875, 0.5/0.4 = 1.25, 0, 0.
    // Cumulative lift of the top two: 1 + 0.5 + 0.5 + 1 = 3 converters in 4 rows, 0.75 ÷ 0.4 = 1.875.
    const quintiles = liftByDecile(scores, labels, 5);
    expect(quintiles.map((q) => q.lift)).toEqual([1.875, 1.875, 1.25, 0, 0]);
    expect(quintiles[1]!.cumulativeLift).toBeCloseTo(1.875, 10);
  });

  it('computes calibration per 10-point band with Wilson intervals, the top band closed at 100', () => {
    // Bands: 0–9 empty; 10–19 j; 20–29 i; 30–39 h; 40–49 g; 50–59 f (1/1); 60–69 e (0/1); 70–79 d (1/1);
    // 80–89 b, c (1/2); 90–100 a (1/1, the score of 100 belongs to the top band).
    // Wilson for 1/2, z = 1.96: centre (0.5 + z²/4)/(1 + z²/2) = 1.4604/2.9208 = 0.5,
    //   half-width z·√(0.25/2 + z²/16)/(1 + z²/2) = 1.96·0.604235/2.9208 = 0.405471 → 0.094529 … 0.905471.
    // Wilson for 1/1: centre (1 + z²/2)/(1 + z²) = 2.9208/4.8416 = 0.603273, half z·(z/2)/(1 + z²) = 0.396727
    //   → 0.206546 … 1.
    const bands = calibrationBands(scores, labels);
    expect(bands.map((b) => b.label)).toEqual(['0–9', '10–19', '20–29', '30–39', '40–49', '50–59', '60–69', '70–79', '80–89', '90–100']);
    expect(bands.map((b) => b.n)).toEqual([0, 1, 1, 1, 1, 1, 1, 1, 2, 1]);
    expect(bands.map((b) => b.successes)).toEqual([0, 0, 0, 0, 0, 1, 0, 1, 1, 1]);
    expect(bands[8]!.rate).toBe(0.5);
    expect(bands[8]!.low).toBeCloseTo(0.094529, 5);
    expect(bands[8]!.high).toBeCloseTo(0.905471, 5);
    expect(bands[9]!.low).toBeCloseTo(0.206546, 5);
    expect(bands[9]!.high).toBe(1);
    expect(bands[0]).toMatchObject({ n: 0, low: 0, high: 1 });
  });

  it('computes precision and recall at each stage, counting contacts at that stage or above', () => {
    // SQL ≥ 70 flags a, b, c, d: 3 converters of 4 flagged (precision 0.75), 3 of 4 converters (recall 0.75).
    // MQL ≥ 45 flags a–f: 4 of 6 (precision 0.6667), 4 of 4 (recall 1).
    // Wilson 3/4 → 0.300636 … 0.954414; 4/6 → 0.299988 … 0.903231.
    const [sql, mql] = stageAccuracy([{ label: 'SQL', min: 70 }, { label: 'MQL', min: 45 }], scores, labels);
    expect(sql).toMatchObject({ label: 'SQL', flagged: 4, precision: { successes: 3, n: 4, rate: 0.75 }, recall: { rate: 0.75 } });
    expect(sql!.precision.low).toBeCloseTo(0.300636, 5);
    expect(sql!.precision.high).toBeCloseTo(0.954414, 5);
    expect(mql).toMatchObject({ flagged: 6, precision: { successes: 4, n: 6 }, recall: { successes: 4, n: 4, rate: 1 } });
    expect(mql!.precision.low).toBeCloseTo(0.299988, 5);
    expect(mql!.precision.high).toBeCloseTo(0.903231, 5);
  });

  it('computes the Wilson interval of 8 out of 10', () => {
    // centre (0.8 + z²/20)/(1 + z²/10) = 0.99208/1.38416 = 0.716734; half z·√(0.016 + z²/400)/1.38416 = 0.226578.
    const w = wilsonInterval(8, 10);
    expect(w.low).toBeCloseTo(0.490157, 5);
    expect(w.high).toBeCloseTo(0.943319, 5);
  });

  it('reproduces the table through the engine when a model scores each contact its "score" property', () => {
    // Ten rules "score ≥ 10·k: +10" make fit = score; with fitWeight 1 the total equals the score.
    const rules = Array.from({ length: 10 }, (_, k) => ({
      id: `at_least_${10 * (k + 1)}`,
      label: `score ≥ ${10 * (k + 1)}`,
      points: 10,
      when: { property: 'score', op: 'gte', value: 10 * (k + 1) },
    }));
    const parsed = parseModel({
      id: 'staircase',
      name: 'Staircase',
      fit: { groups: [{ id: 'score', label: 'Score', rules }] },
      engagement: { groups: [] },
      total: { fitWeight: 1, engagementWeight: 0 },
      stages: [{ label: 'SQL', min: 70 }, { label: 'MQL', min: 45 }],
    });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const rows = scores.map((s, i) => ({ properties: { score: String(s) }, events: [], converted: labels[i]! }));
    const report = evaluateModel(parsed.model, rows, 0);
    expect(report.auc.auc).toBeCloseTo(20.5 / 24, 10);
    expect(report.baseRate).toBe(0.4);
    expect(report.liftByDecile.map((d) => d.lift)).toEqual([2.5, 1.25, 1.25, 2.5, 0, 2.5, 0, 0, 0, 0]);
    expect(report.calibration.map((b) => b.n)).toEqual([0, 1, 1, 1, 1, 1, 1, 1, 2, 1]);
    expect(report.stages.map((s) => [s.flagged, s.precision.successes])).toEqual([[4, 3], [6, 4]]);
  });
});
