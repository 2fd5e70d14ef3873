import type { Feature } from './candidate-features.js';
import { invert } from './linear-solve.js';
import { fitLogistic, type LogisticFit } from './logistic-fit.js';

/** The chosen candidates (indices, in order of entry) and the final fit over them. */
export type Selection = { chosen: number[]; fit: LogisticFit };

/**
 * Greedy forward selection: start from the base rate, and add, one at a time, the candidate with the largest
 * score statistic U²/I given the signals already chosen (Rao's score test, adjusted for them: about twice the
 * log-likelihood the candidate would add), refitting all coefficients after each addition. Stops at `maxRules`
 * or when no candidate reaches `minStatistic` (10.83 is p < 0.001 for one degree of freedom: with thousands of
 * rows weaker evidence is mostly noise). Candidates whose `allowNegative` returns false (event counts, which a
 * rule cannot negate) may only enter with a positive effect. Deterministic: ties go to the earlier candidate.
 */
export function forwardSelection(
  features: readonly Feature[],
  y: Float64Array,
  options: { maxRules: number; ridge: number; minStatistic: number; allowNegative: (f: Feature) => boolean },
): Selection {
  const chosen: number[] = [];
  let fit = fitLogistic([], y, options.ridge);
  while (chosen.length < options.maxRules) {
    const next = bestCandidate(features, chosen, fit, y, options);
    if (next === null) break;
    chosen.push(next);
    fit = fitLogistic(chosen.map((c) => features[c]!.x), y, options.ridge);
  }
  return { chosen, fit };
}

function bestCandidate(
  features: readonly Feature[],
  chosen: readonly number[],
  fit: LogisticFit,
  y: Float64Array,
  options: { ridge: number; minStatistic: number; allowNegative: (f: Feature) => boolean },
): number | null {
  const n = y.length;
  const w = new Float64Array(n);
  const r = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const p = 1 / (1 + Math.exp(-fit.eta[i]!));
    w[i] = p * (1 - p);
    r[i] = y[i]! - p;
  }
  // Information of the current design [1, chosen…] and its inverse, for the adjustment.
  const design: ArrayLike<number>[] = [Float64Array.from({ length: n }, () => 1), ...chosen.map((c) => features[c]!.x)];
  const d = design.length;
  const info = design.map((a, j) => Float64Array.from(design, (b, k) => dotW(a, b, w) + (j === k && j > 0 ? options.ridge : 0)));
  const inverse = invert(info);
  const taken = new Set(chosen);
  let best: number | null = null;
  let bestStat = options.minStatistic;
  features.forEach((f, c) => {
    if (taken.has(c)) return;
    let u = 0;
    for (let i = 0; i < n; i++) u += f.x[i]! * r[i]!;
    if (u < 0 && !options.allowNegative(f)) return;
    const v = design.map((z) => dotW(z, f.x, w));
    let adjust = 0;
    for (let j = 0; j < d; j++) for (let k = 0; k < d; k++) adjust += v[j]! * inverse[j]![k]! * v[k]!;
    const information = dotW(f.x, f.x, w) + options.ridge - adjust;
    if (information <= 1e-9) return; // (almost) a combination of chosen signals: adds nothing
    const stat = (u * u) / information;
    if (stat > bestStat) [best, bestStat] = [c, stat];
  });
  return best;
}

function dotW(a: ArrayLike<number>, b: ArrayLike<number>, w: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]! * w[i]!;
  return s;
}
